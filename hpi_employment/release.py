"""What identifies the code being served, for validators (ETags) that must change when a release does."""

import hashlib
from functools import cache

from django.conf import settings

# The files whose change can change a page: the code, the templates and the static files they link.
RELEASE_SOURCES = ("apps", "hpi_employment", "templates", "static")
RELEASE_SUFFIXES = (".py", ".html", ".css", ".js", ".json", ".svg")


@cache
def release_tag() -> str:
    """A digest of the names, sizes and modification times of the served code (once per process).

    Every worker of one deployment computes the same tag, so a browser's validator holds across them; a new
    release (another file, size or time) gives another tag and every cached page is rendered afresh.
    """
    digest = hashlib.sha256()
    for top in RELEASE_SOURCES:
        root = settings.BASE_DIR / top
        for path in sorted(root.rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(settings.BASE_DIR)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()[:16]
