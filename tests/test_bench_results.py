"""The benchmarks' results store (``benchmarks/results.py``): a run replaces only its own figures."""

from benchmarks.results import merge


def figure(name: str, size: int, ours: float = 1.0) -> dict:
    return {"figure": name, "size": size, "ours": ours, "floor": 0.5, "unit": "s"}


def run(store, figures_by_bench, vendor="sqlite", date="d1"):
    return merge(store, figures_by_bench, vendor=vendor, database=f"{vendor} 1", machine="m", date=date)


def test_a_run_on_another_database_or_of_another_benchmark_keeps_the_earlier_figures():
    store = run({}, {"bench_import": [figure("import", 5098), figure("import", 50000)]})
    store = run(store, {"bench_import": [figure("import", 5098, 2.0)]}, vendor="postgresql", date="d2")
    store = run(store, {"bench_report": [figure("report", 5098)]}, date="d3")
    assert {(e["vendor"], e["figure"], e["size"], e["date"]) for e in store.values()} == {
        ("sqlite", "import", 5098, "d1"),
        ("sqlite", "import", 50000, "d1"),
        ("postgresql", "import", 5098, "d2"),
        ("sqlite", "report", 5098, "d3"),
    }


def test_a_run_replaces_its_sizes_keeps_other_sizes_and_drops_its_renamed_figures():
    store = run({}, {"bench_import": [figure("old name", 5098), figure("import", 400000)]})
    store = run(store, {"bench_import": [figure("import", 5098, 3.0)]}, date="d2")
    assert sorted((e["figure"], e["size"], e["ours"], e["date"]) for e in store.values()) == [
        ("import", 5098, 3.0, "d2"),
        ("import", 400000, 1.0, "d1"),
    ]
