"""Writes the demo park: two sites and their units, 46 companies in the park (312 jobs), two that left after
failing the 2019 assessment, two applications, their reports, resumption applications, passes, patrols, meter
readings, assessments, funding applications (three teams funded, 60,000 yuan) and the 2020 competitions.

Idempotent: when the park already holds the demo's companies it is kept as it is (what people did in it since
stays); an empty park is filled; a park holding other records is only replaced with ``reset=True``. The
companies' log-in accounts (cyy01 ... cyy46) are put right every time.
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.db import transaction

from apps.accounts.models import Role, User
from apps.demo.times import story_time
from apps.graduates.demo import DEMO_PASSWORD
from apps.graduates.demo import data as cohort_data
from apps.refdata import seed_data
from apps.refdata.loading import load_code_tables
from apps.refdata.models import Industry

from ..models import (
    AccessPass,
    Assessment,
    CompetitionAward,
    CompetitionEntry,
    EventSubject,
    FundingApplication,
    FundingResult,
    MeterReading,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    Site,
    TeamMember,
    Tenant,
    TenantEvent,
    Unit,
)
from . import data as d
from .generate import DemoPark, DemoTenant, build_demo_park

BATCH_SIZE = 500
Log = Callable[[str], None]

# Everything the park holds, in an order that deletes dependants first.
PARK_MODELS = (
    TenantEvent,
    CompetitionAward,
    CompetitionEntry,
    FundingApplication,
    Assessment,
    MeterReading,
    PatrolRecord,
    AccessPass,
    ResumptionApplication,
    OperatingReport,
    TeamMember,
    Tenant.units.through,
    Tenant.members.through,
    Tenant,
    Unit,
    Site,
)


class DemoParkError(Exception):
    """The demo cannot be written (the park holds other records, or a code table entry is missing)."""


def _quiet(message: str) -> None:
    pass


@dataclass(frozen=True)
class DemoParkResult:
    loaded: bool  # False when the park already held the demo and was kept
    seconds: float


def _industries(log: Log) -> dict[str, Industry]:
    wanted = {code for _, _, code in d.COMPANIES}

    def lookup():
        return {i.code: i for i in Industry.objects.filter(scheme=seed_data.INDUSTRY_SCHEME, code__in=wanted)}

    industries = lookup()
    if set(industries) != wanted:
        log("Code tables incomplete: loading the national code tables")
        load_code_tables(django_apps.get_model)
        industries = lookup()
        if missing := wanted - set(industries):
            raise DemoParkError(f"单位行业 codes missing: {', '.join(sorted(missing))}")
    return industries


def _password_hash(usernames: list[str]) -> str:
    """One hash of the demo password for all the demo's company accounts (hashing is slow on purpose); the
    current one is reused when the accounts already share it."""
    hashes = set(User.objects.filter(username__in=usernames).values_list("password", flat=True))
    if len(hashes) == 1:
        (current,) = hashes
        try:
            identify_hasher(current)
        except ValueError:
            pass
        else:
            if check_password(DEMO_PASSWORD, current):
                return current
    return make_password(DEMO_PASSWORD)


def _accounts(demo: DemoPark) -> tuple[User, dict[int, User]]:
    """The centre (the demo cohort's, made here when that demo is not loaded) and one account per company."""
    tenants = [t for t in demo.tenants if t.username]
    password = _password_hash([t.username for t in tenants])
    centre = User.objects.filter(username=cohort_data.CENTRE_USERNAME).first()
    if centre is None:
        centre = User.objects.create(
            username=cohort_data.CENTRE_USERNAME,
            role=Role.CENTRE,
            last_name="就业与创业指导中心",
            password=password,
        )
    accounts = {}
    for tenant in tenants:
        accounts[tenant.number], _ = User.objects.update_or_create(
            username=tenant.username,
            defaults={
                "role": Role.TENANT,
                "last_name": tenant.leader_name[:1],
                "first_name": tenant.leader_name[1:],
                "password": password,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "must_change_password": False,
            },
        )
    return centre, accounts


def _holds_demo(demo: DemoPark) -> bool:
    names = {t.company_name for t in demo.tenants}
    return Tenant.objects.filter(company_name__in=names).count() == len(names)


def _park_is_empty() -> bool:
    return not any(model.objects.exists() for model in (Site, Tenant, CompetitionEntry))


def _clear(log: Log) -> None:
    log("Removing every park record")
    for model in PARK_MODELS:
        model.objects.all().delete()


def _by(model, key: Callable, **filters) -> dict:
    return {key(row): row for row in model.objects.filter(**filters)}


def _write(
    demo: DemoPark, centre: User, accounts: dict[int, User], industries: dict[str, Industry], log: Log
):
    sites = [
        Site(name=name, location=location, sort_order=order)
        for order, (name, location, *_) in enumerate(d.SITES, 1)
    ]
    Site.objects.bulk_create(sites)
    site_by_name = _by(Site, lambda s: s.name)
    Unit.objects.bulk_create(
        [Unit(site=site_by_name[u.site], code=u.code, area=u.area, meter_no=u.meter_no) for u in demo.units]
    )
    units = _by(Unit, lambda u: u.code)
    log(f"Sites: {len(sites)}, units: {len(units)}, area {sum(u.area for u in demo.units)} m²")

    Tenant.objects.bulk_create([_tenant_row(t, industries) for t in demo.tenants])
    tenants = {t.number: t for t in demo.tenants}
    rows = _by(Tenant, lambda t: t.company_name, company_name__in=[t.company_name for t in demo.tenants])
    by_number = {number: rows[t.company_name] for number, t in tenants.items()}
    Tenant.units.through.objects.bulk_create(
        [
            Tenant.units.through(tenant_id=by_number[t.number].pk, unit_id=units[code].pk)
            for t in demo.tenants
            for code in t.unit_codes
        ]
    )
    Tenant.members.through.objects.bulk_create(
        [Tenant.members.through(tenant_id=by_number[n].pk, user_id=user.pk) for n, user in accounts.items()]
    )
    TeamMember.objects.bulk_create(
        [
            TeamMember(tenant=by_number[t.number], name=name, duty=duty, phone=phone)
            for t in demo.tenants
            for name, duty, phone in t.team
        ]
    )
    log(f"Companies: {len(demo.tenants)} ({d.ACTIVE_TENANTS} in the park), {len(accounts)} company accounts")

    def submission(model, s, **extra):
        return model(
            tenant=by_number[s.number], status=s.status, submitted_by=accounts[s.number], submitted_at=s.submitted_at,
            reviewed_by=centre if s.reviewed_at else None, reviewed_at=s.reviewed_at, review_comment=s.review_comment,
            **s.fields, **extra,
        )  # fmt: skip

    OperatingReport.objects.bulk_create([submission(OperatingReport, r, period=r.key) for r in demo.reports])
    ResumptionApplication.objects.bulk_create(
        [submission(ResumptionApplication, r) for r in demo.resumptions]
    )
    AccessPass.objects.bulk_create(
        [
            AccessPass(
                tenant=by_number[p.number],
                holder_name=p.holder_name,
                holder_phone=p.holder_phone,
                card_no=p.card_no,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                issued_by=centre,
            )  # fmt: skip
            for p in demo.passes
        ]
    )
    PatrolRecord.objects.bulk_create(
        [
            PatrolRecord(
                site=site_by_name[p.site],
                tenant=by_number[p.number] if p.number else None,
                patrolled_on=p.patrolled_on,
                findings=p.findings,
                hazard=p.hazard,
                follow_up=p.follow_up,
                resolved_on=p.resolved_on,
                recorded_by=centre,
            )  # fmt: skip
            for p in demo.patrols
        ]
    )
    MeterReading.objects.bulk_create(
        [
            MeterReading(
                unit=units[r.unit_code],
                meter_no=units[r.unit_code].meter_no,
                read_on=r.read_on,
                reading=r.reading,
                recorded_by=centre,
            )  # fmt: skip
            for r in demo.readings
        ],
        batch_size=BATCH_SIZE,
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                tenant=by_number[a.number],
                year=a.year,
                total=a.total,
                passed=a.passed,
                comment=a.comment,
                assessed_on=a.assessed_on,
                assessed_by=centre,
                **a.scores,
            )  # fmt: skip
            for a in demo.assessments
        ]
    )
    FundingApplication.objects.bulk_create(
        [
            FundingApplication(
                tenant=by_number[f.number],
                programme=d.FUNDING_PROGRAMME,
                year=d.FUNDING_YEAR,
                team_name=f.team_name,
                amount_requested=d.FUNDING_AMOUNT,
                applied_on=d.FUNDING_APPLIED_ON,
                result=f.result,
                amount_granted=f.amount_granted,
                decided_on=d.FUNDING_DECIDED_ON if f.result != FundingResult.PENDING else None,
                submitted_by=accounts[f.number],
            )  # fmt: skip
            for f in demo.funding
        ]
    )
    log(
        f"Operations: {len(demo.reports)} operating reports, {len(demo.resumptions)} resumption applications, "
        f"{len(demo.passes)} passes, {len(demo.patrols)} patrol records, {len(demo.readings)} meter readings, "
        f"{len(demo.assessments)} assessments, {len(demo.funding)} funding applications"
    )

    CompetitionEntry.objects.bulk_create(
        [
            CompetitionEntry(
                competition=e.competition,
                edition=e.edition,
                year=e.year,
                track=e.track,
                project_name=e.project_name,
                leader_name=e.leader_name,
                team_size=e.team_size,
                stage_reached=e.stage_reached,
                recorded_by=centre,
            )  # fmt: skip
            for e in demo.entries
        ],
        batch_size=BATCH_SIZE,
    )
    entries = _by(CompetitionEntry, lambda e: (e.competition, e.year, e.project_name))
    CompetitionAward.objects.bulk_create(
        [
            CompetitionAward(
                entry=entries[(e.competition, e.year, e.project_name)], competition=c, stage=s, award=a
            )
            for e in demo.entries
            for c, s, a in e.awards
        ]
    )
    log(f"Competitions: {len(demo.entries)} entries")
    _write_events(demo, centre, accounts, by_number)


def _write_events(
    demo: DemoPark, centre: User, accounts: dict[int, User], by_number: dict[int, Tenant]
) -> None:
    tenant_ids = [t.pk for t in by_number.values()]
    reports = {
        (r.tenant_id, r.period): r.pk
        for r in OperatingReport.objects.filter(tenant_id__in=tenant_ids).only("tenant_id", "period")
    }
    resumptions = dict(
        ResumptionApplication.objects.filter(tenant_id__in=tenant_ids).values_list("tenant_id", "pk")
    )
    funding = dict(FundingApplication.objects.filter(tenant_id__in=tenant_ids).values_list("tenant_id", "pk"))

    def subject_id(event, tenant: Tenant) -> int:
        return {
            EventSubject.TENANT: lambda: tenant.pk,
            EventSubject.REPORT: lambda: reports[(tenant.pk, event.key)],
            EventSubject.RESUMPTION: lambda: resumptions[tenant.pk],
            EventSubject.FUNDING: lambda: funding[tenant.pk],
        }[event.subject]()

    rows = []
    for event in sorted(demo.events, key=lambda e: e.at):
        tenant = by_number[event.number]
        actor = centre if event.by_centre else accounts[event.number]
        rows.append(
            TenantEvent(
                tenant=tenant,
                subject=event.subject,
                subject_id=subject_id(event, tenant),
                action=event.action,
                from_status=event.from_status,
                to_status=event.to_status,
                actor=actor,
                actor_role=actor.role,
                comment=event.comment,
                created_at=event.at,
            )  # fmt: skip
        )
    TenantEvent.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _date_the_records() -> None:
    """Every record's creation and last change at the dates of the demo's story (its own dates: applied,
    submitted, read, patrolled, assessed), not the load's time that auto_now stamped (the events are written
    dated already)."""

    def redate(model, created: Callable, updated: Callable | None = None) -> None:
        rows = list(model.objects.all())
        for row in rows:
            row.created_at = created(row)
            if updated is not None:
                row.updated_at = max(row.created_at, updated(row))
        fields = ["created_at"] + (["updated_at"] if updated is not None else [])
        model.objects.bulk_update(rows, fields, batch_size=500)  # no save(): auto_now stays out of it

    def day(value):
        return story_time(value) if value is not None else None

    redate(Tenant, lambda t: day(t.applied_on), lambda t: t.status_changed_at or day(t.applied_on))
    for model in (OperatingReport, ResumptionApplication):
        redate(model, lambda s: s.submitted_at, lambda s: s.reviewed_at or s.submitted_at)
    redate(AccessPass, lambda p: day(p.valid_from))
    redate(PatrolRecord, lambda p: day(p.patrolled_on), lambda p: day(p.resolved_on or p.patrolled_on))
    redate(MeterReading, lambda m: day(m.read_on))
    redate(Assessment, lambda a: day(a.assessed_on))
    redate(FundingApplication, lambda f: day(f.applied_on), lambda f: day(f.decided_on or f.applied_on))
    # An entry has only its competition's year: registered mid-year, as the provincial rounds are.
    redate(CompetitionEntry, lambda e: story_time(datetime.date(e.year, 6, 30)))


def _tenant_row(t: DemoTenant, industries: dict[str, Industry]) -> Tenant:
    return Tenant(
        company_name=t.company_name, credit_code=t.credit_code, industry=industries[t.industry_code],
        business=t.business, leader_name=t.leader_name, leader_phone=t.leader_phone, applied_on=t.applied_on,
        move_in_on=t.move_in_on, lease_ends_on=t.lease_ends_on, jobs_created=t.jobs_created, status=t.status,
        status_changed_at=t.status_changed_at, exited_on=t.exited_on, exit_reason=t.exit_reason,
    )  # fmt: skip


def _ensure_members(demo: DemoPark, accounts: dict[int, User]) -> None:
    """Each company account belongs to its company (kept parks included)."""
    by_name = _by(Tenant, lambda t: t.company_name, company_name__in=[t.company_name for t in demo.tenants])
    for tenant in demo.tenants:
        if tenant.number in accounts and tenant.company_name in by_name:
            by_name[tenant.company_name].members.add(accounts[tenant.number])


@transaction.atomic
def demo_park_load(*, reset: bool = False, log: Log = _quiet) -> DemoParkResult:
    """Write the demo park (see module); ``reset`` replaces whatever the park holds."""
    started = time.perf_counter()
    demo = build_demo_park()
    industries = _industries(log)
    centre, accounts = _accounts(demo)
    if not reset and _holds_demo(demo):
        log("The park already holds the demo's companies: kept as it is")
        loaded = False
    else:
        if not reset and not _park_is_empty():
            raise DemoParkError(
                "the park holds records that are not the demo's; run with --reset to replace everything with the demo"
            )
        if reset:
            _clear(log)
        _write(demo, centre, accounts, industries, log)
        _date_the_records()
        loaded = True
    _ensure_members(demo, accounts)
    return DemoParkResult(loaded=loaded, seconds=time.perf_counter() - started)
