#!/bin/sh
# The browser tests drive Debian's chromium (Playwright cannot download its own browser here).
# Installs it, with CJK fonts for Chinese pages, when missing and we may; otherwise says what to do.
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian chromium and fonts-noto-cjk for the browser tests..."
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk >/dev/null
    exit 0
fi
echo "The browser tests need /usr/bin/chromium and fonts-noto-cjk: sudo apt-get install chromium fonts-noto-cjk" >&2
exit 1
