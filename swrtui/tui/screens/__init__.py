"""The modal and work screens (confirm, form, help, edit repository, profiles, cleanup,
login) and command mode's output; the detail panes are in :mod:`swrtui.tui.panes`."""
