"""Name patterns (glob, regular expression, exact name) and durations such as ``30d``.

Globs match the whole name (``fnmatch`` rules, case-sensitive); regular expressions match
when found anywhere in the name (``re.search``, as SWR's retention ``regexp`` selectors do),
so anchor them with ``^...$`` for a whole-name match. Text given as ``re:EXPR`` is a regex,
``glob:PAT`` a glob, anything else the caller's default kind.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from datetime import timedelta

from swrtui.services.errors import ServiceError

KINDS = ("glob", "regex", "exact")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
# ASCII digits only: \d would also take "٣٠d" (Arabic-Indic digits) as 30 days.
_DURATION_RE = re.compile(r"([0-9]+)\s*([smhdw])", re.ASCII)
# Ten years: far beyond any retention, and timedelta (max 999999999 days) cannot overflow.
MAX_DURATION_SECONDS = 10 * 366 * 86400
# Longer patterns or durations are typing accidents; refusing them keeps the regex engine
# and error messages small.
MAX_TEXT = 1000
_GLOB_CHARS = frozenset("*?[")


class RuleError(ServiceError, ValueError):
    """A rule, pattern or duration that cannot be used; the message says which and why."""

    code = "CLEANUP.BAD_RULE"
    title = "Bad cleanup rule"


@dataclass(frozen=True)
class Pattern:
    kind: str
    text: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise RuleError(f"pattern kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if len(self.text) > MAX_TEXT:
            raise RuleError(f"pattern is longer than {MAX_TEXT} characters")
        if self.kind == "regex":
            try:
                re.compile(self.text)
            # A huge repeat count overflows, deep nesting recurses: both are bad patterns too.
            except (re.error, OverflowError, RecursionError) as exc:
                reason = exc if isinstance(exc, re.error) else "too large or nested too deeply"
                raise RuleError(
                    f"not a usable regular expression: {_shown(self.text)} ({reason})"
                ) from None

    @classmethod
    def parse(cls, text: str, default: str = "glob") -> Pattern:
        """``re:EXPR`` → regex, ``glob:PAT`` → glob, otherwise ``default``."""
        for prefix, kind in (("re:", "regex"), ("glob:", "glob")):
            if text.startswith(prefix):
                return cls(kind, text[len(prefix) :])
        return cls(default, text)

    @property
    def is_literal(self) -> bool:
        """Whether the pattern matches exactly one name (no wildcard in it)."""
        return self.kind == "exact" or (
            self.kind == "glob" and not _GLOB_CHARS.intersection(self.text)
        )

    def matches(self, name: str) -> bool:
        if self.kind == "regex":
            return re.search(self.text, name) is not None
        if self.kind == "glob":
            return fnmatch.fnmatchcase(name, self.text)
        return name == self.text

    def __str__(self) -> str:
        return self.text if self.kind != "regex" else f"re:{self.text}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, document: dict[str, str]) -> Pattern:
        return cls(document["kind"], document["text"])


def any_match(patterns: tuple[Pattern, ...], name: str) -> bool:
    return any(p.matches(name) for p in patterns)


def glob_to_regex(glob: str) -> str:
    """An anchored regex for a glob, using only syntax every engine knows (RE2 included).

    ``fnmatch.translate`` emits Python-only constructs (``(?s:...)\\Z``) that a Go (RE2)
    regexp such as SWR's retention selectors would refuse.
    """
    out = ["^"]
    index = 0
    while index < len(glob):
        char = glob[index]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[" and (end := glob.find("]", index + 2)) != -1:
            body = glob[index + 1 : end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    out.append("$")
    return "".join(out)


def parse_duration(text: str) -> timedelta:
    """``30d``, ``12h``, ``2w``, ``90m``, ``1w2d`` (s, m, h, d, w) → a positive timedelta."""
    compact = text.strip().lower()
    parts = _DURATION_RE.findall(compact) if len(compact) <= MAX_TEXT else []
    if not compact or "".join(n + u for n, u in parts) != compact.replace(" ", ""):
        raise RuleError(f"not a duration: {_shown(text)} (use e.g. 30d, 12h, 2w)")
    seconds = sum(int(number) * _UNITS[unit] for number, unit in parts)
    if seconds <= 0:
        raise RuleError(f"duration must be positive, got {_shown(text)}")
    if seconds > MAX_DURATION_SECONDS:
        raise RuleError(f"duration {_shown(text)} is longer than ten years")
    return timedelta(seconds=seconds)


def _shown(text: str) -> str:
    """``text`` quoted for a one-line message, cut short when long."""
    return repr(text) if len(text) <= 60 else f"{text[:57]!r}… ({len(text)} characters)"


def format_duration(value: timedelta) -> str:
    """The shortest exact form: ``90d``, ``2w``, ``12h``; mixed units as ``1d12h``."""
    seconds = int(value.total_seconds())
    for unit in ("w", "d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    parts = []
    for unit in ("d", "h", "m", "s"):
        count, seconds = divmod(seconds, _UNITS[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
