"""Run ``python -m swrtui emulator|demo`` as a child process and read its banner.

Shared by the serve and persistence tests: the banner's first five lines are the contract
(endpoint, region, project id, AK, SK), read as they are printed; the rest of stdout and all
of stderr are collected for assertions after the process stops.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

BANNER_KEYS = ("Endpoint", "Region", "Project ID", "AK", "SK")


@dataclass
class EmulatorProcess:
    process: subprocess.Popen[str]
    banner: dict[str, str] = field(default_factory=dict)
    _stdout: queue.Queue[str | None] = field(default_factory=queue.Queue)
    _stderr: list[str] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        return self.banner["Endpoint"]

    def stop(self, sig: signal.Signals = signal.SIGINT, timeout: float = 15) -> tuple[int, str]:
        """Send ``sig``, wait for the exit; (exit code, everything on stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        self._threads_done()
        return code, "".join(self._stderr)

    def rest_of_stdout(self) -> str:
        lines = []
        while (line := self._stdout.get(timeout=10)) is not None:
            lines.append(line)
        return "".join(lines)

    def _threads_done(self) -> None:
        for thread in threading.enumerate():
            if thread.name.startswith(f"emulator-{self.process.pid}-"):
                thread.join(timeout=5)


def start(
    *arguments: str, timeout: float = 30, python: tuple[str, ...] = ("-m", "swrtui")
) -> EmulatorProcess:
    """Start ``python -m swrtui <arguments>`` and wait for the five banner lines."""
    process = subprocess.Popen(
        [sys.executable, *python, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = EmulatorProcess(process)
    _pump(process.stdout, child._stdout.put, f"emulator-{process.pid}-out", end=True)
    _pump(process.stderr, child._stderr.append, f"emulator-{process.pid}-err")
    for key in BANNER_KEYS:
        try:
            line = child._stdout.get(timeout=timeout)
        except queue.Empty:
            process.kill()
            raise RuntimeError(f"no {key!r} line from the emulator in {timeout}s") from None
        if line is None:
            _, stderr = child.stop()
            raise RuntimeError(f"emulator exited before its banner: {stderr}")
        name, _, value = line.rstrip("\n").partition(": ")
        if name != key:
            process.kill()
            raise RuntimeError(f"expected the {key!r} line, got {line!r}")
        child.banner[name] = value
    return child


def _pump(
    stream: IO[str] | None, sink: Callable[[Any], None], name: str, end: bool = False
) -> None:
    assert stream is not None

    def run() -> None:
        for line in stream:
            sink(line)
        if end:
            sink(None)

    threading.Thread(target=run, name=name, daemon=True).start()
