"""Secrets that never show: :class:`Secret` masks itself in ``repr``, ``str`` and f-strings.

Stdlib only, so every layer (client, config, services) can hold passwords, secret keys and
tokens in it. The real value comes out only through :meth:`Secret.reveal`, which makes every
place that needs it easy to find.

Beyond the wrapper, the module redacts text and logs: :func:`redact` masks credential-bearing
HTTP headers, ``Signature=…``, ``docker login -p …`` passwords and every secret value created
in this process; :class:`RedactingFilter` applies it to log records and
:func:`install_redaction` makes every record in the process pass through it.
"""

from __future__ import annotations

import hmac
import logging
import re
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

MASK = "********"


class Secret:
    """A secret string; ``repr``/``str``/``format`` show a mask, ``reveal()`` the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str | Secret) -> None:
        self._value = value.reveal() if isinstance(value, Secret) else str(value)
        register_secret(self._value)

    def reveal(self) -> str:
        return self._value

    def masked(self) -> str:
        """The mask with a short tail for telling stored keys apart, e.g. ``****abcd``."""
        return mask(self._value)

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)


def reveal(value: str | Secret | None) -> str | None:
    """The plain value of a secret or plain string (``None`` stays ``None``)."""
    return value.reveal() if isinstance(value, Secret) else value


# Values shorter than this are not registered: masking every "1" or "ok" in a log line would
# destroy the log without protecting anything real.
_MIN_REGISTERED_LENGTH = 6

SECRET_HEADERS = (
    "Authorization",
    "X-Auth-Token",
    "X-Subject-Token",
    "X-Security-Token",
    "X-Swr-Dockerlogin",
)

_registry: set[str] = set()
_registry_lock = threading.Lock()


def mask(value: str | Secret | None, visible: int = 4) -> str:
    """``****`` plus the last ``visible`` characters when the value is long enough to spare them.

    Values under 12 characters get no tail: four characters would be a third of the secret.
    """
    text = reveal(value)
    if visible > 0 and text and len(text) >= 12:
        return "****" + text[-visible:]
    return "****"


def register_secret(value: str) -> None:
    """Remember ``value`` so :func:`redact` masks it wherever it shows up later."""
    if len(value) >= _MIN_REGISTERED_LENGTH:
        with _registry_lock:
            _registry.add(value)


_HEADER_RE = re.compile(
    r"(?P<name>(?:" + "|".join(re.escape(h) for h in SECRET_HEADERS) + r"))"
    r"(?P<sep>['\"]?\s*[:=,]\s*[(]?\s*b?['\"]?)(?P<value>[^'\"\r\n]+)",
    re.IGNORECASE,
)
_SIGNATURE_RE = re.compile(r"(?P<name>Signature=)(?P<value>[^\s,'\"&]+)", re.IGNORECASE)
# Only on a line that is a login command: "-p" alone also means "parents" to mkdir & co.
_DOCKER_PASSWORD_RE = re.compile(
    r"(?P<name>\blogin\b[^\r\n]*?\s(?:-p|--password)(?:\s+|=))"
    r"(?P<value>'[^']*'|\"[^\"]*\"|[^\s'\"]+)"
)


def _mask_value(match: re.Match[str]) -> str:
    offset = match.start()
    start, end = match.span("value")
    text = match.group(0)
    return text[: start - offset] + MASK + text[end - offset :]


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with secret headers, signatures, ``-p`` passwords and known secrets masked."""
    with _registry_lock:
        known = sorted({*_registry, *(s for s in extra if s)}, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    text = _HEADER_RE.sub(_mask_value, text)
    text = _SIGNATURE_RE.sub(_mask_value, text)
    return _DOCKER_PASSWORD_RE.sub(_mask_value, text)


def redact_exception(exc: BaseException) -> str:
    """The full traceback of ``exc`` as text, redacted (for ``SWRTUI_DEBUG=1`` output)."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return redact("".join(lines))


class RedactingFilter(logging.Filter):
    """Rewrites each record's message, exception and stack text through :func:`redact`.

    The record is formatted eagerly (``msg % args``) because a secret may hide in an argument
    whose ``repr`` is only computed at format time.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_swrtui_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._swrtui_redacted = True
        return True


_install_lock = threading.Lock()
_previous_factory: Callable[..., logging.LogRecord] | None = None


def install_redaction() -> None:
    """Redact every log record created in this process from now on (idempotent).

    A filter on a logger only sees records logged on that very logger, not those propagated
    from children such as ``httpcore.http11``; the record factory sees them all, whichever
    handler (a file, stderr, pytest's capture) ends up receiving them.
    """
    global _previous_factory
    with _install_lock:
        if _previous_factory is not None:
            return
        previous = logging.getLogRecordFactory()
        redacting = RedactingFilter()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            redacting.filter(record)
            return record

        _previous_factory = previous
        logging.setLogRecordFactory(factory)


def uninstall_redaction() -> None:
    """Undo :func:`install_redaction` (tests use it to leave the process as they found it)."""
    global _previous_factory
    with _install_lock:
        if _previous_factory is not None:
            logging.setLogRecordFactory(_previous_factory)
            _previous_factory = None
