"""benchmarks/loadtest/last.json from locust's CSV statistics of the rush and of the floor."""

import csv
import datetime
import json
import sys
from pathlib import Path

VAR = Path(__file__).resolve().parents[2] / "var" / "loadtest"


def rows(name: str) -> list[dict]:
    with open(VAR / f"{name}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def kind(row: dict) -> dict:
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


rush, floor = rows("rush"), rows("floor")
rush_total = next(r for r in rush if r["Name"] == "Aggregated")
floor_total = next(r for r in floor if r["Name"] == "Aggregated")
summary = {
    "date": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
    "students": int(sys.argv[1]),
    "reviewers": 0,
    "workers": int(sys.argv[2]),
    "rps": round(float(rush_total["Requests/s"]), 1),
    "p95_ms": float(rush_total["95%"]),
    "errors": int(rush_total["Failure Count"]),
    "lost": "not measured (no submissions in this run)",
    "floor_rps": round(float(floor_total["Requests/s"]), 1),
    "kinds": {r["Name"]: kind(r) for r in rush if r["Name"] != "Aggregated"},
    "floor": kind(floor_total),
}
summary["rush_vs_floor"] = round(summary["rps"] / summary["floor_rps"], 2) if summary["floor_rps"] else None
print(json.dumps(summary, ensure_ascii=False, indent=2))
