"""Document bytes on disk: one file per document, named by a random key, written atomically."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

_KEY = re.compile(r"^[0-9a-f]{32}$")


class DocumentStore:
    """Files under ``root``; nothing is created until the first document is written."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def new_key() -> str:
        return secrets.token_hex(16)

    def path(self, key: str) -> Path:
        if not _KEY.match(key):  # a key is ours, never a client's path
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def write(self, key: str, content: bytes) -> None:
        """Write to a temporary file, fsync it, move it into place and fsync the directory.

        The move is a hard link (then the temporary name goes): unlike a rename it never replaces an
        existing document, so a key that is taken fails with ``FileExistsError``.
        """
        final = self.path(key)
        self.root.mkdir(parents=True, exist_ok=True)
        temp = self.root / f".{key}.part"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.link(temp, final)
        finally:
            temp.unlink(missing_ok=True)
        self._sync_dir()

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def remove(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
        self._sync_dir()

    def stale_files(self, older_than: float) -> dict[str, Path]:
        """Files (documents and unfinished ``.part`` files) last written before ``older_than`` (epoch
        seconds), by storage key."""
        if not self.root.is_dir():
            return {}
        found: dict[str, Path] = {}
        for path in self.root.iterdir():
            key = path.name.removeprefix(".").removesuffix(".part")
            if _KEY.match(key) and path.is_file() and path.stat().st_mtime < older_than:
                found[path.name] = path
        return found

    def _sync_dir(self) -> None:
        with contextlib.suppress(OSError):  # not every platform can fsync a directory
            fd = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
