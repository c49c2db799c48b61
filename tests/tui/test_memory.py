"""release_free_memory: glibc's malloc_trim where there is one, nothing elsewhere."""

from __future__ import annotations

import platform
import sys

from swrtui.tui.memory import release_free_memory


def test_trims_on_glibc_and_says_so() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    # Twice: the lookup is cached, and a second trim with nothing to free is still fine.
    assert release_free_memory() is glibc
    assert release_free_memory() is glibc
