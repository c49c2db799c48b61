"""The ``swrtui`` command line: global options and one subcommand per job.

Argument definitions live here; each subcommand's work is imported only when it runs, so
``swrtui --help`` stays fast and never loads Textual, prompt-toolkit or the emulator.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from swrtui import __version__

# subcommand -> "module:function" taking the parsed namespace and returning an exit code
_RUNNERS: dict[str, str] = {
    "emulator": "swrtui.emulator.serve:run_emulator",
    "demo": "swrtui.emulator.serve:run_demo",
}


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"swrtui {__version__}")
    parser.add_argument("--profile", help="configuration profile to use")
    parser.add_argument("--region", help="region id, e.g. cn-north-4")
    parser.add_argument("--endpoint", help="SWR API endpoint URL (overrides the region default)")
    parser.add_argument("--project-id", help="project id (sent as X-Project-Id)")
    parser.add_argument("--read-only", action="store_true", help="refuse every change")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _add_emulator(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    emulator = subparsers.add_parser(
        "emulator",
        help="serve a local SWR emulator",
        description="Serve a local SWR API emulator until Ctrl-C. Prints the endpoint and the "
        "demo tenant's credentials first, one per line.",
    )
    emulator.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default %(default)s)"
    )
    emulator.add_argument(
        "--port", type=int, default=8080, help="port (default %(default)s; 0 picks one)"
    )
    emulator.add_argument(
        "--seed", default="demo", help="starting data: demo, empty or large:ORGSxREPOSxTAGS"
    )
    emulator.add_argument(
        "--latency-ms", type=int, default=0, help="delay every API response (benchmarks)"
    )
    emulator.add_argument(
        "--state", metavar="FILE", help="keep state in this SQLite file across restarts"
    )


def _add_demo(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="try swrtui on built-in demo data, no account needed",
        description="Run swrtui against the in-process emulator with the demo seed.",
    )
    demo.add_argument(
        "--port", type=int, default=8080, help="port for the emulator (default %(default)s)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="swrtui",
        description="Terminal console for Huawei Cloud SWR (SoftWare Repository for Container).",
    )
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_emulator(subparsers)
    _add_demo(subparsers)
    return parser


def _runner(command: str) -> Callable[[argparse.Namespace], int]:
    module_name, _, function = _RUNNERS[command].partition(":")
    return getattr(import_module(module_name), function)  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return _runner(args.command)(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
