"""Charts drawn on the server as SVG: no script, no external network, nothing the CSP has to allow.

Colours are SVG presentation attributes (not style attributes), so an enforced ``style-src`` is unaffected.
"""

import logging
import math
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .data import Table

logger = logging.getLogger(__name__)

# Fonts holding the report's Chinese labels when a chart is drawn to an image for Word (cairo does not fall
# back from a Latin font the way a browser does); the page itself uses the stylesheet's fonts.
RASTER_FONTS = (
    "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, SimSun, sans-serif"
)

PALETTE = (
    "#1d5fbf",
    "#f08c00",
    "#2f9e44",
    "#e03131",
    "#7048e8",
    "#0c8599",
    "#e8590c",
    "#5c940d",
    "#c2255c",
    "#495057",
    "#868e96",
)


def bar_chart(table: Table, *, value: str = "count", width: int = 640, bar_height: int = 22) -> SafeString:
    rows = table.rows
    if not rows:
        return mark_safe("")
    # Room for the longest name (12 px a character at font-size 12) and for the value after the longest bar.
    label_width = min(300, max(80, 13 * max(len(row.name) for row in rows) + 10))
    value_width = 130
    values = [getattr(row, value) for row in rows]
    top = max(values) or 1
    height = bar_height * len(rows) + 10
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(table.title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12">'
    ]
    for index, row in enumerate(rows):
        y = index * bar_height + 5
        length = (width - label_width - value_width) * getattr(row, value) / top
        shown = f"{row.percent:.2f}%" if value == "percent" else f"{row.count}（{row.percent:.2f}%）"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" fill="#1f2933">{escape(row.name)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{bar_height - 7}" fill="{PALETTE[0]}">'
            f"<title>{escape(row.name)}: {shown}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + 15}" fill="#475467">{shown}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def pie_chart(table: Table, *, size: int = 220) -> SafeString:
    rows = [row for row in table.rows if row.count > 0]
    total = sum(row.count for row in rows)
    if not total:
        return mark_safe("")
    radius = size / 2 - 4
    centre = size / 2
    legend_width = 260
    full_width, full_height = size + legend_width, max(size, 20 * len(rows) + 10)
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(table.title)}" viewBox="0 0 {full_width} {full_height}" '
        f'width="{full_width}" height="{full_height}" xmlns="http://www.w3.org/2000/svg" font-size="12">'
    ]
    angle = -math.pi / 2
    for index, row in enumerate(rows):
        colour = PALETTE[index % len(PALETTE)]
        sweep = 2 * math.pi * row.count / total
        title = f"<title>{escape(row.name)}: {row.count}（{row.percent:.2f}%）</title>"
        if sweep >= 2 * math.pi - 1e-9:
            parts.append(f'<circle cx="{centre}" cy="{centre}" r="{radius}" fill="{colour}">{title}</circle>')
        else:
            x1, y1 = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            x2, y2 = centre + radius * math.cos(angle + sweep), centre + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            parts.append(
                f'<path d="M{centre},{centre} L{x1:.2f},{y1:.2f} A{radius},{radius} 0 {large} 1 {x2:.2f},{y2:.2f} Z" '
                f'fill="{colour}">{title}</path>'
            )
        angle += sweep
        y = 10 + index * 20
        parts.append(
            f'<rect x="{size + 10}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{size + 28}" y="{y + 11}" fill="#1f2933">{escape(row.name)} {row.count}（{row.percent:.2f}%）</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def chart_for(table: Table) -> SafeString:
    if table.chart == "pie":
        return pie_chart(table)
    if table.chart == "bar":
        return bar_chart(table, value="percent" if table.rates else "count")
    return mark_safe("")


def chart_png(table: Table, *, scale: float = 2.0) -> bytes | None:
    """The page's chart of ``table`` as a PNG (for Word, which cannot show an SVG on its own); None when the
    table has no chart, or when this machine lacks the cairo library (the document then keeps its tables)."""
    svg = str(chart_for(table))
    if not svg:
        return None
    try:
        import cairosvg
    except OSError:  # cairosvg is installed but libcairo is not
        logger.warning("libcairo is missing: Word reports are written without chart images")
        return None
    svg = svg.replace('font-size="12"', f'font-size="12" font-family="{RASTER_FONTS}"', 1)
    return cairosvg.svg2png(bytestring=svg.encode(), scale=scale, background_color="white")
