"""The root of every error swrtui expects, and the one function that turns any error into text.

Each layer has one base; every error a layer raises derives from it and carries a stable
``code`` (for scripts and bug reports) and a human ``title`` (for notifications)::

    Error                               code, title
    ├── SwrError (client)               the server's error_code, status, method, url
    │   └── ValidationError, AuthError, NotFoundError, ... (see swrtui.client.errors)
    ├── ConfigError (config)            CONFIG: a config file, profile or value problem
    │   ├── CredentialStoreError        CONFIG.KEYRING: the keyring refused an operation
    │   │   └── KeyringUnavailable      CONFIG.NO_KEYRING: no usable keyring at all
    │   └── MissingCredentials          CONFIG.MISSING_CREDENTIALS (swrtui.cli.bootstrap)
    ├── ServiceError (services)         SERVICE
    │   ├── BadArgument                 BAD_ARGUMENT: an argument the service cannot use
    │   ├── RuleError                   CLEANUP.BAD_RULE: a rule, pattern or duration
    │   ├── JournalError                CLEANUP.JOURNAL: a journal not found or unreadable
    │   ├── NoPolicy                    CLEANUP.NO_POLICY: no retention policy to preview
    │   ├── ConfirmationRequired        CLEANUP.NOT_CONFIRMED: deleting without confirmed=True
    │   ├── DockerConfigError           LOGIN.DOCKER_CONFIG: docker's config.json unreadable
    │   └── HelperError                 LOGIN.HELPER: the credential-helper protocol's answer
    └── CommandError (commands)         COMMAND
        ├── UsageError                  USAGE: the line cannot be run as written
        └── ArgError                    USAGE.ARGUMENT: one word cannot be used

Anything else reaching a front end is a bug: :func:`describe_error` says "unexpected".
This module is pure: it imports only :mod:`swrtui.redaction`.
"""

from __future__ import annotations

from typing import ClassVar

from swrtui.redaction import redact

# Exit statuses of the command line and of REPL scripts, one numbering for every front end.
EXIT_OK = 0
EXIT_ERROR = 1
# Refused input: a usage error for scripts.
EXIT_USAGE = 2
# What arrived was shown, and what is missing (repositories, pages) was named.
EXIT_INCOMPLETE = 3


class Error(Exception):
    """Base of every expected error: ``str(error)`` is the message for people."""

    # Stable: scripts and bug reports match on it. Instances may refine it (the client
    # carries the server's error_code).
    code: str = "ERROR"
    title: str = "Error"
    # Whether the one-line text leads with the code. Config errors name their file, line
    # and key instead, and the client's text already starts with the server's code.
    code_in_text: ClassVar[bool] = True
    # The command line's exit status for it.
    exit_code: ClassVar[int] = EXIT_ERROR


def describe_error(exc: BaseException) -> str:
    """The text every front end shows for ``exc``: redacted, and one line for a bug.

    An expected error is ``CODE: message`` (its message may span lines, e.g. the no-keyring
    help); anything else is ``unexpected TypeName: first line``.
    """
    message = redact(str(exc))
    if isinstance(exc, Error):
        text = message or exc.title
        return f"{exc.code}: {text}" if exc.code_in_text and exc.code else text
    first_line = (message or type(exc).__name__).splitlines()[0]
    return f"unexpected {type(exc).__name__}: {first_line}"
