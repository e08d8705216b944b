"""Checks on rendered pages shared by the tests."""

import re

# A <script> element without a src attribute carries inline code, which the enforced CSP would block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def assert_no_inline_script_or_style(html: str) -> None:
    """Scripts only from our static files; no <style> element and no style attribute (CSP: script/style-src)."""
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert "<style" not in html and "style=" not in html
