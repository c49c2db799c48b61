"""The registry's content-addressed blob store and its upload sessions.

Blobs are keyed by ``sha256:<hex>``. Small ones (seeded image configs, manifests' configs)
stay in memory; anything written through an upload goes to a file under ``root`` — the
``--state`` directory's ``blobs/`` when the emulator persists, else a temporary directory —
so a 50 MB layer is streamed to disk and never held whole in memory. Uploads hash as they
write, so the digest check at the end needs no second pass.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
# Blobs up to this size written by seeds are kept in memory: a file each would slow the
# seed build that tests run constantly.
SMALL_BLOB = 64 * 1024


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass
class Upload:
    """An upload session: bytes so far in a file, hashed as they arrive."""

    id: str
    path: Path
    size: int = 0
    hasher: hashlib._Hash = field(default_factory=hashlib.sha256)

    def write(self, handle: BinaryIO, chunk: bytes) -> None:
        """Append ``chunk`` through ``handle`` (this upload's file, opened for appending)."""
        handle.write(chunk)
        self.hasher.update(chunk)
        self.size += len(chunk)

    @property
    def digest(self) -> str:
        return "sha256:" + self.hasher.hexdigest()


class BlobStore:
    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._memory: dict[str, bytes] = {}
        self.uploads: dict[str, Upload] = {}

    @property
    def root(self) -> Path:
        if self._root is None:
            # Created on first use: most emulators (and every seed build) never upload.
            self._tmp = tempfile.TemporaryDirectory(prefix="swrtui-blobs-")
            self._root = Path(self._tmp.name)
        self._root.mkdir(parents=True, exist_ok=True)
        return self._root

    def keep_under(self, root: Path) -> None:
        """Keep blobs under ``root`` from now on (beside a ``--state`` file). The small ones
        held in memory so far (the seed's configs) are written there too, so a state loaded
        from the file later still finds them."""
        self._root = root
        root.mkdir(parents=True, exist_ok=True)
        for digest, data in self._memory.items():
            path = self._path(digest)
            if not path.is_file():
                partial = path.with_name(path.name + ".partial")
                partial.write_bytes(data)
                os.replace(partial, path)

    def _path(self, digest: str) -> Path:
        return self.root / digest.replace(":", "-")

    def put_small(self, data: bytes) -> str:
        digest = sha256_digest(data)
        self._memory[digest] = data
        return digest

    def size(self, digest: str) -> int | None:
        data = self._memory.get(digest)
        if data is not None:
            return len(data)
        if self._root is None and self._tmp is None:
            return None
        path = self._path(digest)
        return path.stat().st_size if path.is_file() else None

    def read_small(self, digest: str, limit: int = 4 * CHUNK) -> bytes | None:
        """The whole blob, for configs and such; None if absent or larger than ``limit``."""
        size = self.size(digest)
        if size is None or size > limit:
            return None
        return b"".join(self.chunks(digest))

    def chunks(self, digest: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The blob's bytes ``[start, end)`` in chunks of at most :data:`CHUNK`."""
        data = self._memory.get(digest)
        if data is not None:
            yield data[start:end]
            return
        with self._path(digest).open("rb") as handle:
            handle.seek(start)
            left = (end if end is not None else os.fstat(handle.fileno()).st_size) - start
            while left > 0:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk

    def start_upload(self) -> Upload:
        upload_id = secrets.token_hex(16)
        path = self.root / f"upload-{upload_id}"
        path.touch()
        upload = self.uploads[upload_id] = Upload(upload_id, path)
        return upload

    def finish_upload(self, upload: Upload) -> str:
        """Move a verified upload into place under its digest."""
        self.uploads.pop(upload.id, None)
        digest = upload.digest
        os.replace(upload.path, self._path(digest))
        return digest

    def cancel_upload(self, upload: Upload) -> None:
        self.uploads.pop(upload.id, None)
        upload.path.unlink(missing_ok=True)
