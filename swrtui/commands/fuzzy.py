"""Fuzzy subsequence matching and ranking for completion.

A candidate matches when the query's characters appear in it in order (case-insensitive).
Ranking, best first: exact, prefix, prefix of a segment (after ``/ : - _ .``), substring,
then scattered subsequences with the tightest span; ties go to the shorter, then the
alphabetically first candidate. Written for speed: ``str.find`` settles most candidates
and only the rest pay for a regular expression.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable

_SEPARATORS = "/:-_."


def _rank(query: str, candidate: str, pattern: re.Pattern[str]) -> tuple[int, int, int] | None:
    """(tier, spread, start) with lower = better; ``None`` when it does not match."""
    lowered = candidate.lower()
    at = lowered.find(query)
    if at == 0:
        return (0 if len(lowered) == len(query) else 1, 0, 0)
    if at > 0:
        while at > 0 and lowered[at - 1] not in _SEPARATORS:
            at = lowered.find(query, at + 1)
            if at < 0:
                return (3, 0, lowered.find(query))
        return (2, 0, at)
    match = pattern.search(lowered)
    if match is None:
        return None
    return (4, match.end() - match.start() - len(query), match.start())


def ranked(query: str, candidates: Iterable[str], limit: int = 50) -> list[str]:
    """The best ``limit`` candidates matching ``query``, best first (all, sorted, if empty)."""
    if not query:
        return heapq.nsmallest(limit, candidates, key=lambda c: (len(c.split("/")), c))
    q = query.lower()
    pattern = re.compile(".*?".join(re.escape(char) for char in q))
    scored = []
    for candidate in candidates:
        rank = _rank(q, candidate, pattern)
        if rank is not None:
            scored.append((rank, len(candidate), candidate))
    return [candidate for _, _, candidate in heapq.nsmallest(limit, scored)]
