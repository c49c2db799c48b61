"""Give the C heap's free memory back to the system after a big load (glibc only).

Loading 100 000 tags reads about 100 response bodies of about a megabyte each, up to the
client's concurrency at once. Once a freed block that size has raised glibc's dynamic mmap
threshold, such blocks come from the heap, and glibc keeps the freed space: measured, the
process stayed 50-90 MiB above what Python still held. ``malloc_trim(0)`` returns that
space; with another C library (musl, macOS, Windows) there is nothing to call.

The bodies are not free yet when the load ends: an httpx ``Response`` and its bound stream
refer to each other, so each response (and its ``content``) lives until the cyclic garbage
collector runs, and after a load it had not (measured at 100,000 tags: 43 responses, 56 MiB,
still held). So a full collection comes first; it takes milliseconds once per load.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the symbols the process already has: its C library's
    except OSError:
        return None
    trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return trim


def release_free_memory() -> bool:
    """Collect the cyclic garbage (response bodies), then hand the heap's free pages back
    to the system; False where the second cannot be done."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
