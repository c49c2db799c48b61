"""release_free_memory: glibc's malloc_trim where there is one, nothing elsewhere."""

from __future__ import annotations

import gc
import platform
import sys
import weakref

from swrtui.tui.memory import release_free_memory


def test_trims_on_glibc_and_says_so() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    # Twice: the lookup is cached, and a second trim with nothing to free is still fine.
    assert release_free_memory() is glibc
    assert release_free_memory() is glibc


class _Body:
    """Stands in for an httpx response: it and its stream refer to each other."""

    def __init__(self) -> None:
        self.content = bytes(1 << 20)
        self.stream: object = [self]


def test_collects_response_cycles_before_trimming() -> None:
    gc.disable()  # no collection may happen by chance between dropping and releasing
    try:
        body = _Body()
        alive = weakref.ref(body)
        del body
        assert alive() is not None  # only the cycle collector can free it
        release_free_memory()
        assert alive() is None
    finally:
        gc.enable()
