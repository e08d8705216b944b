#!/bin/sh
# Prints the first Python >= 3.12 found (Django 6.1 needs it); exits 1 with a clear message when none is.
for candidate in "${PYTHON:-}" python3.13 python3.12 \
    /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 \
    /usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        command -v "$candidate" 2>/dev/null || echo "$candidate"
        exit 0
    fi
done
echo "hpi-employment needs Python 3.12 or newer (Django 6.1); none was found. Install one (e.g. pyenv install 3.12) or set PYTHON=/path/to/python3.12." >&2
exit 1
