"""swrtui.tui: the Textual front end.

``run`` holds the entry points the command line imports lazily; ``app`` the
:class:`~swrtui.tui.app.SwrApp`; ``screens/`` one detail pane per API area plus the modal
screens (confirm, help, cleanup, login); ``widgets/`` the navigation tree and the paged tags
table; ``palette`` the command-palette providers; ``theme_files`` theme loading.
Imports :mod:`swrtui.client`, :mod:`swrtui.config`, services and commands; never the emulator
(the demo client comes from :mod:`swrtui.bootstrap`).
"""
