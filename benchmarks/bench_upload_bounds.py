"""What refusing an amplifying workbook costs, beside reading a real one (issue 12.4).

(a) the amplifying workbook: ~130 KB of .xlsx whose sheet unpacks to 95 MB (under the 100 MB cap, the row
    limit and the sheet-area bound; ``tests.graduates.fixtures_import.write_amplifying_workbook``), which the
    zip directory's compression ratio gives away;
(b) a real workbook: the §1 layout, 5,098 rows (the demo cohort's size) written by openpyxl, read whole;
(c) the same real layout at the row limit is not read here (minutes); its sizes are in uploads.py.

Each is read by ``uploads.read_table`` in a forked child, so each peak is its own: the time, and the peak
resident memory above what the child started with (the Rust reader's allocations are invisible to tracemalloc,
so it is the process's high-water mark, ``ru_maxrss``). Three runs each, the best time and the largest peak.
Nothing is written to the database.
"""

import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from apps.graduates import uploads
from tests.graduates.fixtures_import import good_rows, write_amplifying_workbook, write_xlsx

REPEATS = 3
REAL_ROWS = 5_098


def _resident_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


def _read_in_child(path: str, results) -> None:
    start_kb = _resident_kb()
    started = time.perf_counter()
    try:
        table = uploads.read_table(path)
        outcome = f"read {len(table.rows)} rows"
    except uploads.UploadRejected as refused:
        outcome = f"refused: {refused.messages[0]}"
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.send((elapsed, max(peak_kb - start_kb, 0), outcome))


def _measure(path: Path) -> tuple[float, float, str]:
    context = multiprocessing.get_context("fork")
    times, peaks, outcome = [], [], ""
    for _ in range(REPEATS):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_read_in_child, args=(str(path), sender))
        child.start()
        elapsed, peak_kb, outcome = receiver.recv()
        child.join()
        times.append(elapsed)
        peaks.append(peak_kb / 1024)
    return min(times), max(peaks), outcome


def _rows(count: int) -> list[dict]:
    rows = []
    while len(rows) < count:
        rows.extend(good_rows(min(999, count - len(rows))))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hpi-bench-upload-") as scratch:
        amplifying = write_amplifying_workbook(Path(scratch) / "amplify.xlsx", 95 * 1024 * 1024)
        real = write_xlsx(Path(scratch) / "real.xlsx", _rows(REAL_ROWS))
        for label, path in (("(a) amplifying 95 MB", amplifying), (f"(b) real {REAL_ROWS} rows", real)):
            best, peak, outcome = _measure(path)
            size = uploads.human_size(path.stat().st_size)
            print(f"{label:24} {size:>10}  {best * 1000:9.1f} ms  peak +{peak:7.1f} MB  {outcome}")
