"""Streamed exports in flat memory: the graduate export's formatter (``apps.graduates.exports.table_to_xlsx``,
openpyxl write-only, the same path the park register uses; the chase and leavers lists use the same mode) over
5,000 and 500,000 synthetic rows (``benchmarks.synthetic``), each in a fresh interpreter whose peak resident
memory (``VmHWM``) is read at the end. The floor, run the same way: the same interpreter and imports
consuming the same rows without writing a file. ``HPI_BENCH_EXPORT_SIZES=5000,50000`` picks the sizes.

The finished .xlsx is returned as bytes (the views answer with it), so the file's own size is part of the peak:
printed beside it."""

import os
import subprocess
import sys
import time
from pathlib import Path

SIZES = tuple(int(n) for n in os.environ.get("HPI_BENCH_EXPORT_SIZES", "5000,500000").split(","))
ROOT = Path(__file__).resolve().parent.parent


def _child(kind: str, size: int) -> None:
    import django

    django.setup()
    from apps.graduates.exports import EXPORT_COLUMNS, EXPORT_WIDTHS, table_to_xlsx
    from benchmarks.synthetic import graduate_export_rows

    started = time.perf_counter()
    if kind == "ours":
        content = table_to_xlsx(
            "毕业生", [h for h, _ in EXPORT_COLUMNS], graduate_export_rows(size), widths=EXPORT_WIDTHS
        )
        file_bytes = len(content)
    else:
        for _ in graduate_export_rows(size):
            pass
        file_bytes = 0
    elapsed = time.perf_counter() - started
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec.
    status = Path("/proc/self/status").read_text()
    peak_mib = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    print(f"{elapsed:.3f} {peak_mib:.1f} {file_bytes}")


def measure(kind: str, size: int) -> tuple[float, float, int]:
    """(seconds, peak MiB, file bytes) of one run in a fresh interpreter."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_export_memory", kind, str(size)],
        cwd=ROOT,
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(output[0]), float(output[1]), int(output[2])


def main() -> list[dict]:
    figures = []
    for size in SIZES:
        seconds, peak, file_bytes = measure("ours", size)
        floor_seconds, floor_peak, _ = measure("floor", size)
        print(
            f"{size:>7,} rows: export {seconds:6.2f} s, peak {peak:6.1f} MiB (file {file_bytes / 2**20:.1f} MiB); "
            f"floor {floor_seconds:5.2f} s, {floor_peak:5.1f} MiB; memory above the floor "
            f"{peak - floor_peak:5.1f} MiB",
            flush=True,
        )
        figures.append(
            {
                "figure": "graduate export, time",
                "size": size,
                "ours": seconds,
                "floor": floor_seconds,
                "unit": "s",
            }
        )
        figures.append(
            {
                "figure": "graduate export, peak memory",
                "size": size,
                "ours": peak,
                "floor": floor_peak,
                "unit": "MiB",
            }
        )
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hpi_employment.settings.test")
    _child(sys.argv[1], int(sys.argv[2]))
