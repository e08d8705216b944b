"""Each graduate's plans in time: what each plan says, the dates, the moves through counsellor -> college ->
centre (legal moves of ``workflow.TRANSITIONS``), the summer's and the autumn's changes, and the changes still on
their way in December 2020. Pure and seeded."""

import datetime
import random
from functools import lru_cache
from itertools import accumulate

from apps.accounts.models import Role
from apps.graduates.demo import data as graduates_data
from apps.refdata import seed_data

from ..models import PlanStatus as S
from ..rules import RULES_BY_BASE_CODE
from ..workflow import Action
from . import data as d
from . import places
from . import weights as w
from .assign import industry_weight, nature_weight, shuffled
from .records import TZ, DemoEvent, DemoEvidence, Person

CENTRE = graduates_data.CENTRE_USERNAME
REASON_IDS = {name: code for code, name in seed_data.NOT_EMPLOYED_REASONS}  # 求职中 -> "01"
PROVINCE_CODES = {name: code for code, name in seed_data.PROVINCES}
EVIDENCE_KINDS = {
    "10": ("contract", "就业协议书.pdf"), "11": ("contract", "劳动合同.pdf"), "12": ("offer", "录用证明.pdf"),
    "27": ("contract", "劳动合同.pdf"), "50": ("contract", "就业协议书.pdf"), "51": ("contract", "就业协议书.pdf"),
    "46": ("enlistment", "入伍通知书.pdf"), "80": ("admission", "录取通知书.pdf"), "85": ("admission", "录取通知书.pdf"),
    "75": ("licence", "营业执照.pdf"),
}  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------------


def _at(day: datetime.date, minutes: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=TZ) + datetime.timedelta(minutes=minutes)


def _working_time(
    rng: random.Random, day: datetime.date, *, start=8 * 60 + 30, end=21 * 60
) -> datetime.datetime:
    return _at(day, rng.randrange(start, end))


def _earlier(rng: random.Random, t: datetime.datetime, *, max_days: int = 3) -> datetime.datetime:
    """A moment before ``t`` in someone's working day: the same day (a little earlier) or a few days before."""
    back = rng.choices(range(max_days + 1), weights=[35, 35, 15, 10, 5][: max_days + 1])[0]
    local = t.astimezone(TZ)
    if back == 0:
        candidate = local - datetime.timedelta(minutes=rng.randrange(12, 300))
        if candidate.date() == local.date() and candidate.hour >= 8:
            return candidate
        back = 1
    return _working_time(rng, local.date() - datetime.timedelta(days=back))


@lru_cache(maxsize=64)
def _days(start: datetime.date, end: datetime.date, weight) -> tuple[list[datetime.date], list[float]]:
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    return days, list(accumulate(weight(day) * w.WEEKDAY_WEIGHTS[day.weekday()] for day in days))


def _pick_day(rng: random.Random, start: datetime.date, end: datetime.date, weight) -> datetime.date:
    """A day from ``start`` to ``end``, by ``weight(day)`` (a named function, so the table is kept) and weekday."""
    days, cumulative = _days(start, end, weight)
    return rng.choices(days, cum_weights=cumulative)[0]


def _flat(day: datetime.date) -> float:
    return 1.0


def _admission_weight(day: datetime.date) -> float:
    """专升本 admissions: most registered in the first weeks of August."""
    return 2.0 if day.day <= 20 else 1.0


def _deadline_weight(day: datetime.date) -> float:
    """待就业 is registered late: rising from mid-June to the 31 August deadline."""
    return 1 + (day - datetime.date(2020, 6, 15)).days / 10


def _centre_time(rng: random.Random, day: datetime.date) -> datetime.datetime:
    return _working_time(rng, day, start=9 * 60, end=17 * 60 + 30)


JOB_SEASON = (datetime.date(2020, 5, 4), datetime.date(2020, 8, 31))


def _job_week_weight(day: datetime.date) -> float:
    return w.JOB_WEEKS[min((day - JOB_SEASON[0]).days // 7, len(w.JOB_WEEKS) - 1)]


def _autumn_weight(day: datetime.date) -> float:
    if day.month == 10 and w.NATIONAL_DAY[0] <= day.day <= w.NATIONAL_DAY[1]:
        return 0.02
    return w.AUTUMN_MONTHS[day.month]


# --- what each plan says ----------------------------------------------------------------------------------


def _city(rng: random.Random, p: Person, province: str) -> str:
    if province == "湖北省":
        home = places.hubei_home_city(p.g.id_number) if p.g.origin == "湖北省" else None
        if home:
            draw = rng.random()
            if draw < w.HUBEI_HOME:
                return home
            return "武汉市" if draw < w.HUBEI_HOME + w.HUBEI_WUHAN else "孝感市"
        return "武汉市" if rng.random() < w.OTHERS_WUHAN else "孝感市"
    cities = places.CITIES_BY_PROVINCE[province]
    return rng.choices(cities, weights=[len(cities) - k + 1 for k in range(len(cities))])[0]


def _contract(rng: random.Random, code: str, approved: datetime.date) -> tuple[str, datetime.date]:
    kind = {"10": "agreement", "11": "labour", "27": "labour", "50": "agreement", "51": "agreement"}.get(code)
    if kind is None:
        kind = "proof" if rng.random() < 0.7 else "other"
    signed = approved - datetime.timedelta(days=rng.randrange(3, 40))
    return kind, max(signed, datetime.date(2020, 3, 16))


def _employment_details(
    rng: random.Random, p: Person, code: str, *, province: str, nature: str, industry: str, approved
) -> dict:
    city = _city(rng, p, province)
    if code == "46":  # enlisted where they studied, through the college's 征兵 office, or at home
        return {
            "unit_nature": d.ARMY_UNIT_NATURE,
            "industry": d.ARMY_INDUSTRY,
            "work_province": PROVINCE_CODES[province],
            "work_city": "孝感市" if province == "湖北省" else city,
        }
    if code == "76":
        return {
            "job_title": rng.choice(places.FREELANCE_TITLES),
            "work_province": PROVINCE_CODES[province],
            "work_city": city,
        }
    name, credit = places.employer(
        rng, city=city, nature=nature or "39", industry=industry, major_group=p.group
    )
    if code == "75":
        return {
            "employer_name": name,
            "employer_credit_code": credit,
            "industry": industry,
            "work_province": PROVINCE_CODES[province],
            "work_city": city,
        }
    contract_type, signed = _contract(rng, code, approved)
    return {
        "employer_name": name,
        "employer_credit_code": credit,
        "unit_nature": nature,
        "industry": industry,
        "work_province": PROVINCE_CODES[province],
        "work_city": city,
        "job_title": places.job_title(rng, major_group=p.group, industry=industry, major=p.g.major),
        "contract_type": contract_type,
        "contract_date": signed,
    }


def _study_details(rng: random.Random, p: Person, code: str) -> dict:
    if code == "85":
        country, institution, programme = rng.choice(places.ABROAD)
        return {"country": country, "institution": institution, "programme": programme}
    institution, programme = places.upgrade_institution(rng, major=p.g.major, major_group=p.group)
    return {
        "institution": institution,
        "institution_province": PROVINCE_CODES[d.UPGRADE_PROVINCE],
        "programme": programme,
    }


def _drawn_details(
    rng: random.Random, p: Person, code: str, approved: datetime.date, *, province: str = ""
) -> dict:
    """Details of a plan outside the 08-31 figures (autumn, open): drawn, not fitted, but for the province of an
    autumn change (``province``, fitted in ``assign``: 2.2.1 and 4.3 at 12-31)."""
    if code in ("80", "85"):
        return _study_details(rng, p, code)
    if not province:
        home = p.g.origin in places.CITIES_BY_PROVINCE
        province = "湖北省" if rng.random() < 0.9 or not home else p.g.origin
    nature = industry = ""
    if code in d.EMPLOYER_CODES:
        natures = [n for n in w.ALL_NATURES if nature_weight(p.group, code, n) > 0]
        nature = rng.choices(natures, weights=[nature_weight(p.group, code, n) for n in natures])[0]
    if code in d.EMPLOYER_CODES or code == "75":
        key = nature or "75"
        industries = [i for i in d.INDUSTRIES_0831 if industry_weight(p.group, key, i) > 0]
        industry = rng.choices(industries, weights=[industry_weight(p.group, key, i) for i in industries])[0]
    return _employment_details(
        rng, p, code, province=province, nature=nature, industry=industry, approved=approved
    )


def _details_0831(rng: random.Random, p: Person, approved: datetime.date) -> dict:
    if p.reason:
        return {"not_employed_reason": REASON_IDS[p.reason]}
    if p.code == "80":
        return _study_details(rng, p, "80")
    return _employment_details(
        rng, p, p.code, province=p.province, nature=p.nature, industry=p.industry, approved=approved
    )


def _freeze(details: dict) -> tuple[tuple[str, object], ...]:
    return tuple(sorted((name, value) for name, value in details.items() if value not in (None, "")))


# --- the way through the reviews ------------------------------------------------------------------------

_REVIEWERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
_APPROVED_TO = {
    Role.COUNSELLOR: S.COUNSELLOR_APPROVED,
    Role.COLLEGE: S.COLLEGE_APPROVED,
    Role.CENTRE: S.APPROVED,
}
_AWAITING = {
    Role.COUNSELLOR: S.SUBMITTED,
    Role.COLLEGE: S.COUNSELLOR_APPROVED,
    Role.CENTRE: S.COLLEGE_APPROVED,
}


def _moves(
    rng: random.Random, p: Person, *, until: str, detour: str | None = None, return_at: Role | None = None
):
    """The moves (action, from, to, actor, role, comment) of one plan: submitted, reviewed up to ``until``.

    ``detour``: "return" (returned once at a random level, then resubmitted) or "withdraw" (withdrawn by the
    student before the counsellor's review, then resubmitted). ``until``: approved, college_approved,
    counsellor_approved, submitted, returned (at ``return_at``) or draft (submitted and withdrawn).
    """
    actor = {
        Role.STUDENT: p.g.student_no,
        Role.COUNSELLOR: p.counsellor,
        Role.COLLEGE: p.officer,
        Role.CENTRE: CENTRE,
    }
    moves = [(Action.SUBMIT, S.DRAFT, S.SUBMITTED, Role.STUDENT, "")]

    def review_to(level_count: int) -> None:
        for role in _REVIEWERS[:level_count]:
            moves.append((Action.APPROVE, _AWAITING[role], _APPROVED_TO[role], role, ""))

    def send_back(role: Role) -> None:
        review_to(_REVIEWERS.index(role))
        comment = rng.choice(d.RETURN_COMMENTS[role.value])
        moves.append((Action.RETURN, _AWAITING[role], S.RETURNED, role, comment))

    if detour == "withdraw":
        moves.append((Action.WITHDRAW, S.SUBMITTED, S.DRAFT, Role.STUDENT, ""))
        moves.append((Action.SUBMIT, S.DRAFT, S.SUBMITTED, Role.STUDENT, ""))
    elif detour == "return":
        send_back(rng.choices(_REVIEWERS, weights=[6, 3, 1])[0])
        moves.append((Action.SUBMIT, S.RETURNED, S.SUBMITTED, Role.STUDENT, ""))
    if until == "draft":
        moves.append((Action.WITHDRAW, S.SUBMITTED, S.DRAFT, Role.STUDENT, ""))
    elif until == "returned":
        send_back(return_at)
    else:
        review_to({"submitted": 0, "counsellor_approved": 1, "college_approved": 2, "approved": 3}[until])
    return [(a, f, t, actor[role], role, c) for a, f, t, role, c in moves]


def _timed(rng: random.Random, moves: list, end: datetime.datetime) -> list[DemoEvent]:
    """Times for the moves, the last at ``end``, each earlier one a little before the next."""
    times = [end]
    for _ in moves[1:]:
        times.append(_earlier(rng, times[-1]))
    times.reverse()
    return [
        DemoEvent(
            action=a.value,
            from_status=f.value,
            to_status=t.value,
            actor=actor,
            role=role.value,
            at=at,
            comment=c,
        )
        for (a, f, t, actor, role, c), at in zip(moves, times, strict=True)
    ]


def _detour(rng: random.Random) -> str | None:
    draw = rng.random()
    if draw < d.RETURNED_ON_THE_WAY:
        return "return"
    if draw < d.RETURNED_ON_THE_WAY + d.WITHDRAWN_ON_THE_WAY:
        return "withdraw"
    return None


def _evidence(rng: random.Random, code: str, events: list[DemoEvent]) -> tuple[DemoEvidence, ...]:
    if not events or not RULES_BY_BASE_CODE[code].evidence_required:
        return ()
    kind, name = EVIDENCE_KINDS[code]
    at = events[0].at - datetime.timedelta(minutes=rng.randrange(3, 90))
    return (DemoEvidence(kind=kind, original_name=name, token=f"{rng.getrandbits(128):032x}", at=at),)


def _plan(
    rng: random.Random,
    p: Person,
    code: str,
    details: dict,
    *,
    until: str,
    end: datetime.datetime,
    replaces: int | None = None,
    detour: str | None = None,
    return_at: Role | None = None,
    with_evidence: bool = False,
) -> dict:
    """One plan of ``p`` whose last move is at ``end``. A change is made only after the plan it changes was
    approved (the service links a new plan to the one in force), so its history is drawn again until it fits."""
    not_before = p.plans[replaces]["approved_at"] if replaces is not None else None
    for _attempt in range(100):
        events = _timed(rng, _moves(rng, p, until=until, detour=detour, return_at=return_at), end)
        created = events[0].at - datetime.timedelta(minutes=rng.randrange(20, 3 * 24 * 60))
        if not_before is None or created > not_before:
            break
        detour = None
    else:
        raise ValueError(f"no room for a change of {p.g.student_no} before {end}")
    submits = [e.at for e in events if e.action == Action.SUBMIT]
    plan = {
        "seq": len(p.plans),
        "code": code,
        "status": events[-1].to_status,
        "replaces": replaces,
        "details": _freeze(details),
        "created_at": created,
        "updated_at": events[-1].at,
        "submitted_at": submits[-1] if submits else None,
        "status_changed_at": events[-1].at,
        "approved_at": end if until == "approved" else None,
        "superseded_at": None,
        "events": events,
        "evidence": _evidence(rng, code, events) if with_evidence else (),
    }
    p.plans.append(plan)
    return plan


def _draft(
    rng: random.Random, p: Person, code: str, details: dict, *, created: datetime.datetime, replaces: int
):
    plan = {
        "seq": len(p.plans), "code": code, "status": S.DRAFT.value, "replaces": replaces,
        "details": _freeze(details), "created_at": created, "updated_at": created, "submitted_at": None,
        "status_changed_at": None, "approved_at": None, "superseded_at": None, "events": [], "evidence": (),
    }  # fmt: skip
    p.plans.append(plan)
    return plan


def _supersede(old: dict, new: dict) -> None:
    """The centre's approval of ``new`` marks ``old`` superseded, with its own event (services._supersede_previous)."""
    at = new["approved_at"]
    old["status"] = S.SUPERSEDED.value
    old["superseded_at"] = at
    old["status_changed_at"] = at
    old["events"].append(
        DemoEvent(
            action=Action.SUPERSEDE.value, from_status=S.APPROVED.value, to_status=S.SUPERSEDED.value,
            actor=CENTRE, role=Role.CENTRE.value, at=at, replaced_by=new["seq"],
        )
    )  # fmt: skip


# --- dates ----------------------------------------------------------------------------------------------


def _approval_0831(rng: random.Random, p: Person) -> datetime.date:
    if p.code == "80":  # 专升本 admission lists came out in August 2020
        return _pick_day(rng, datetime.date(2020, 8, 3), d.FIRST_CUTOFF, _admission_weight)
    if p.code == "46":
        return _pick_day(rng, datetime.date(2020, 8, 17), d.FIRST_CUTOFF, _flat)
    if p.reason:
        return _pick_day(rng, datetime.date(2020, 6, 15), d.FIRST_CUTOFF, _deadline_weight)
    return _pick_day(rng, *JOB_SEASON, _job_week_weight)


def _choose_early(rng: random.Random, people: list[Person], approved: dict[int, datetime.date]) -> None:
    """Histories that end before 08-31: an earlier plan, approved, then superseded by the one in force."""
    study = [p for p in people if p.code == "80"]
    for p in shuffled(rng, study)[: d.EARLY_STUDY_INTENT]:
        p.early = "study"
    june = datetime.date(2020, 6, 8)
    seeking = shuffled(
        rng, [p for p in people if p.code in ("10", "11", "12", "76") and approved[id(p)] >= june]
    )
    # 录用证明 first, the contract later: with an employer that could have hired them on a 录用证明 (12)
    informal = [p for p in seeking if p.code == "11" and w.CODE_NATURE_MASK["12"].get(p.nature, 0)]
    informal = informal[: d.EARLY_INFORMAL_TO_CONTRACT]
    for p in informal:
        p.early = "informal"
    rest = [p for p in seeking if not p.early][: d.EARLY_JOB_SEEKING]
    if len(informal) != d.EARLY_INFORMAL_TO_CONTRACT or len(rest) != d.EARLY_JOB_SEEKING:
        raise ValueError("not enough graduates for the summer's changes")
    for p in rest:
        p.early = "seeking"


def _early_plan(rng: random.Random, p: Person, in_force_on: datetime.date, details_0831: dict) -> dict:
    if p.early == "study":
        day = _pick_day(rng, datetime.date(2020, 6, 1), datetime.date(2020, 7, 24), _flat)
        return _plan(rng, p, "71", {"not_employed_reason": REASON_IDS["拟升学"]}, until="approved",
                     end=_centre_time(rng, day), detour=_detour(rng))  # fmt: skip
    latest = in_force_on - datetime.timedelta(days=14 if p.early == "informal" else 10)
    day = _pick_day(rng, datetime.date(2020, 5, 6), latest, _job_week_weight)
    if p.early == "informal":  # 录用证明 first, the labour contract with the same employer later
        details = {
            **details_0831,
            "contract_type": "proof",
            "contract_date": day - datetime.timedelta(days=5),
        }
        return _plan(rng, p, "12", details, until="approved", end=_centre_time(rng, day), detour=_detour(rng))
    return _plan(rng, p, "70", {"not_employed_reason": REASON_IDS["求职中"]}, until="approved",
                 end=_centre_time(rng, day), detour=_detour(rng))  # fmt: skip


def _autumn_day(rng: random.Random, code: str) -> datetime.date:
    if code == "46":  # 2020's enlistment: September
        return _pick_day(rng, datetime.date(2020, 9, 7), datetime.date(2020, 9, 25), _flat)
    return _pick_day(rng, datetime.date(2020, 9, 1), d.FINAL_CUTOFF, _autumn_weight)


# --- change requests still open -------------------------------------------------------------------------


def _in_scope(p: Person, scope: str) -> bool:
    if scope == d.DEMO_COUNSELLOR:
        return p.counsellor == d.DEMO_COUNSELLOR
    if scope == d.DEMO_COLLEGE:
        return p.g.college == d.DEMO_COLLEGE and p.counsellor != d.DEMO_COUNSELLOR
    return p.g.college == scope


def _open_candidates(people: list[Person], scope: str) -> list[Person]:
    """Graduates who may have a change on its way in December: nobody who changed in the autumn already, and
    only from a destination one changes from (待就业, or a job)."""
    return [
        p for p in people
        if not p.autumn_code and p.code in ("70", "71", "72", "10", "11", "12", "76") and _in_scope(p, scope)
    ]  # fmt: skip


def open_plans(rng: random.Random, people: list[Person], demo_student: str) -> None:
    colleges = [name for name, _code, _majors in graduates_data.COLLEGES if name != d.DEMO_COLLEGE]
    taken: set[str] = {demo_student}
    for scope, status, count in d.OPEN_PLANS:
        scopes = colleges if scope == "other" else [scope]
        for one in scopes:
            pool = [p for p in shuffled(rng, _open_candidates(people, one)) if p.g.student_no not in taken]
            for p in pool[:count]:
                taken.add(p.g.student_no)
                _open_change(rng, p, status)


def _open_change(rng: random.Random, p: Person, status: str) -> None:
    in_force = p.plans[-1]
    if p.code in ("70", "71", "72"):
        code = "11" if rng.random() < 0.4 else "12"
    else:
        code = "11"
    day = _pick_day(rng, datetime.date(2020, 12, 1), datetime.date(2020, 12, 30), _flat)
    details = _drawn_details(rng, p, code, day)
    if status == S.DRAFT:
        if rng.random() < 0.3:  # submitted, then taken back to correct
            _plan(rng, p, code, details, until="draft", end=_working_time(rng, day), replaces=in_force["seq"],
                  with_evidence=True)  # fmt: skip
        else:
            _draft(rng, p, code, details, created=_working_time(rng, day), replaces=in_force["seq"])
        return
    return_at = rng.choices(_REVIEWERS, weights=[5, 3, 2])[0] if status == S.RETURNED else None
    detour = "return" if status == S.SUBMITTED and rng.random() < 0.2 else None
    _plan(rng, p, code, details, until=status, end=_working_time(rng, day), replaces=in_force["seq"],
          detour=detour, return_at=return_at, with_evidence=True)  # fmt: skip


# --- each graduate's plans ----------------------------------------------------------------------------------


def histories(rng: random.Random, people: list[Person]) -> None:
    approved = {id(p): _approval_0831(rng, p) for p in people}
    _choose_early(rng, people, approved)
    for p in people:
        day = approved[id(p)]
        details = _details_0831(rng, p, day)
        early = _early_plan(rng, p, day, details) if p.early else None
        plan = _plan(rng, p, p.code, details, until="approved", end=_centre_time(rng, day),
                     replaces=early["seq"] if early else None, detour=_detour(rng))  # fmt: skip
        if early:
            _supersede(early, plan)
        if p.autumn_code:
            autumn_day = _autumn_day(rng, p.autumn_code)
            details = _drawn_details(rng, p, p.autumn_code, autumn_day, province=p.autumn_province)
            new = _plan(rng, p, p.autumn_code, details,
                        until="approved", end=_centre_time(rng, autumn_day), replaces=plan["seq"],
                        detour=_detour(rng))  # fmt: skip
            _supersede(plan, new)
