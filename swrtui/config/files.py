"""Writing the user's files the way their owners' tools do: atomically, keeping a backup.

One helper for every file swrtui rewrites (``config.toml``, docker's ``config.json``): the
new text goes to a synced temporary file beside the target and replaces it with
``os.replace``, so a reader sees the old file or the new one, never half of one. Callers
resolve symlinks first (:func:`real_target`) so a dotfiles link keeps pointing at the
rewritten file, and keep the first original with :func:`back_up`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o600


def real_target(path: Path) -> Path:
    """The file a (possibly symlinked) path names: the one to rewrite."""
    return Path(os.path.realpath(path))


def existing_mode(path: Path, default: int = NEW_FILE_MODE) -> int:
    """The permission bits to keep when rewriting ``path`` (``default`` for a new file)."""
    return stat.S_IMODE(path.stat().st_mode) if path.exists() else default


def atomic_write(path: Path, content: str | bytes, mode: int = NEW_FILE_MODE) -> None:
    """Write ``content`` to ``path`` through a synced temporary file and ``os.replace``.

    The temporary file is in ``path``'s own directory: ``os.replace`` is atomic only within
    one file system, and a reader sees the old file or the new one, never a half-written one.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def back_up(target: Path) -> tuple[Path | None, tuple[str, ...]]:
    """Copy ``target`` to ``<name>.bak`` unless a backup exists: the first one is the original.

    Returns the backup written (or None) and notes for the user (an earlier backup kept).
    """
    if not target.exists():
        return None, ()
    backup = target.with_name(target.name + ".bak")
    if backup.exists() or backup.is_symlink():
        return None, (f"kept the earlier backup {backup} (it is never overwritten)",)
    # Bytes, not text: the backup is the file exactly as it was.
    atomic_write(backup, target.read_bytes(), NEW_FILE_MODE)
    return backup, ()
