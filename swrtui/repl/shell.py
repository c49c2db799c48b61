"""The REPL loop: interactive (prompt-toolkit) or a script of lines, one session either way.

Interactive: ``prompt_async`` inside ``patch_stdout`` so background output never tears the
prompt; fuzzy completion in a thread; auto-suggestion and a history without secrets;
a bottom toolbar with profile, region, context and read-only. Scripts (``-c``, a file,
piped stdin) print only results; ``;`` separates commands on one line (outside quotes).
Scripts stop at the first failing command unless ``set errors continue``, and exit with
the code of the last failure (1 command error, 2 usage error, 3 a listing came back
incomplete) or 0. After an incomplete listing, ``retry`` fetches just what it missed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import ThreadedCompleter
from prompt_toolkit.formatted_text import HTML
from prompt_toolkit.history import History
from prompt_toolkit.patch_stdout import patch_stdout

from swrtui.commands import EXIT_OK, Result, Session, run_line
from swrtui.commands.tokens import split_commands
from swrtui.repl.completion import CommandCompleter
from swrtui.repl.history import SafeFileHistory, SafeMemoryHistory
from swrtui.repl.output import Printer

GREETING = "swrtui repl: `help` lists the commands, Tab completes, Ctrl-D leaves."


class Repl:
    def __init__(
        self,
        session: Session,
        *,
        history_file: Path | None = None,
        profiles: Callable[[], Sequence[str]] = tuple,
        out: TextIO | None = None,
        err: TextIO | None = None,
        rich_tables: bool = True,
    ) -> None:
        self.session = session
        self.profiles = profiles
        self.printer = Printer(out, err, rich_tables=rich_tables)
        self.history: History = (
            SafeFileHistory(history_file) if history_file else SafeMemoryHistory()
        )
        self._prompt: PromptSession[str] | None = None

    # -- scripts --------------------------------------------------------------------------

    async def run_script(self, lines: Iterable[str]) -> int:
        """Run lines in order; stop at the first failure unless ``set errors continue``."""
        code = EXIT_OK
        for line in (part for text in lines for part in split_commands(text)):
            result = await run_line(self.session, line)
            if result is None:
                continue
            self.printer.show(result, self.session.output)
            # An incomplete listing fails the script too: its rows are not the whole list.
            if result.exit_code != EXIT_OK:
                code = result.exit_code
                if self.session.errors == "stop":
                    break
            if self.session.exit_requested:
                break
        return code

    # -- interactive ------------------------------------------------------------------------

    def prompt_session(self) -> PromptSession[str]:
        if self._prompt is None:
            self._prompt = PromptSession(
                history=self.history,
                completer=ThreadedCompleter(CommandCompleter(self.session, self.profiles)),
                complete_while_typing=True,
                auto_suggest=AutoSuggestFromHistory(),
                bottom_toolbar=self.toolbar,
                complete_in_thread=False,
            )
        return self._prompt

    def prompt_text(self) -> HTML:
        return HTML(f"<b>swr</b>:<ansicyan>{escape(str(self.session.where))}</ansicyan>&gt; ")

    def toolbar(self) -> HTML:
        s = self.session
        parts = [
            f"profile <b>{escape(s.profile)}</b>",
            f"region <b>{escape(s.region)}</b>",
            f"at <b>{escape(str(s.where))}</b>",
            f"output {escape(s.output)}",
        ]
        if s.read_only:
            parts.append("<style bg='ansired'> READ-ONLY </style>")
        if s.cache.last_error:
            parts.append("names: refresh failed")
        return HTML("  ·  ".join(parts))

    async def confirm(self, question: str) -> bool:
        answer = await PromptSession[str]().prompt_async(f"{question} [y/N] ")
        return answer.strip().lower() in ("y", "yes")

    async def run_interactive(self) -> int:
        """Prompt until ``exit`` or Ctrl-D; Ctrl-C abandons the current line."""
        self.session.confirm = self.confirm
        self.session.start_cache()
        prompt = self.prompt_session()
        self.printer.line(GREETING)
        with patch_stdout(raw=True):
            while not self.session.exit_requested:
                try:
                    line = await prompt.prompt_async(self.prompt_text)
                except KeyboardInterrupt:
                    continue
                except EOFError:
                    break
                for part in split_commands(line):
                    result = await self._run(part)
                    if result is not None:
                        self.printer.show(result, self.session.output)
                    if self.session.exit_requested or (result and not result.ok):
                        break
        return EXIT_OK

    async def _run(self, line: str) -> Result | None:
        try:
            return await run_line(self.session, line)
        except KeyboardInterrupt:  # Ctrl-C while a command runs: back to the prompt
            self.printer.line("interrupted")
            return None
