"""Who goes where at 2020-08-31, and who changes in the autumn: the seed's totals (``data``) spread over the
5,098 demo graduates by ``weights`` through ``fitting.fit_table``. Pure and seeded."""

import random
from collections import defaultdict

from apps.graduates.demo import build_demo_cohort

from . import data as d
from . import weights as w
from .fitting import fit_table
from .records import Person


def shuffled(rng: random.Random, items: list) -> list:
    items = list(items)
    rng.shuffle(items)
    return items


def people(rng: random.Random) -> list[Person]:
    demo = build_demo_cohort()
    counsellor_of = {
        (c.college, major, name): c.username for c in demo.counsellors for major, name in c.classes
    }
    officer_of = {o.college: o.username for o in demo.college_officers}
    people = [
        Person(
            g=g,
            group=w.MAJOR_GROUPS[g.major],
            hardship=g.registered_poor or g.poverty_county,
            counsellor=counsellor_of[(g.college, g.major, g.class_name)],
            officer=officer_of[g.college],
        )
        for g in demo.graduates
    ]
    if len(people) != d.GRADUATES or sum(p.hardship for p in people) != d.HARDSHIP_GROUP:
        raise ValueError("the demo graduates are not the seed's cohort")
    return people


def choose_employed(rng: random.Random, people: list[Person]) -> set[int]:
    """Who is employed at 08-31: each major's count, and exactly 428 of the hardship group."""
    by_major: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        by_major[p.g.major].append(i)
    employed: set[int] = set()
    for major, members in by_major.items():
        employed.update(shuffled(rng, members)[: d.EMPLOYED_BY_MAJOR_0831[major]])
    need = d.HARDSHIP_EMPLOYED_0831 - sum(1 for i in employed if people[i].hardship)
    majors = shuffled(rng, sorted(by_major))
    while need:
        moved = False
        for major in majors:
            if not need:
                break
            members = by_major[major]
            want_in = [i for i in members if people[i].hardship == (need > 0) and i not in employed]
            want_out = [i for i in members if people[i].hardship != (need > 0) and i in employed]
            if want_in and want_out:
                employed.add(rng.choice(want_in))
                employed.discard(rng.choice(want_out))
                need += -1 if need > 0 else 1
                moved = True
        if not moved:
            raise ValueError("the hardship group cannot reach its count within the majors' counts")
    return employed


def assign_codes(rng: random.Random, people: list[Person], employed: set[int]) -> None:
    majors = list(d.EMPLOYED_BY_MAJOR_0831)
    codes = list(d.CODES_0831)
    table = fit_table(
        [d.EMPLOYED_BY_MAJOR_0831[m] for m in majors],
        [d.CODES_0831[c] for c in codes],
        [[w.CODE_WEIGHTS[w.MAJOR_GROUPS[m]].get(c, 0) for c in codes] for m in majors],
    )
    by_major: dict[str, list[Person]] = defaultdict(list)
    for i in sorted(employed):
        by_major[people[i].g.major].append(people[i])
    for major, row in zip(majors, table, strict=True):
        members = shuffled(rng, by_major[major])
        men_first = sorted(members, key=lambda p: p.g.gender != "M")
        enlisted = men_first[: row[codes.index("46")]]
        for p in enlisted:
            p.code = "46"
        rest = iter(p for p in members if p.code != "46")
        for code, count in zip(codes, row, strict=True):
            if code != "46":
                for _ in range(count):
                    next(rest).code = code


def assign_reasons(rng: random.Random, people: list[Person], employed: set[int]) -> None:
    idle = [p for i, p in enumerate(people) if i not in employed]
    rows = sorted({(p.group, p.g.gender) for p in idle})
    reasons = list(d.REASONS_0831)

    def weight(group: str, gender: str, reason: str) -> float:
        value = w.REASON_BY_GROUP.get(group, {}).get(reason, w.REASON_BASE[reason])
        return value * w.WOMEN_ENLISTING if reason == "拟应征入伍" and gender == "F" else value

    members = {row: [p for p in idle if (p.group, p.g.gender) == row] for row in rows}
    table = fit_table(
        [len(members[row]) for row in rows],
        [d.REASONS_0831[r] for r in reasons],
        [[weight(*row, r) for r in reasons] for row in rows],
    )
    for row, counts in zip(rows, table, strict=True):
        queue = iter(shuffled(rng, members[row]))
        for reason, count in zip(reasons, counts, strict=True):
            for _ in range(count):
                p = next(queue)
                p.reason = reason
                p.code = d.REASON_CODES[reason]


def assign_autumn(rng: random.Random, people: list[Person]) -> None:
    """The 265 who change to a destination that counts between 09-01 and 12-31; 18 of them in the hardship group
    (each reason takes the fewest it must, then 求职中 and the others in order take the rest)."""
    pools = {reason: shuffled(rng, [p for p in people if p.reason == reason]) for reason in d.AUTUMN_CHANGES}
    quotas = {reason: sum(n for _, n in changes) for reason, changes in d.AUTUMN_CHANGES.items()}
    hard = {reason: [p for p in pool if p.hardship] for reason, pool in pools.items()}
    soft = {reason: [p for p in pool if not p.hardship] for reason, pool in pools.items()}
    take = {reason: max(0, quotas[reason] - len(soft[reason])) for reason in pools}
    left = d.HARDSHIP_EMPLOYED_1231 - d.HARDSHIP_EMPLOYED_0831 - sum(take.values())
    for reason in pools:
        more = min(left, min(quotas[reason], len(hard[reason])) - take[reason])
        take[reason] += more
        left -= more
    if left or any(take[r] > len(hard[r]) for r in pools):
        raise ValueError("the hardship group cannot reach its 12-31 count")
    for reason, changes in d.AUTUMN_CHANGES.items():
        chosen = shuffled(rng, hard[reason][: take[reason]] + soft[reason][: quotas[reason] - take[reason]])
        codes = [code for code, n in changes for _ in range(n)]
        for p, code in zip(chosen, codes, strict=True):
            p.autumn_code = code


def _province_weight(origin: str, province: str, code: str) -> float:
    if province == "湖北省":
        return w.WORK_HUBEI
    home = w.WORK_HOME if province == origin else 0.0
    if code == "46":  # enlisted where they studied or at home, never on the coast
        return home
    return home + w.WORK_COAST.get(province, 0.0)


def _fit_provinces(rng: random.Random, members: list[Person], totals: dict[str, int], code_of) -> list:
    """``members`` spread over the provinces of ``totals`` by origin (and 46 or not): who goes where, in order."""
    rows = sorted({(p.g.origin, code_of(p) == "46") for p in members})
    provinces = list(totals)
    by_row = {row: [p for p in members if (p.g.origin, code_of(p) == "46") == row] for row in rows}
    table = fit_table(
        [len(by_row[row]) for row in rows],
        [totals[province] for province in provinces],
        [[_province_weight(origin, province, "46" if army else "") for province in provinces]
         for origin, army in rows],
    )  # fmt: skip
    placed = []
    for row, counts in zip(rows, table, strict=True):
        queue = iter(shuffled(rng, by_row[row]))
        for province, count in zip(provinces, counts, strict=True):
            placed.extend((next(queue), province) for _ in range(count))
    return placed


def assign_provinces(rng: random.Random, people: list[Person]) -> None:
    """Where the employed work at 08-31 (专升本 study in 湖北, data.UPGRADE_PROVINCE) and where the autumn's
    changes work (all but the 2 abroad): both fitted, so 2.2.1 and 4.3's 广东 come out at their dates."""
    placed = [p for p in people if p.code in d.CODES_0831 and p.code != "80"]
    for p, province in _fit_provinces(rng, placed, d.WORK_PROVINCES_0831, lambda p: p.code):
        p.province = province
    autumn = [p for p in people if p.autumn_code and p.autumn_code != "85"]
    for p, province in _fit_provinces(rng, autumn, d.AUTUMN_PROVINCES, lambda p: p.autumn_code):
        p.autumn_province = province


def nature_weight(group: str, code: str, nature: str) -> float:
    return w.NATURE_WEIGHTS[group].get(nature, 0) * w.CODE_NATURE_MASK[code].get(nature, 0)


def industry_weight(group: str, nature: str, industry: str) -> float:
    own = w.INDUSTRY_BY_GROUP[group]
    if nature in ("39", "75"):
        return own.get(industry, 0)
    allowed = w.NATURE_INDUSTRIES[nature]
    if nature in ("23", "22", "21", "20", "10"):
        return allowed.get(industry, 0)
    return allowed.get(industry, 0) * (own.get(industry, 0) + w.GROUP_FLOOR)


def assign_units(rng: random.Random, people: list[Person]) -> None:
    employing = [p for p in people if p.code in d.EMPLOYER_CODES]
    natures = list(d.UNIT_NATURES_0831)
    rows = sorted({(p.group, p.code) for p in employing})
    members = {row: [p for p in employing if (p.group, p.code) == row] for row in rows}
    table = fit_table(
        [len(members[row]) for row in rows],
        [d.UNIT_NATURES_0831[n] for n in natures],
        [[nature_weight(group, code, n) for n in natures] for group, code in rows],
    )
    for row, counts in zip(rows, table, strict=True):
        queue = iter(shuffled(rng, members[row]))
        for nature, count in zip(natures, counts, strict=True):
            for _ in range(count):
                next(queue).nature = nature

    with_industry = employing + [p for p in people if p.code == "75"]
    industries = list(d.INDUSTRIES_0831)
    rows = sorted({(p.group, p.nature or "75") for p in with_industry})
    members = {row: [p for p in with_industry if (p.group, p.nature or "75") == row] for row in rows}
    table = fit_table(
        [len(members[row]) for row in rows],
        [d.INDUSTRIES_0831[i] for i in industries],
        [[industry_weight(group, nature, i) for i in industries] for group, nature in rows],
    )
    for row, counts in zip(rows, table, strict=True):
        queue = iter(shuffled(rng, members[row]))
        for industry, count in zip(industries, counts, strict=True):
            for _ in range(count):
                next(queue).industry = industry
