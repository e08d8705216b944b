"""A system check (shown by migrate, runserver and `make run`): the Word report's charts are drawn on this
server by cairo, which has no font fallback of its own; without a Chinese font every label is a box and
nothing else would say so."""

import shutil
import subprocess

from django.core import checks
from django.utils.translation import gettext_lazy as _

MSG_NO_CJK_FONT = _("服务器上没有中文字体：Word 质量报告中图表的文字将显示为方框。")
HINT_NO_CJK_FONT = _("安装 Noto CJK 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），然后重启服务。")
NO_CJK_FONT_ID = "reports.W001"


def cjk_font_families() -> list[str]:
    """The font families fontconfig (the library cairo asks) knows for Chinese; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


@checks.register()
def chinese_font_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if cjk_font_families():
        return []
    return [checks.Warning(MSG_NO_CJK_FONT, hint=HINT_NO_CJK_FONT, id=NO_CJK_FONT_ID)]
