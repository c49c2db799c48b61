"""The reference's naming rules for organizations, repositories and tags.

Shared by the emulator (to reject bad input as the service does) and the client (to reject it
before any request). Repository names may contain ``/``; on the wire the service wants ``$``
instead, which :func:`escape_repository` and :func:`unescape_repository` convert.
"""

from __future__ import annotations

import re

ORGANIZATION_MAX = 64
REPOSITORY_MAX = 128
TAG_MAX = 128

# A separator is one period, one hyphen, one or two underscores; separators never touch.
_ORG_RE = re.compile(r"[a-z][a-z0-9]*(?:(?:\.|-|__?)[a-z0-9]+)*")
# Repositories may also use "/" as a separator and may start with a digit.
_REPO_RE = re.compile(r"[a-z0-9]+(?:(?:\.|-|/|__?)[a-z0-9]+)*")
# Docker's tag grammar: a word character, then up to 127 word characters, periods or hyphens.
_TAG_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")

ORGANIZATION_RULE = (
    "1-64 characters: lowercase letters, digits, '.', '_', '-'; starts with a letter, ends with "
    "a letter or digit; separators may not touch (at most two '_' in a row)"
)
REPOSITORY_RULE = (
    "1-128 characters: lowercase letters, digits, '.', '/', '_', '-'; starts and ends with a "
    "letter or digit; separators may not touch (at most two '_' in a row)"
)
TAG_RULE = "1-128 characters: letters, digits, '_', '.', '-'; may not start with '.' or '-'"


class InvalidNameError(ValueError):
    """A name breaks the service's rules; ``kind`` is organization, repository or tag."""

    def __init__(self, kind: str, name: str, rule: str) -> None:
        super().__init__(f"invalid {kind} name {name!r}: {rule}")
        self.kind = kind
        self.name = name
        self.rule = rule


def is_valid_organization(name: str) -> bool:
    return 0 < len(name) <= ORGANIZATION_MAX and _ORG_RE.fullmatch(name) is not None


def is_valid_repository(name: str) -> bool:
    """Check a repository name in its natural form (with ``/``; ``$`` is accepted as ``/``)."""
    natural = unescape_repository(name)
    return 0 < len(natural) <= REPOSITORY_MAX and _REPO_RE.fullmatch(natural) is not None


def is_valid_tag(name: str) -> bool:
    return _TAG_RE.fullmatch(name) is not None


def check_organization(name: str) -> str:
    if not is_valid_organization(name):
        raise InvalidNameError("organization", name, ORGANIZATION_RULE)
    return name


def check_repository(name: str) -> str:
    """Validate and return the natural form (``/`` separators)."""
    if not is_valid_repository(name):
        raise InvalidNameError("repository", name, REPOSITORY_RULE)
    return unescape_repository(name)


def check_tag(name: str) -> str:
    if not is_valid_tag(name):
        raise InvalidNameError("tag", name, TAG_RULE)
    return name


def escape_repository(name: str) -> str:
    """Natural repository name → the form the API wants in paths and queries."""
    return name.replace("/", "$")


def unescape_repository(name: str) -> str:
    return name.replace("$", "/")
