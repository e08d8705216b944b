"""Run every ``benchmarks/bench_*.py`` (each exposes ``main()``) against a freshly migrated database.

    python benchmarks/run.py            # all of them
    python benchmarks/run.py import     # only those whose name contains "import"

Settings are ``hpi_employment.settings.test``. The database is a temporary SQLite file, or the one
``DATABASE_URL`` names when it is set (contract §3). Not part of the test suite: ``make bench`` runs it. Every
run keeps the figures each ``main()`` returns in ``benchmarks/results.json`` (by database, figure and size:
``benchmarks/results.py``) and rewrites ``benchmarks/RESULTS.md`` from all of them, so a run on SQLite, one on
PostgreSQL and a run of one benchmark each update only their own figures.
"""

import importlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "hpi_employment.settings.test"
    scratch = tempfile.TemporaryDirectory(prefix="hpi-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch.name}/bench.sqlite3"
    os.environ.setdefault("HPI_MEDIA_ROOT", str(Path(scratch.name) / "media"))

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']} (migrated in {time.perf_counter() - started:.1f} s)"
    )

    # Once for all benchmarks: the test client's responses then carry their template context (the rows shown).
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # The import first: it measures into an empty graduate table, which the others fill (the demo cohort).
    paths = sorted(BENCH_DIR.glob("bench_*.py"), key=lambda path: (path.stem != "bench_import", path.stem))
    if argv:
        paths = [path for path in paths if any(word in path.stem for word in argv)]
    figures: dict[str, list[dict]] = {}
    failed = []
    for path in paths:
        print(f"\n== {path.stem} ==", flush=True)
        module = importlib.import_module(f"benchmarks.{path.stem}")
        try:
            returned = module.main() or []
            if returned:  # a benchmark that measured nothing (skipped) keeps its earlier figures
                figures[path.stem] = returned
        except Exception:  # one broken benchmark must not cost the others' figures: it is reported instead
            traceback.print_exc()
            failed.append(path.stem)
    if figures:
        from benchmarks.results import RESULTS, STORE, record
        from benchmarks.synthetic import DEFAULT_SIZES

        record(
            figures,
            sizes=os.environ.get("HPI_BENCH_SIZES", DEFAULT_SIZES),
            note=os.environ.get("HPI_BENCH_NOTE", ""),
        )
        print(f"\nwritten: {STORE} and {RESULTS}")
    scratch.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
