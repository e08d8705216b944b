"""``benchmarks/RESULTS.md`` and its charts from a store of every figure measured, by database.

Each figure a benchmark returns: ``{"figure", "size", "ours", "floor", "unit"}``, the floor measured in the same
run. ``record()`` keeps them in ``benchmarks/results.json`` keyed by database (vendor), figure and size, each
with its run's date, machine and database version, so a run on SQLite, one on PostgreSQL and a single
benchmark's run (``run.py report``) each replace only their own figures; a benchmark's figures it no longer
returns (renamed) go. ``render()`` writes RESULTS.md with every figure and, per database, a hand-written SVG
chart (no plotting library is a dependency): time and peak memory against size, log-scaled.
"""

import datetime
import json
import math
import os
import platform
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
STORE = BENCH_DIR / "results.json"
CHART = BENCH_DIR / "results-chart-{vendor}.svg"
LOADTEST_RESULTS = BENCH_DIR / "loadtest" / "last.json"
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


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
    after_login = data.get("after_login") or {}
    logins = data.get("logins") or {}
    load = (data.get("load_average") or {}).get("rush") or {}
    figures = [data.get(k) for k in ("p95_ms", "errors", "lost", "capacity_vs_floor")]
    met = all(isinstance(f, int | float) for f in figures) and (
        figures[0] < 300 and figures[1] == 0 and figures[2] == 0 and figures[3] >= 0.4
    )
    target = "met" if met else "not all met"
    full_page = (
        f"; from clients keeping no copy, every page built: {data['capacity_full_page_rps']} req/s "
        f"(ratio {data.get('capacity_full_page_vs_floor', '?')})"
        if data.get("capacity_full_page_rps")
        else ""
    )
    return (
        f"Load test ({data.get('date', '?')}, PostgreSQL, production settings, {data.get('workers', '?')} gunicorn "
        f"workers, {data.get('students', '?')} students + {data.get('reviewers', '?')} reviewer sessions; "
        f"load average {load.get('before', '?')} before, {load.get('after', '?')} after): "
        f"rush {data.get('rps', '?')} req/s, p50 {data.get('p50_ms', '?')} / p95 {data.get('p95_ms', '?')} / "
        f"p99 {data.get('p99_ms', '?')} ms (after login p95 {after_login.get('p95_ms', '?')} ms; "
        f"login p95 {logins.get('p95_ms', '?')} ms), errors {data.get('errors', '?')}, "
        f"lost {data.get('lost', '?')}; the rush's steady mix at saturation {data.get('capacity_rps', '?')} req/s "
        f"(status pages revalidated as browsers do) against the trivial view's {data.get('floor_rps', '?')} req/s "
        f"on the same server (ratio {data.get('capacity_vs_floor', '?')}){full_page}. Targets (p95 < 300 ms, 0 errors, 0 lost, ratio >= 0.4): "
        f"{target}; per request kind: `benchmarks/loadtest/last.json`."
    )


def _ratio(figure: dict) -> str:
    return f"{figure['ours'] / figure['floor']:.2f}" if figure["floor"] else "—"


def _value(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}" if unit == "MiB" else f"{value:.3f} {unit}"


def _key(entry: dict) -> str:
    return f"{entry['vendor']}|{entry['figure']}|{entry['size']}"


def load_store(path: Path = STORE) -> dict[str, dict]:
    return json.loads(path.read_text())["figures"] if path.exists() else {}


def save_store(store: dict[str, dict], path: Path = STORE) -> None:
    ordered = dict(sorted(store.items(), key=lambda item: _order(item[1])))
    path.write_text(json.dumps({"figures": ordered}, ensure_ascii=False, indent=1) + "\n")


def _order(entry: dict) -> tuple:
    return (entry["vendor"], entry.get("bench", ""), entry["figure"], entry["size"])


def merge(
    store: dict[str, dict],
    figures_by_bench: dict[str, list[dict]],
    *,
    vendor: str,
    database: str,
    machine: str,
    date: str,
) -> dict[str, dict]:
    """``store`` with the run's figures in: each benchmark that ran replaces its figures of the same database
    and size, and drops those of its figures by a name it did not return this time (renamed or gone);
    figures of other databases, other benchmarks and other sizes stay as they were measured."""
    store = dict(store)
    for bench, figures in figures_by_bench.items():
        names = {figure["figure"] for figure in figures}
        for key, entry in list(store.items()):
            if entry["vendor"] == vendor and entry.get("bench") == bench and entry["figure"] not in names:
                del store[key]
        for figure in figures:
            entry = {**figure, "bench": bench, "vendor": vendor, "database": database, "machine": machine,
                     "date": date}  # fmt: skip
            store[_key(entry)] = entry
    return store


def record(figures_by_bench: dict[str, list[dict]], *, sizes: str, note: str = "") -> None:
    """Keep the run's figures in the store and write RESULTS.md and the charts from all of them."""
    from django.db import connection

    now = datetime.datetime.now(datetime.UTC)
    store = merge(
        load_store(), figures_by_bench, vendor=connection.vendor, database=database(), machine=machine(),
        date=f"{now:%Y-%m-%d %H:%M} UTC",
    )  # fmt: skip
    save_store(store)
    render(store, sizes=sizes, note=note)


def render(store: dict[str, dict], *, sizes: str = "", note: str = "") -> None:
    entries = sorted(store.values(), key=_order)
    vendors = sorted({entry["vendor"] for entry in entries}, key=lambda v: (v != "postgresql", v))
    machines = sorted({entry["machine"] for entry in entries})
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (`make bench`: every benchmark) from `benchmarks/results.json`, which "
        "keeps each figure by database, figure and size with the date of the run that measured it: a run on "
        "one database, or of one benchmark, replaces only its own figures.",
        "",
        f"Machine: {'; '.join(machines) or machine()}.",
    ]
    if sizes:
        lines.append(f"Sizes of the latest run: {sizes} (`HPI_BENCH_SIZES` narrows them; "
                     "`benchmarks/README.md` says what each benchmark does).")  # fmt: skip
    if note:
        lines += ["", note]
    lines += ["", "Every figure beside its floor, measured in the same run; ratio = ours / floor.", ""]
    for vendor in vendors:
        rows = [entry for entry in entries if entry["vendor"] == vendor]
        versions = ", ".join(sorted({entry["database"] for entry in rows}))
        lines += [
            f"## {VENDOR_NAMES.get(vendor, vendor)} ({versions})",
            "",
            "| figure | size | ours | floor | ratio | measured |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for entry in sorted(rows, key=lambda e: (e.get("bench", ""), e["figure"], e["size"])):
            lines.append(
                f"| {entry['figure']} | {entry['size']:,} | {_value(entry['ours'], entry['unit'])} "
                f"| {_value(entry['floor'], entry['unit'])} | {_ratio(entry)} | {entry['date']} |"
            )
        chart = Path(str(CHART).format(vendor=vendor))
        chart.write_text(chart_svg(rows))
        lines += [
            "",
            f"![{VENDOR_NAMES.get(vendor, vendor)}: time and peak memory against size]({chart.name})",
            "",
        ]
    lines += ["## Load test", "", loadtest_line(), ""]
    RESULTS.write_text("\n".join(lines))


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
