"""A small hand-built ledger on top of ``org`` (tests/conftest.py), with every figure worked out by hand.

Cut-off 2020-08-31; the flag window is the 14 days 08-18 … 08-31.

| key | class | group by     | destination (approved on) | counted actions ≤ 08-31 | case   | flagged |
|-----|-------|--------------|---------------------------|-------------------------|--------|---------|
| h1  | A1    | 建档立卡     | 11 (07-01)                | 06-01                   | open   | no: employed |
| h2  | A1    | 贫困县       | —                         | 08-18 (13 days)         | open   | no      |
| h3  | A2    | 家庭困难     | 70 (06-01)                | 08-17 (14 days); 09-05 later | open | yes |
| h4  | A2    | 建档立卡     | —                         | none                    | open   | yes     |
| h5  | A1    | 建档立卡     | —                         | none                    | closed | no: closed |
| h6  | A1    | 建档立卡     | 80 (09-10, after)         | 08-30 corrected to 08-01 (30 days) | open | yes |
| h7  | B1    | 建档立卡     | 10 (08-31, the day)       | none                    | open   | no: employed |
| h8  | B1    | 贫困县       | —                         | only a status entry (08-25) | open | yes |

Outside the group: A1[0] 11 (06-30), B1[0] 12 (08-01), A2[0] 70 (06-01); the other three have none.
College A: 10 graduates, 2 employed (20.00%); group 6, 1 employed (16.67%).
College B: 4 graduates, 2 employed (50.00%); group 2, 1 employed (50.00%).
School: 14 graduates, 4 employed (28.57%); group 8, 2 employed (25.00%).
"""

import datetime
from dataclasses import dataclass

import pytest

from apps.graduates.models import Graduate
from apps.support.models import ActionKind, CaseStatus, SupportAction, SupportCase
from apps.support.services import support_case_set_status, support_cases_open_for

from .factories import hardship_graduate, log, registered

AS_OF = datetime.date(2020, 8, 31)


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2020, month, day)


@dataclass
class Ledger:
    org: object
    graduates: dict[str, Graduate]

    def case(self, key: str) -> SupportCase:
        return SupportCase.objects.get(graduate=self.graduates[key])


@pytest.fixture
def ledger(org) -> Ledger:
    g = {
        "h1": hardship_graduate(org.class_a1, "registered_poor"),
        "h2": hardship_graduate(org.class_a1, "poverty_county"),
        "h3": hardship_graduate(org.class_a2, "家庭困难"),
        "h4": hardship_graduate(org.class_a2, "registered_poor"),
        "h5": hardship_graduate(org.class_a1, "registered_poor"),
        "h6": hardship_graduate(org.class_a1, "registered_poor"),
        "h7": hardship_graduate(org.class_b1, "registered_poor"),
        "h8": hardship_graduate(org.class_b1, "poverty_county"),
    }
    assert support_cases_open_for(graduates=Graduate.objects.all()) == 8
    centre = org.centre
    registered(org.graduates["a1"][0], "11", d(6, 30), centre)
    registered(org.graduates["b1"][0], "12", d(8, 1), centre)
    registered(org.graduates["a2"][0], "70", d(6, 1), centre)
    registered(g["h1"], "11", d(7, 1), centre)
    registered(g["h3"], "70", d(6, 1), centre)
    registered(g["h6"], "80", d(9, 10), centre)
    registered(g["h7"], "10", d(8, 31), centre)
    ledger = Ledger(org, g)
    log(ledger.case("h1"), centre, ActionKind.CALL, d(6, 1))
    log(ledger.case("h2"), centre, ActionKind.VISIT, d(8, 18), "走访谈心")
    log(ledger.case("h3"), centre, ActionKind.CALL, d(8, 17))
    log(ledger.case("h3"), centre, ActionKind.TRAINING, d(9, 5), "网络求职培训")
    wrong = log(ledger.case("h6"), centre, ActionKind.CALL, d(8, 30))
    log(ledger.case("h6"), centre, ActionKind.CALL, d(8, 1), "日期更正", corrects=wrong)
    support_case_set_status(
        case_id=ledger.case("h5").pk, actor=centre, status=CaseStatus.CLOSED, reason="不就业拟升学"
    )
    SupportAction(
        case=ledger.case("h8"), kind=ActionKind.STATUS, acted_on=d(8, 25), note="状态变更",
        author=centre, author_role=centre.role,
    ).save()  # fmt: skip
    return ledger
