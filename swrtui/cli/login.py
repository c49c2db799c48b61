"""``swrtui login``: argument handling and printing over :mod:`swrtui.services.login`, the
service the TUI and the REPL call too.

Documents (``--json``, manifests) go to stdout; progress and notes go to stderr. Errors
reach :func:`swrtui.cli.main`, which prints them as one line ``swrtui: CODE: message``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from swrtui.cli.bootstrap import connect, resolve_settings
from swrtui.cli.console import err, secret_prompt, show_waits, wants_json
from swrtui.commands.format import when_full
from swrtui.services import login
from swrtui.services.errors import BadArgument


async def _credentials(args: argparse.Namespace) -> login.DockerCredentials:
    connected = connect(resolve_settings(args), secret_prompt())
    async with show_waits(connected.client) as client:
        if not args.long_term:
            return await login.temporary_login(client)
    if connected.long_term_keys is None:
        raise BadArgument(connected.long_term_problem)
    ak, sk = connected.long_term_keys
    return login.long_term_login(connected.region, ak, sk, connected.client.registry)


def _show_login(credentials: login.DockerCredentials, show: bool) -> None:
    document = credentials.to_json(reveal_password=show)
    print(f"Registry:  {credentials.host}")
    print(f"Username:  {credentials.username}")
    print(f"Password:  {document['password'] if show else credentials.password.masked()}")
    expires = credentials.expires_at
    print(f"Expires:   {when_full(expires) if expires else 'never (long-term login)'}")
    print()
    print("Log in (docker asks for the password; paste it, nothing lands in history):")
    print(f"  {login.login_command(credentials, 'prompt').reveal()}")
    if show:
        print("Or in one line (printf is a shell builtin: no argv; the leading space keeps it")
        print("out of history with HISTCONTROL=ignorespace / zsh HIST_IGNORE_SPACE):")
        print(f" {login.login_command(credentials, 'stdin').reveal()}")
    else:
        print("Add --show to see the password, --docker-login to let swrtui run docker login.")


async def _login(args: argparse.Namespace) -> int:
    credentials = await _credentials(args)
    as_json = wants_json(args)
    if args.write_docker_config:
        written = login.write_docker_auth(credentials)
        backup = f" (previous file kept as {written.backup})" if written.backup else ""
        err(f"wrote the login for {credentials.host} to {written.path}{backup}")
        for note in written.notes:
            err(f"note: {note}")
    if args.docker_login:
        result = await login.docker_login(credentials)
        err(result.output.rstrip())
        if not result.ok:
            return 1
    if args.kubernetes_secret:
        output = "json" if as_json else "yaml"
        sys.stdout.write(
            login.kubernetes_secret(args.kubernetes_secret, credentials, args.namespace, output)
        )
    elif as_json:
        print(json.dumps(credentials.to_json(reveal_password=True)))
    elif not (args.write_docker_config or args.docker_login) or args.show:
        _show_login(credentials, args.show)
    return 0


def run_login(args: argparse.Namespace) -> int:
    return asyncio.run(_login(args))
