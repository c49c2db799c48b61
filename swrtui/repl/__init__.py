"""swrtui.repl: the prompt-toolkit front end of the command language.

:class:`~swrtui.repl.shell.Repl` runs a :class:`~swrtui.commands.Session` interactively
(``prompt_async`` inside ``patch_stdout``, fuzzy completion over the background name cache,
history without secrets, a bottom toolbar) or over a script (``-c``, a file, or stdin that
is not a terminal). ``swrtui.cli.repl`` builds the session from the profile or the demo.
"""

from __future__ import annotations

from swrtui.repl.shell import Repl

__all__ = ["Repl"]
