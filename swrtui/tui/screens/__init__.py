"""One detail pane per API area (tenant, organizations, repositories, tags) and the modal
screens (confirm, help, edit, cleanup, login)."""
