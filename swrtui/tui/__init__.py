"""swrtui.tui: the Textual front end.

``app`` holds :class:`~swrtui.tui.app.SwrApp` (``actions``: what ``delete`` deletes);
``verbs`` the one verb table (keys, actions, palette titles, help); ``tabs`` the pane and
tab ids; ``panes/`` one detail pane or section per API area; ``screens/`` the modal screens
(confirm, form, help, edit, profile picker, cleanup, login) and the command-mode output;
``widgets/`` the navigation tree, the paged tags table and the command bar; ``palette`` the
command-palette providers; ``theme_files`` theme loading; ``context`` what the app runs with.
Imports :mod:`swrtui.client`, :mod:`swrtui.config`, services and commands; never the emulator
(:mod:`swrtui.cli.tui` builds the client, the demo's too, through :mod:`swrtui.cli.bootstrap`).
"""
