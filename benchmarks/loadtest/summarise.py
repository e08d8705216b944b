"""benchmarks/loadtest/last.json from locust's CSV statistics of the three phases (rush, capacity, floor) and
the count of what the rush's accepted moves left in the database (var/loadtest/accepted.json).

``lost``: a move the server said it accepted (a submission, approval or return, per student and plan) that
has no event in the database: the accepted count per (plan, action, from status) beside the events'.

Usage: summarise.py STUDENTS WORKERS  (the load-test database's DATABASE_URL and settings from loadtest.sh).
"""

import csv
import datetime
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "loadtest"
sys.path.insert(0, str(ROOT))

LOGIN_KINDS = ("login page", "login (POST, password hasher)")
ACTIONS = {"submissions": "submit", "approvals": "approve", "returns": "return"}


def rows(name: str) -> list[dict]:
    path = VAR / f"{name}_stats.csv"
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> float | None:
    """locust writes N/A for the percentiles of a phase that saw no response."""
    try:
        return float(text)
    except ValueError:
        return None


def kind(row: dict) -> dict:
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": _number(row["50%"]),
        "p95_ms": _number(row["95%"]),
        "p99_ms": _number(row["99%"]),
    }


def total(phase: list[dict]) -> dict | None:
    return next((kind(r) for r in phase if r["Name"] == "Aggregated"), None)


def times(name: str) -> list[tuple[str, float]]:
    path = VAR / f"{name}_times.json"
    return [tuple(t) for t in json.loads(path.read_text())] if path.exists() else []


def percentiles(values: list[float]) -> dict:
    """Nearest-rank percentiles in ms, over every response of the phase (not locust's rounded buckets)."""
    ordered = sorted(values)
    if not ordered:
        return {}

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, -(-len(ordered) * p // 100) - 1))]

    return {"requests": len(ordered), "p50_ms": rank(50), "p95_ms": rank(95), "p99_ms": rank(99)}


def load_average(name: str) -> dict:
    def read(when: str) -> str:
        path = VAR / f"{name}_load_{when}"
        return path.read_text().strip() if path.exists() else ""

    drained = VAR / f"{name}_drain_seconds"
    return {
        "before": read("before"),
        "after": read("after"),
        # Seconds gunicorn still served the phase's queued requests after locust stopped.
        "drain_s": float(drained.read_text()) if drained.exists() else None,
    }


def count_lost() -> dict:
    """Per move kind: accepted by the server (locust's side), found in the database, missing."""
    path = VAR / "accepted.json"
    accepted = json.loads(path.read_text()) if path.exists() else {}
    if not any(accepted.values()):
        return {"checked": False}
    import django

    django.setup()
    from apps.plans.models import PlanEvent

    result: dict = {"checked": True}
    for key, action in ACTIONS.items():
        moves = accepted.get(key, [])
        wanted = Counter((plan, from_status) for _actor, plan, from_status in moves)
        actors = {(plan, from_status): actor for actor, plan, from_status in moves}
        found = Counter(
            PlanEvent.objects.filter(plan_id__in={plan for plan, _ in wanted}, action=action).values_list(
                "plan_id", "from_status"
            )
        )
        by_actor = Counter(
            (plan, from_status, username)
            for plan, from_status, username in PlanEvent.objects.filter(
                plan_id__in={plan for plan, _ in wanted}, action=action
            ).values_list("plan_id", "from_status", "actor__username")
        )
        missing = sum(max(0, n - found[move]) for move, n in wanted.items())
        wrong_actor = sum(1 for move, actor in actors.items() if not by_actor[(*move, actor)])
        result[key] = {
            "accepted": len(moves),
            "students": len({plan for plan, _ in wanted}),
            "in_database": sum(min(n, found[move]) for move, n in wanted.items()),
            "lost": missing,
            "other_actor": wrong_actor,
        }
    result["lost"] = sum(result[key]["lost"] for key in ACTIONS)
    return result


def mix_rps(phase_rows: list[dict]) -> float:
    """A capacity phase's requests a second, without its own logins (20 Argon2 checks at its start), which
    are not the mix it measures."""
    return round(
        sum(float(r["Requests/s"]) for r in phase_rows if r["Name"] not in ("Aggregated", *LOGIN_KINDS)), 1
    )


def main() -> None:
    rush, capacity, floor = rows("rush"), rows("capacity"), rows("floor")
    capacity_full = rows("capacity_full")
    kinds = {r["Name"]: kind(r) for r in rush if r["Name"] != "Aggregated"}
    rush_total = total(rush) or {}
    floor_total = total(floor) or {}
    capacity_rps = mix_rps(capacity)
    rush_times = times("rush")
    lost = count_lost()
    summary = {
        "date": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "students": int(sys.argv[1]),
        "reviewers": len(json.loads((VAR / "plan.json").read_text())["reviewers"]),
        "workers": int(sys.argv[2]),
        "rps": rush_total.get("rps"),
        "p50_ms": rush_total.get("p50_ms"),
        "p95_ms": rush_total.get("p95_ms"),
        "p99_ms": rush_total.get("p99_ms"),
        # Every request but the two of logging in: what a student waits for once in (the deadline's pages).
        "after_login": percentiles([ms for name, ms in rush_times if name not in LOGIN_KINDS]),
        "logins": percentiles([ms for name, ms in rush_times if name == LOGIN_KINDS[1]]),
        "errors": rush_total.get("failures"),
        "lost": lost.get("lost") if lost["checked"] else "not measured (nothing accepted)",
        "moves": lost,
        "capacity_rps": capacity_rps,
        # The same mix from clients that keep no copy of the status page (every poll builds it).
        "capacity_full_page_rps": mix_rps(capacity_full) if capacity_full else None,
        "floor_rps": floor_total.get("rps"),
        "load_average": {name: load_average(name) for name in ("rush", "capacity", "capacity_full", "floor")},
        "kinds": kinds,
        "capacity": {r["Name"]: kind(r) for r in capacity if r["Name"] != "Aggregated"},
        "capacity_full_page": {r["Name"]: kind(r) for r in capacity_full if r["Name"] != "Aggregated"},
        "floor": floor_total,
    }
    floor_rps = summary["floor_rps"]
    summary["capacity_vs_floor"] = round(capacity_rps / floor_rps, 2) if floor_rps else None
    full_rps = summary["capacity_full_page_rps"]
    summary["capacity_full_page_vs_floor"] = (
        round(full_rps / floor_rps, 2) if floor_rps and full_rps else None
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
