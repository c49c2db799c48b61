"""The command language's error base, :class:`CommandError` (tree in :mod:`swrtui.errors`)."""

from __future__ import annotations

from swrtui.errors import Error


class CommandError(Error):
    """Base of every error the command language raises about a line or a word of it."""

    code = "COMMAND"
    title = "Command error"
