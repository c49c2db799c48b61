"""One module per API area; each defines an :class:`~swrtui.client.endpoints._base.Area`."""
