"""Writes the demo cohort's destination plans (``generate.build_demo_plans``) to the database.

The plans are history, so they are written as rows (bulk inserts with their historical times), not replayed
through ``services.plan_transition``: every event is a move of ``workflow.TRANSITIONS`` by a role allowed to
make it (the tests check each one). Idempotent: when the cohort's plans, events and evidence are already
exactly the demo's they are kept, and a cohort without plans gets them; plans that differ are refused
(``DemoPlansError``): only ``reset=True`` deletes the cohort's plans and everything hanging on them and writes
them again. Evidence files (small PDFs) go to MEDIA_ROOT through the Evidence model's storage.
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, ProtectedError

from apps.accounts.models import User
from apps.demo.removal import without_history
from apps.demo.times import historical_times
from apps.graduates.demo import data as graduates_data
from apps.graduates.models import Graduate
from apps.refdata import seed_data
from apps.refdata.models import DestinationCode, Industry, NotEmployedReason, Province, UnitNature

from ..models import (
    DestinationPlan,
    Evidence,
    Notification,
    PlanEvent,
    Verification,
    VerificationBatch,
    evidence_path,
)
from ..rules import PLAN_DETAIL_FIELDS
from . import data as d
from .generate import DemoPlan, DemoPlans, build_demo_plans

BATCH_SIZE = 1000
Log = Callable[[str], None]
FOREIGN_KEYS = {
    "unit_nature": (UnitNature, seed_data.UNIT_NATURE_SCHEME),
    "industry": (Industry, seed_data.INDUSTRY_SCHEME),
    "work_province": (Province, seed_data.PROVINCE_SCHEME),
    "institution_province": (Province, seed_data.PROVINCE_SCHEME),
    "not_employed_reason": (NotEmployedReason, seed_data.REASON_SCHEME),
}


class DemoPlansError(Exception):
    """The demo's plans cannot be written (graduates or code table entries missing, or rows still in use)."""


def _quiet(message: str) -> None:
    pass


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class _Refs:
    codes: dict[str, int]  # destination code (2020 scheme) -> pk
    tables: dict[str, dict[str, int]]  # plan field -> {code: pk}
    users: dict[str, int]  # username -> pk
    graduates: dict[str, int]  # 学号 -> graduate pk

    def code_of(self, field: str) -> dict[int, str]:
        return {pk: code for code, pk in self.tables[field].items()}


def _lookup(plans: DemoPlans) -> _Refs:
    year = graduates_data.COHORT_YEAR
    graduates = dict(Graduate.objects.filter(cohort__year=year).values_list("student_no", "pk"))
    wanted = {plan.student_no for plan in plans.plans}
    if missing := wanted - graduates.keys():
        raise DemoPlansError(f"{len(missing)} demo graduates are missing from cohort {year}")
    usernames = {event.actor for plan in plans.plans for event in plan.events}
    usernames |= {plan.student_no for plan in plans.plans}
    users: dict[str, int] = {}
    for batch in _batches(sorted(usernames)):
        users.update(User.objects.filter(username__in=batch).values_list("username", "pk"))
    if missing := usernames - users.keys():
        raise DemoPlansError(f"accounts missing: {', '.join(sorted(missing)[:5])}")
    codes = dict(
        DestinationCode.objects.filter(scheme=seed_data.DESTINATION_SCHEME_2020).values_list("code", "pk")
    )
    tables = {
        field: dict(model.objects.filter(scheme=scheme).values_list("code", "pk"))
        for field, (model, scheme) in FOREIGN_KEYS.items()
    }
    for plan in plans.plans:
        if plan.code not in codes:
            raise DemoPlansError(f"destination code {plan.code} missing")
        for field, value in plan.details:
            if field in tables and value not in tables[field]:
                raise DemoPlansError(f"{field} {value} missing from the code tables")
    return _Refs(codes, tables, users, graduates)


def _cohort_plans():
    return DestinationPlan.objects.filter(graduate__cohort__year=graduates_data.COHORT_YEAR)


# --- what is there now --------------------------------------------------------------------------------------


def _wanted(plans: DemoPlans, pks: dict[tuple[str, int], int]) -> tuple[set, set, set]:
    """The demo's plans, events and evidence as comparable tuples; ``pks`` names the plans a supersede event's
    comment points at."""
    plan_rows, event_rows, evidence_rows = set(), set(), set()
    for plan in plans.plans:
        plan_rows.add(
            (
                plan.student_no, plan.seq, plan.code, plan.status, plan.replaces, plan.details, plan.student_no,
                plan.created_at, plan.updated_at, plan.submitted_at, plan.status_changed_at, plan.approved_at,
                plan.approved_on, plan.superseded_at,
            )
        )  # fmt: skip
        for event in plan.events:
            event_rows.add((plan.student_no, plan.seq, *_event_fields(event, plan, pks)))
        for item in plan.evidence:
            evidence_rows.add(
                (plan.student_no, plan.seq, item.kind, item.token, item.original_name, item.at, True)
            )
    return plan_rows, event_rows, evidence_rows


def _event_fields(event, plan: DemoPlan, pks: dict[tuple[str, int], int]) -> tuple:
    comment = event.comment
    if event.replaced_by is not None:  # as services._supersede_previous writes it
        comment = f"由方案 #{pks[(plan.student_no, event.replaced_by)]} 取代"
    return (event.action, event.from_status, event.to_status, event.actor, event.role, comment, event.at)


PLAN_COLUMNS = ("pk", "graduate_id", "destination_id", "status", "replaces_id", "created_by_id", "created_at",
                "updated_at", "submitted_at", "status_changed_at", "approved_at", "approved_on", "superseded_at")  # fmt: skip


def _present(refs: _Refs) -> tuple[dict[tuple[str, int], int], set, set, set]:
    """The cohort's plans, events and evidence as the tuples ``_wanted`` makes (seq: the order of creation)."""
    student_of = {pk: no for no, pk in refs.graduates.items()}
    code_of = {pk: code for code, pk in refs.codes.items()}
    field_codes = {field: refs.code_of(field) for field in FOREIGN_KEYS}
    username_of = {pk: name for name, pk in refs.users.items()}
    attnames = [DestinationPlan._meta.get_field(name).attname for name in PLAN_DETAIL_FIELDS]
    rows = list(
        _cohort_plans().order_by("graduate_id", "created_at", "pk").values_list(*PLAN_COLUMNS, *attnames)
    )
    pks: dict[tuple[str, int], int] = {}
    seq_of: dict[int, tuple[str, int]] = {}
    made: dict[int, int] = defaultdict(int)
    for row in rows:
        seq_of[row[0]] = (student_of.get(row[1], "?"), made[row[1]])
        pks[seq_of[row[0]]] = row[0]
        made[row[1]] += 1
    plan_rows = set()
    for pk, _graduate, destination, status, replaces, created_by, *times_and_details in rows:
        times, values = times_and_details[:7], times_and_details[7:]
        details = tuple(
            sorted(
                (name, field_codes[name].get(value) if name in FOREIGN_KEYS else value)
                for name, value in zip(PLAN_DETAIL_FIELDS, values, strict=True)
                if value not in (None, "")
            )
        )
        replaced = seq_of[replaces][1] if replaces in seq_of else replaces
        plan_rows.add(
            (
                *seq_of[pk],
                code_of.get(destination),
                status,
                replaced,
                details,
                username_of.get(created_by),
                *times,
            )
        )
    events = {
        (*seq_of[plan_id], action, from_status, to_status, username_of.get(actor), role, comment, at)
        for plan_id, action, from_status, to_status, actor, role, comment, at in PlanEvent.objects.filter(
            plan__in=_cohort_plans()
        ).values_list(
            "plan_id", "action", "from_status", "to_status", "actor_id", "actor_role", "comment", "created_at"
        )
    }
    storage = Evidence._meta.get_field("file").storage
    evidence = {
        (*seq_of[plan_id], kind, token, name, at, storage.exists(file_name))
        for plan_id, kind, token, name, at, file_name in Evidence.objects.filter(
            plan__in=_cohort_plans()
        ).values_list("plan_id", "kind", "token", "original_name", "uploaded_at", "file")
    }
    return pks, plan_rows, events, evidence


def _is_complete(plans: DemoPlans, refs: _Refs) -> bool:
    pks, plan_rows, event_rows, evidence_rows = _present(refs)
    if len(plan_rows) != len(plans.plans) or set(pks) != {(p.student_no, p.seq) for p in plans.plans}:
        return False
    return (plan_rows, event_rows, evidence_rows) == _wanted(plans, pks)


# --- removing -----------------------------------------------------------------------------------------------


def demo_plans_remove(*, log: Log = _quiet) -> int:
    """Delete every plan of the demo cohort's graduates, with their events, evidence (files too), verifications
    and notifications, so the graduates can be rebuilt. Returns how many plans there were."""
    plans = _cohort_plans()
    count = plans.count()
    if not count:
        return 0
    log(f"Removing the {count} destination plans of cohort {graduates_data.COHORT_YEAR} and their history")
    evidence = Evidence.objects.filter(plan__in=plans)
    # The files go once the rows are gone for good: a rolled-back rebuild keeps its old files.
    files = list(evidence.values_list("file", flat=True))
    plan_ids = list(plans.values_list("pk", flat=True))
    transaction.on_commit(partial(_delete_files, files))
    try:
        with transaction.atomic(), without_history():
            Verification.objects.filter(plan__in=plans).delete()
            VerificationBatch.objects.filter(
                cohort__year=graduates_data.COHORT_YEAR, verifications=None
            ).delete()
            Notification.objects.filter(plan__in=plans).delete()
            evidence.delete()
            PlanEvent.objects.filter(plan__in=plans).delete()
            # A plan another one changes is protected by that one: delete the newest first.
            while plans.exists():
                replaced = _cohort_plans().filter(replaces__isnull=False).values("replaces")
                plans.exclude(pk__in=replaced).delete()
            # The rebuilt plans start without the content history of the removed ones.
            for batch in _batches(plan_ids):
                DestinationPlan.history.filter(id__in=batch).delete()
    except ProtectedError as error:
        raise DemoPlansError(f"the demo's plans are still used elsewhere ({error.args[0]})") from error
    return count


def _delete_files(names: list[str]) -> None:
    """Delete evidence files no row names any more, and on a local disk the per-plan folders they leave empty."""
    storage = Evidence._meta.get_field("file").storage
    still_used = set()
    for batch in _batches(names):
        still_used.update(Evidence.objects.filter(file__in=batch).values_list("file", flat=True))
    for name in names:
        if name in still_used:
            continue
        storage.delete(name)
        try:
            folder = Path(storage.path(name)).parent
        except NotImplementedError:  # remote storage: no folders to tidy
            continue
        with suppress(OSError):  # not empty, or already gone
            folder.rmdir()


# --- writing ------------------------------------------------------------------------------------------------


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF (ASCII text, Helvetica) with a correct cross-reference table."""
    safe = [line.replace("\\", "/").replace("(", "[").replace(")", "]") for line in lines]
    text = " ".join(f"({line}) '" for line in safe)
    stream = f"BT /F1 12 Tf 72 770 Td 16 TL {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def evidence_pdf(*, student_no: str, kind: str, code: str) -> bytes:
    return _pdf(
        [
            "Hubei Polytechnic Institute - graduate employment system",
            "DEMO EVIDENCE (made-up data, not a real document)",
            f"Student no.: {student_no}",
            f"Destination code: {code}   Evidence kind: {kind}",
        ]
    )


def _plan_row(plan: DemoPlan, refs: _Refs, pks: dict[tuple[str, int], int]) -> DestinationPlan:
    values = {}
    for field, value in plan.details:
        if field in FOREIGN_KEYS:
            values[f"{field}_id"] = refs.tables[field][value]
        else:
            values[field] = value
    return DestinationPlan(
        graduate_id=refs.graduates[plan.student_no],
        destination_id=refs.codes[plan.code],
        status=plan.status,
        replaces_id=pks[(plan.student_no, plan.replaces)] if plan.replaces is not None else None,
        created_by_id=refs.users[plan.student_no],
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        submitted_at=plan.submitted_at,
        status_changed_at=plan.status_changed_at,
        approved_at=plan.approved_at,
        approved_on=plan.approved_on,
        superseded_at=plan.superseded_at,
        **values,
    )


def _create(plans: DemoPlans, refs: _Refs, log: Log) -> dict[str, int]:
    pks: dict[tuple[str, int], int] = {}
    by_seq: dict[int, list[DemoPlan]] = defaultdict(list)
    for plan in plans.plans:
        by_seq[plan.seq].append(plan)
    log(f"Creating {len(plans.plans)} destination plans for {len(refs.graduates)} graduates")
    with historical_times(DestinationPlan, PlanEvent, Evidence):
        # A change points at the plan it changes, so the plans go in by generation: first plans, then changes.
        for seq in sorted(by_seq):
            rows = [_plan_row(plan, refs, pks) for plan in by_seq[seq]]
            DestinationPlan.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            if any(row.pk is None for row in rows):
                raise DemoPlansError("this database does not return ids from bulk inserts")
            pks.update(
                ((plan.student_no, plan.seq), row.pk) for plan, row in zip(by_seq[seq], rows, strict=True)
            )
        moves = sorted(
            ((event, plan) for plan in plans.plans for event in plan.events), key=lambda pair: pair[0].at
        )
        events = [
            PlanEvent(
                plan_id=pks[(plan.student_no, plan.seq)],
                action=event.action,
                from_status=event.from_status,
                to_status=event.to_status,
                actor_id=refs.users[event.actor],
                actor_role=event.role,
                comment=_event_fields(event, plan, pks)[5],
                created_at=event.at,
            )
            for event, plan in moves
        ]
        log(
            f"Creating {len(events)} plan events (submissions and the reviews of counsellors, colleges, centre)"
        )
        PlanEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        evidence = _write_evidence(plans, refs, pks)
        Evidence.objects.bulk_create(evidence, batch_size=BATCH_SIZE)
    return {"plans": len(plans.plans), "events": len(events), "evidence": len(evidence)}


def _write_evidence(plans: DemoPlans, refs: _Refs, pks: dict[tuple[str, int], int]) -> list[Evidence]:
    storage = Evidence._meta.get_field("file").storage
    rows = []
    for plan in plans.plans:
        for item in plan.evidence:
            content = evidence_pdf(student_no=plan.student_no, kind=item.kind, code=plan.code)
            row = Evidence(
                plan_id=pks[(plan.student_no, plan.seq)],
                kind=item.kind,
                token=item.token,
                original_name=item.original_name,
                content_type="application/pdf",
                size=len(content),
                uploaded_by_id=refs.users[plan.student_no],
                uploaded_at=item.at,
            )
            name = evidence_path(row, item.original_name)
            if storage.exists(name):
                storage.delete(name)
            row.file.name = storage.save(name, ContentFile(content))
            rows.append(row)
    return rows


@dataclass(frozen=True)
class DemoPlansResult:
    rebuilt: bool  # False when the cohort already held exactly the demo's plans and they were kept
    seconds: float
    plans: int
    events: int
    evidence: int


@transaction.atomic
def demo_plans_load(*, reset: bool = False, log: Log = _quiet) -> DemoPlansResult:
    """Give the demo cohort's graduates their destination plans (see module); the graduates must be loaded."""
    started = time.perf_counter()
    plans = build_demo_plans()
    refs = _lookup(plans)
    if not reset and _is_complete(plans, refs):
        log(f"Destination plans: cohort {graduates_data.COHORT_YEAR} already holds the demo's plans; kept")
        counts = {
            "plans": len(plans.plans),
            "events": sum(len(p.events) for p in plans.plans),
            "evidence": sum(len(p.evidence) for p in plans.plans),
        }
        return DemoPlansResult(False, time.perf_counter() - started, **counts)
    if not reset and demo_plans_exist():
        raise DemoPlansError(
            f"cohort {graduates_data.COHORT_YEAR} holds destination plans that are not exactly the demo's: "
            "nothing was changed (only --reset replaces them)"
        )
    demo_plans_remove(log=log)
    counts = _create(plans, refs, log)
    return DemoPlansResult(True, time.perf_counter() - started, **counts)


def demo_plans_exist() -> bool:
    return _cohort_plans().exists()


def demo_plans_counts(*, year: int = graduates_data.COHORT_YEAR) -> dict:
    """What the command prints: employed at both cut-off dates and the plans waiting at each level."""
    from ..models import PlanStatus
    from ..selectors import effective_plans

    graduates = Graduate.objects.filter(cohort__year=year)
    total = graduates.count()
    counts = {"graduates": total}
    for key, day in (("first", d.FIRST_CUTOFF), ("final", d.FINAL_CUTOFF)):
        employed = (
            effective_plans(as_of=day, graduates=graduates)
            .filter(destination__category__counts_as_employed=True)
            .count()
        )
        counts[key] = (day, employed)
    statuses = dict(
        DestinationPlan.objects.filter(graduate__in=graduates).values_list("status").annotate(n=Count("pk"))
    )
    counts["statuses"] = {status: statuses.get(status, 0) for status in PlanStatus.values}
    return counts
