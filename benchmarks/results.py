"""``benchmarks/RESULTS.md`` and its chart from the figures the benchmarks return in one run.

Each figure: ``{"figure", "size", "ours", "floor", "unit"}``, the floor measured in the same run. The chart is
a hand-written SVG (no plotting library is a dependency): time and peak memory against size, log-scaled.
"""

import datetime
import json
import math
import os
import platform
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
CHART = BENCH_DIR / "results-chart.svg"
LOADTEST_RESULTS = BENCH_DIR / "loadtest" / "last.json"


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")  # fmt: skip
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 2**20:.1f} GiB RAM"
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({model}){memory}, Python {platform.python_version()}"


def database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    return f"{connection.vendor} {version}"


def loadtest_line() -> str:
    if not LOADTEST_RESULTS.exists():
        return "No load-test results file yet (`make loadtest` writes `benchmarks/loadtest/last.json`)."
    data = json.loads(LOADTEST_RESULTS.read_text())
    return (
        f"Load test ({data.get('date', '?')}, {data.get('students', '?')} students, {data.get('reviewers', '?')} "
        f"reviewers): rush p95 {data.get('p95_ms', '?')} ms, {data.get('rps', '?')} req/s, "
        f"errors {data.get('errors', '?')}, lost {data.get('lost', '?')}; trivial view {data.get('floor_rps', '?')} req/s."
    )


def _ratio(figure: dict) -> str:
    return f"{figure['ours'] / figure['floor']:.2f}" if figure["floor"] else "—"


def _value(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}" if unit == "MiB" else f"{value:.3f} {unit}"


def write(figures: list[dict], *, sizes: str, note: str = "") -> None:
    now = datetime.datetime.now(datetime.UTC)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` ({now:%Y-%m-%d %H:%M} UTC). Machine: {machine()}. Database: {database()}.",
        f"Sizes: {sizes} (`HPI_BENCH_SIZES` narrows them; `benchmarks/README.md` says what each benchmark does).",
    ]
    if note:
        lines += ["", note]
    lines += [
        "",
        "Every figure beside its floor, measured in the same run; ratio = ours / floor.",
        "",
        "| figure | size | ours | floor | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure['figure']} | {figure['size']:,} | {_value(figure['ours'], figure['unit'])} "
            f"| {_value(figure['floor'], figure['unit'])} | {_ratio(figure)} |"
        )
    lines += ["", loadtest_line(), "", f"![time and peak memory against size]({CHART.name})", ""]
    RESULTS.write_text("\n".join(lines))
    CHART.write_text(chart_svg(figures))


def chart_svg(figures: list[dict], width: int = 720, height: int = 360) -> str:
    """Two panels, each series of more than one size (ours solid, floor dashed) against size on a log axis:
    seconds log-scaled, memory from zero (flat memory should look flat)."""
    panels = [("s", "time (s), log"), ("MiB", "peak memory (MiB), from 0")]
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        'font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    panel_width = width // 2
    for panel, (unit, label) in enumerate(panels):
        series: dict[str, list[dict]] = {}
        for figure in figures:
            if figure["unit"] == unit:
                series.setdefault(figure["figure"], []).append(figure)
        series = {name: rows for name, rows in series.items() if len(rows) > 1}
        log_y = unit != "MiB"
        left, top, plot_w, plot_h = panel * panel_width + 55, 30, panel_width - 80, height - 90
        parts.append(f'<text x="{left}" y="18" font-weight="bold">{label} against size (log)</text>')
        parts.append(
            f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>'
        )
        points = [f for rows in series.values() for f in rows]
        if not points:
            continue
        sizes = [f["size"] for f in points]
        values = [v for f in points for v in (f["ours"], f["floor"]) if v > 0]
        x_lo, x_hi = math.log10(min(sizes)), math.log10(max(sizes))
        y_lo, y_hi = (math.log10(min(values)), math.log10(max(values))) if log_y else (0.0, max(values) * 1.1)
        x_hi, y_hi = (x_hi if x_hi > x_lo else x_lo + 1), (y_hi if y_hi > y_lo else y_lo + 1)

        frame = (left, top, plot_w, plot_h, x_lo, x_hi, y_lo, y_hi, log_y)

        def xy(size: float, value: float, frame=frame) -> tuple[float, float]:
            left, top, plot_w, plot_h, x_lo, x_hi, y_lo, y_hi, log_y = frame
            x = left + (math.log10(size) - x_lo) / (x_hi - x_lo) * plot_w
            scaled = math.log10(max(value, 1e-9)) if log_y else value
            y = top + plot_h - (scaled - y_lo) / (y_hi - y_lo) * plot_h
            return round(x, 1), round(y, 1)

        last_label_x = -100.0
        for size in sorted(set(sizes)):
            x, _ = xy(size, 1)
            if x - last_label_x > 40:  # 5,000 and 5,098 share one place on the axis
                parts.append(f'<text x="{x}" y="{top + plot_h + 14}" text-anchor="middle">{size:,}</text>')
                last_label_x = x
        for value in (10**y_lo, 10**y_hi) if log_y else (y_lo, y_hi):
            _, y = xy(10**x_lo, value)
            parts.append(f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{value:.3g}</text>')
        for number, (name, rows) in enumerate(series.items()):
            colour = colours[number % len(colours)]
            rows = sorted(rows, key=lambda f: f["size"])
            for key, dash in (("ours", ""), ("floor", ' stroke-dasharray="4 3"')):
                path = " ".join(f"{x},{y}" for x, y in (xy(f["size"], f[key]) for f in rows))
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
                )
                for f in rows:
                    x, y = xy(f["size"], f[key])
                    parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
            legend_y = top + plot_h + 30 + 13 * number
            parts.append(
                f'<text x="{left - 50}" y="{legend_y}" fill="{colour}" font-size="10">{name} (dashed: floor)</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
