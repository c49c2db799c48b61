"""A shlex-like tokenizer that remembers where each token sits on the line.

Quotes (``'…'``, ``"…"``) group words and backslash escapes the next character, as in a
shell. Unlike :mod:`shlex` it never raises on an unclosed quote: completion must work on a
half-typed line, so the open token simply runs to the end and is marked ``open_quote``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    text: str  # the value, quotes and escapes removed
    start: int  # offset of its first character on the line
    end: int  # offset just past its last character
    open_quote: bool = False


def tokenize(line: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        start, value, quote = i, [], ""
        while i < n and (quote or not line[i].isspace()):
            char = line[i]
            if char == "\\" and i + 1 < n and quote != "'":
                value.append(line[i + 1])
                i += 2
                continue
            if quote and char == quote:
                quote = ""
            elif not quote and char in "'\"":
                quote = char
            else:
                value.append(char)
            i += 1
        tokens.append(Token("".join(value), start, i, open_quote=bool(quote)))
    return tokens


def split_commands(line: str) -> list[str]:
    """A line's commands: ``pwd; orgs`` → ``["pwd", "orgs"]``. A ``;`` inside quotes or
    after a backslash is part of a word; a comment line is one command (``#`` to the end)."""
    if line.lstrip().startswith("#"):
        return [line]
    parts: list[str] = []
    start, quote, i = 0, "", 0
    while i < len(line):
        char = line[i]
        if char == "\\" and quote != "'":
            i += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ";":
            parts.append(line[start:i])
            start = i + 1
        i += 1
    parts.append(line[start:])
    return [part.strip() for part in parts if part.strip()]


def quote(text: str) -> str:
    """``text`` as one token (quoted only when it needs to be)."""
    if text and not any(c.isspace() or c in "'\"\\" for c in text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"
