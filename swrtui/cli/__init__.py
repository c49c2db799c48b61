"""The ``swrtui`` command line: global options and one subcommand per job.

Argument definitions live here; each subcommand's work is a module of this package imported
only when it runs (``tui``, ``repl``, ``configure``, ``login``, ``cleanup``), so ``swrtui
--help`` stays fast and ``swrtui repl`` never loads Textual. ``bootstrap`` is the one
composition root (settings → connected client; the demo → the in-process emulator) and
``docker_credential`` is the ``docker-credential-swr`` console script.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from swrtui import __version__

# subcommand -> "module:function" taking the parsed namespace and returning an exit code
_RUNNERS: dict[str, str] = {
    "emulator": "swrtui.emulator.serve:run_emulator",
    "demo": "swrtui.cli.tui:run_demo",
    # no subcommand: the TUI on the chosen profile
    "tui": "swrtui.cli.tui:run_tui",
    "configure": "swrtui.cli.configure:run_configure",
    "profiles": "swrtui.cli.configure:run_profiles",
    "keyring": "swrtui.cli.configure:run_keyring",
    "repl": "swrtui.cli.repl:run_repl",
    # `swrtui demo --repl`
    "demo-repl": "swrtui.cli.repl:run_demo_repl",
    "login": "swrtui.cli.login:run_login",
    "cleanup": "swrtui.cli.cleanup:run_cleanup",
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


def _add_repl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-c",
        dest="repl_command",
        action="append",
        metavar="CMD",
        help="run this command line and exit (repeatable; runs in order)",
    )
    parser.add_argument("--script", metavar="FILE", help="run the command lines of FILE")


def _add_repl(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    repl = subparsers.add_parser(
        "repl",
        help="command-line shell with completion (scripts: -c, --script, or stdin)",
        description="An interactive shell speaking swrtui's command language (`help` lists "
        "it). With -c, --script or piped stdin it runs the lines non-interactively: results "
        "on stdout, one-line errors on stderr, exit 0 ok, 1 command error, 2 usage error, "
        "3 incomplete listing (what is missing is named).",
    )
    _add_repl_options(repl)
    repl.add_argument("--no-history", action="store_true", help="do not keep a history file")


def _add_demo(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="try swrtui on built-in demo data, no account needed",
        description="Run the swrtui TUI against an in-process emulator with the demo seed. "
        "Nothing leaves the process and nothing is saved: every file the demo writes (docker "
        "config, journals, caches) goes to a temporary demo directory, removed on exit.",
    )
    demo.add_argument("--repl", action="store_true", help="the command-line shell instead")
    demo.add_argument(
        "--keep-demo-dir",
        action="store_true",
        help="keep the demo directory on exit and print where it is",
    )
    _add_repl_options(demo)


def _add_configure(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    configure = subparsers.add_parser(
        "configure",
        help="create or update a profile (secret goes to the OS keyring)",
        description="Create or update a profile. Missing values are prompted for on a "
        "terminal; scripts pass flags and pipe the secret in with --sk-stdin, "
        "--password-stdin or --token-stdin (never as an argument). The credentials are "
        "checked with one authenticated call before anything is saved.",
    )
    # SUPPRESS: `swrtui --profile x configure` and `swrtui configure --profile x` both work;
    # a subparser default would overwrite the global option's value.
    for flag, help_text in (
        ("--profile", "profile name (default: the default profile, else 'default')"),
        ("--region", "region id, e.g. cn-north-4"),
        ("--endpoint", "SWR API endpoint URL"),
        ("--project-id", "project id"),
    ):
        configure.add_argument(flag, default=argparse.SUPPRESS, help=help_text)
    configure.add_argument("--iam-endpoint", help="IAM endpoint URL, for --auth password")
    configure.add_argument("--auth", choices=("aksk", "password", "token"), help="auth method")
    configure.add_argument("--ak", help="access key id (not secret; stored in the config file)")
    configure.add_argument("--domain", help="account (domain) name, for --auth password")
    configure.add_argument("--user", help="IAM user name, for --auth password")
    secret = configure.add_mutually_exclusive_group()
    secret.add_argument("--sk-stdin", action="store_true", help="read the SK from stdin")
    secret.add_argument("--password-stdin", action="store_true", help="read the password")
    secret.add_argument("--token-stdin", action="store_true", help="read the IAM token")
    configure.add_argument("--default", action="store_true", help="make it the default profile")
    configure.add_argument(
        "--no-verify-call", action="store_true", help="save without checking the credentials"
    )


def _add_profiles(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    profiles = subparsers.add_parser("profiles", help="list, show or delete profiles")
    actions = profiles.add_subparsers(dest="profiles_action", metavar="ACTION")
    actions.add_parser("list", help="profiles with region, auth method and the default (*)")
    show = actions.add_parser("show", help="one profile's settings; secrets shown masked")
    show.add_argument("name")
    delete = actions.add_parser("delete", help="remove a profile and its keyring entries")
    delete.add_argument("name")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _add_keyring(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keyring = subparsers.add_parser("keyring", help="check the OS keyring used for secrets")
    actions = keyring.add_subparsers(dest="keyring_action", metavar="ACTION", required=True)
    actions.add_parser("status", help="which backend is active and whether it can store secrets")


def _add_login(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = subparsers.add_parser(
        "login",
        help="docker login for the profile's registry (temporary or long-term)",
        description="Get docker credentials for the active profile's SWR registry: a temporary "
        "login from the API (default) or the long-term login computed from the AK/SK. The "
        "password is masked unless --show or --json.",
    )
    login.add_argument("--long-term", action="store_true", help="computed from AK/SK, no expiry")
    login.add_argument(
        "--write-docker-config", action="store_true", help="merge into docker's config.json"
    )
    login.add_argument(
        "--docker-login", action="store_true", help="run docker login, password on its stdin"
    )
    login.add_argument("--kubernetes-secret", metavar="NAME", help="print a pull Secret manifest")
    login.add_argument("--namespace", help="Kubernetes namespace for --kubernetes-secret")
    login.add_argument("--show", action="store_true", help="show the password")
    login.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as JSON")


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    """The cleanup rule options, generated from the one definition the REPL and TUI share.

    Values stay text here and are parsed with the rules, so a bad one is a coded one-line
    error. A many-valued option takes exactly one value and repeats: ``--keep A --keep B``
    never swallows the scope after it.
    """
    from swrtui.services.cleanup.options import RULE_OPTIONS

    for option in RULE_OPTIONS:
        if option.is_flag:
            parser.add_argument(option.flag, action="store_true", help=option.help)
        else:
            action = "append" if option.many else "store"
            parser.add_argument(option.flag, action=action, metavar=option.metavar,
                                help=option.help)  # fmt: skip


def _add_cleanup(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cleanup = subparsers.add_parser(
        "cleanup",
        help="delete old tags by rules (dry run unless --execute)",
        description="Plan which tags to delete and show the plan; --execute deletes them "
        "(asks first, or --yes). Keep rules (latest, --keep, --exclude) beat delete rules.",
    )
    cleanup.add_argument("scope", nargs="?", metavar="ORG/REPO_GLOB", help="e.g. demo/* or demo")
    _add_rule_options(cleanup)
    cleanup.add_argument("--execute", action="store_true", help="delete (default: dry run)")
    cleanup.add_argument("--yes", action="store_true", help="do not ask before deleting")
    cleanup.add_argument("--resume", metavar="RUN", help="finish a run from its journal")
    cleanup.add_argument("--concurrency", type=int, default=4, help="parallel deletes")
    cleanup.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="swrtui",
        description="Terminal console for Huawei Cloud SWR (SoftWare Repository for Container).",
    )
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_emulator(subparsers)
    _add_demo(subparsers)
    _add_repl(subparsers)
    _add_configure(subparsers)
    _add_profiles(subparsers)
    _add_keyring(subparsers)
    _add_login(subparsers)
    _add_cleanup(subparsers)
    return parser


def _runner(command: str) -> Callable[[argparse.Namespace], int]:
    module_name, _, function = _RUNNERS[command].partition(":")
    return getattr(import_module(module_name), function)  # type: ignore[no-any-return]


def _runner_name(args: argparse.Namespace) -> str:
    if args.command == "demo" and getattr(args, "repl", False):
        return "demo-repl"
    return str(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "tui"
    from swrtui.redaction import install_redaction

    install_redaction()
    try:
        return _runner(_runner_name(args))(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        return _report(exc)


def _report(exc: Exception) -> int:
    """One redacted line on stderr (a redacted traceback too with SWRTUI_DEBUG=1).

    Expected errors (the :class:`swrtui.errors.Error` tree) tell the whole story in their
    message; anything else is a bug and says how to see more. The exit status is the
    error's own (:attr:`swrtui.errors.Error.exit_code`); a bug exits 1.
    """
    from swrtui.errors import Error, describe_error
    from swrtui.redaction import redact_exception

    debug = os.environ.get("SWRTUI_DEBUG") == "1"
    if debug:
        print(redact_exception(exc), file=sys.stderr, end="")
    hint = "" if debug or isinstance(exc, Error) else " (SWRTUI_DEBUG=1 shows details)"
    print(f"swrtui: {describe_error(exc)}{hint}", file=sys.stderr)
    return exc.exit_code if isinstance(exc, Error) else 1


if __name__ == "__main__":
    raise SystemExit(main())
