"""Exports in flat memory: the graduate export over 5,000 and 500,000 synthetic rows (``benchmarks.synthetic``)
through the path the site takes, each in a fresh interpreter whose peak resident memory (``VmHWM``) is read at
the end:

* ``view``: what the list's export view does (``apps.downloads.Download``): the formatter
  (``apps.graduates.exports.table_to_xlsx``, openpyxl write-only, rows from an iterator) writes into the
  download's temporary file, and the ``FileResponse`` is streamed out block by block, as the WSGI server
  would, then closed;
* ``job``: what the export job does (``apps.graduates.jobs``): the formatter writes straight into the job's
  result file.

The floor, run the same way: the same interpreter and imports consuming the same rows without writing a file.
``HPI_BENCH_EXPORT_SIZES=5000,50000`` picks the sizes, ``HPI_BENCH_EXPORT_PATHS=view`` the paths."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = tuple(int(n) for n in os.environ.get("HPI_BENCH_EXPORT_SIZES", "5000,500000").split(","))
PATHS = tuple(os.environ.get("HPI_BENCH_EXPORT_PATHS", "view,job").split(","))
ROOT = Path(__file__).resolve().parent.parent


def _export(kind: str, rows, headers: list[str], widths: dict) -> int:
    """The export of ``rows`` along ``kind``'s path; the file's size."""
    from apps.downloads import Download
    from apps.graduates.exports import table_to_xlsx

    if kind == "view":
        download = Download("graduates.xlsx")
        table_to_xlsx("毕业生", headers, rows, download.file, widths=widths)
        response = download.response()
        size = int(response["Content-Length"])
        for _block in response.streaming_content:  # what the server sends, a block at a time
            pass
        response.close()
        return size
    with tempfile.TemporaryDirectory() as directory:  # the job's result file
        path = Path(directory) / "result.xlsx"
        table_to_xlsx("毕业生", headers, rows, path, widths=widths)
        return path.stat().st_size


def _child(kind: str, size: int) -> None:
    import django

    django.setup()
    from apps.graduates.exports import EXPORT_COLUMNS, EXPORT_WIDTHS
    from benchmarks.synthetic import graduate_export_rows

    started = time.perf_counter()
    if kind == "floor":
        for _ in graduate_export_rows(size):
            pass
        file_bytes = 0
    else:
        headers = [h for h, _ in EXPORT_COLUMNS]
        file_bytes = _export(kind, graduate_export_rows(size), headers, EXPORT_WIDTHS)
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
        floor_seconds, floor_peak, _ = measure("floor", size)
        print(f"{size:>7,} rows: floor {floor_seconds:6.2f} s, {floor_peak:6.1f} MiB", flush=True)
        for kind in PATHS:
            seconds, peak, file_bytes = measure(kind, size)
            print(
                f"{size:>7,} rows: {kind:<4} {seconds:6.2f} s, peak {peak:6.1f} MiB "
                f"(file {file_bytes / 2**20:.1f} MiB); memory above the floor {peak - floor_peak:5.1f} MiB",
                flush=True,
            )
            # The view's figures keep their earlier names (RESULTS.md's rows and chart).
            name = "graduate export" if kind == "view" else f"graduate export ({kind})"
            figures.append(
                {
                    "figure": f"{name}, time",
                    "size": size,
                    "ours": seconds,
                    "floor": floor_seconds,
                    "unit": "s",
                }
            )
            figures.append(
                {
                    "figure": f"{name}, peak memory",
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
