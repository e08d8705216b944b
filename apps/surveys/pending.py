"""A previewed upload waiting for its confirmation: on disk under ``MEDIA_ROOT/imports`` with a random name
that only the session knows (the client never names a path), as the graduate import keeps its own."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

PENDING_DIR = "imports"
SUFFIX = ".survey-upload"
# An abandoned preview's file is removed the next time anybody uploads.
MAX_AGE_SECONDS = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / PENDING_DIR


def pending_path(token: str) -> Path | None:
    """The file of ``token``, or None for anything that is not a token this module made."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    return pending_dir() / f"{token}{SUFFIX}"


def store(upload) -> str:
    directory = pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(directory)
    token = secrets.token_hex(16)
    with pending_path(token).open("xb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def discard(token: str) -> None:
    if (path := pending_path(token)) is not None:
        path.unlink(missing_ok=True)


def _remove_abandoned(directory: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in directory.glob(f"*{SUFFIX}"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass  # removed by a concurrent request
