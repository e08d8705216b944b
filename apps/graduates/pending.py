"""A previewed upload waiting for its confirmation: on disk under ``MEDIA_ROOT/imports`` with a random name
that only the session knows (the client never names a path). Every import page (graduates, destinations,
survey responses) keeps its previews here, each under a suffix of its own."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

PENDING_DIR = "imports"
# An abandoned preview's file is removed the next time anybody uploads to the same importer.
MAX_AGE_SECONDS = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")


class PendingUploads:
    def __init__(self, suffix: str):
        self.suffix = suffix

    def path(self, token: str) -> Path | None:
        """The file of ``token``, or None for anything that is not a token this store made."""
        if not TOKEN_PATTERN.match(token or ""):
            return None
        return Path(settings.MEDIA_ROOT) / PENDING_DIR / f"{token}{self.suffix}"

    def store(self, upload) -> str:
        directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
        directory.mkdir(parents=True, exist_ok=True)
        self._remove_abandoned(directory)
        token = secrets.token_hex(16)
        with self.path(token).open("xb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        return token

    def discard(self, token: str) -> None:
        if (path := self.path(token)) is not None:
            path.unlink(missing_ok=True)

    def _remove_abandoned(self, directory: Path) -> None:
        cutoff = time.time() - MAX_AGE_SECONDS
        for path in directory.glob(f"*{self.suffix}"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:
                pass  # removed by a concurrent request
