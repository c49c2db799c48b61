"""``docker login`` for given credentials: command lines to show, and running it safely.

Forms of the command, safest first (:func:`login_command`):

- ``prompt``: ``docker login -u USER HOST`` — docker asks for the password without echo;
  paste it from the clipboard. Nothing secret on any command line, in history or on screen.
- ``stdin``: ``printf '%s' 'PASSWORD' | docker login -u USER --password-stdin HOST``.
  ``printf`` is a shell builtin (bash, zsh, dash), so the password is on no process's argv
  (``ps`` cannot see it), but it *is* in the shell history unless the line starts with a
  space and ``HISTCONTROL=ignorespace`` (bash) / ``setopt HIST_IGNORE_SPACE`` (zsh) is set;
  the command is therefore given with a leading space.
- ``plain``: ``docker login -u USER -p PASSWORD HOST`` — only on request: the password is
  on docker's argv, in history, and docker itself warns against it.

:func:`docker_login` runs ``docker login --password-stdin`` itself and writes the password to
the child's stdin: the safest of all, as no human handles the password.
"""

from __future__ import annotations

import asyncio
import shlex
from dataclasses import dataclass

from swrtui.redaction import Secret, redact
from swrtui.services.login.credentials import DockerCredentials

FORMS = ("prompt", "stdin", "plain")


def login_command(credentials: DockerCredentials, form: str = "prompt") -> Secret:
    """The command line of ``form``; a :class:`Secret` because two of the forms hold it."""
    user, host = shlex.quote(credentials.username), shlex.quote(credentials.host)
    password = shlex.quote(credentials.password.reveal())
    if form == "prompt":
        return Secret(f"docker login -u {user} {host}")
    if form == "stdin":
        return Secret(f" printf '%s' {password} | docker login -u {user} --password-stdin {host}")
    if form == "plain":
        return Secret(f"docker login -u {user} -p {password} {host}")
    raise ValueError(f"form must be one of {', '.join(FORMS)}, got {form!r}")


def docker_argv(credentials: DockerCredentials, docker: str = "docker") -> list[str]:
    """The argv :func:`docker_login` starts: the password is not in it, by construction."""
    return [
        docker,
        "login",
        "--username",
        credentials.username,
        "--password-stdin",
        credentials.host,
    ]


@dataclass(frozen=True)
class DockerLoginResult:
    returncode: int
    output: str  # docker's stdout and stderr, redacted

    @property
    def ok(self) -> bool:
        return self.returncode == 0


async def docker_login(
    credentials: DockerCredentials, docker: str = "docker", timeout: float = 60.0
) -> DockerLoginResult:
    """Run ``docker login --password-stdin``, feeding the password on the child's stdin."""
    process = await asyncio.create_subprocess_exec(
        *docker_argv(credentials, docker),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    secret = credentials.password.reveal().encode("utf-8")
    try:
        output, _ = await asyncio.wait_for(process.communicate(secret), timeout)
    except BaseException:
        if process.returncode is None:
            process.kill()
            await process.wait()
        raise
    text = output.decode("utf-8", "replace")
    return DockerLoginResult(process.returncode or 0, redact(text, [credentials.password.reveal()]))
