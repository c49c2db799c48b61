"""The services' error base, :class:`ServiceError`, and the arguments no service can use.

Each service's own errors (cleanup rules and journals, docker config, the credential helper)
derive from :class:`ServiceError` in their modules; the tree is drawn in :mod:`swrtui.errors`.
"""

from __future__ import annotations

from swrtui.errors import EXIT_USAGE, Error


class ServiceError(Error):
    """Base of every error a service raises."""

    code = "SERVICE"
    title = "Service error"
    # A service refusing what it was given (a rule, a run id, an argument) is a usage error
    # for scripts, as in the REPL.
    exit_code = EXIT_USAGE


class BadArgument(ServiceError, ValueError):
    """An argument the service (or the command line in front of it) cannot use."""

    code = "BAD_ARGUMENT"
    title = "Bad argument"
