"""A previewed upload waiting for its confirmation: on disk under ``MEDIA_ROOT/imports`` with a random name
that only the session knows (the client never names a path). Every import page (graduates, destinations,
survey responses) keeps its previews here, each under a suffix of its own."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PENDING_DIR = "imports"
# An abandoned preview's file is removed the next time anybody uploads to the same importer.
MAX_AGE_SECONDS = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
MSG_NO_PENDING = _("没有待确认的导入，请重新上传文件并预检。")
MSG_STALE_PREVIEW = _("这份预检已被之后上传的文件取代，请确认最新的预检结果。")


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


class PendingRefused(Exception):
    """A confirmation that confirms nothing (no preview, or an older one): ``message`` says which."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def pending_confirmation(
    request, *, session_key: str, store: PendingUploads, form, belongs=None
) -> tuple[dict, Path]:
    """The preview a confirmation POST confirms: the session's entry under ``session_key`` (``belongs`` may
    check it is this page's), its file still on disk, and the bound ``form`` carrying the same token. Raises
    PendingRefused otherwise; a preview that is gone or not this page's is dropped from the session."""
    pending = request.session.get(session_key) or {}
    token = pending.get("token", "")
    path = store.path(token)
    if path is None or not path.is_file() or (belongs is not None and not belongs(pending)):
        store.discard(token)
        request.session.pop(session_key, None)
        raise PendingRefused(MSG_NO_PENDING)
    if not form.is_valid() or form.cleaned_data["token"] != token:
        raise PendingRefused(MSG_STALE_PREVIEW)
    return pending, path
