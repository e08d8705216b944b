"""The demo's log-in accounts, fixed here so a browser test (or a person) can use them."""

from dataclasses import dataclass

from apps.accounts.models import Role

from . import data as d
from .generate import college_officer_username, counsellor_username, student_number

# Demo only: every staff account of the demo shares it, and so does the one demo student. It passes Django's
# password validators (length, not common, not numeric, not like the username).
DEMO_PASSWORD = "Demo@2020hp"
DEMO_COLLEGE = "护理学院"
DEMO_COLLEGE_CODE = "05"


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    password: str
    sees: str


DEMO_ACCOUNTS: dict[str, DemoAccount] = {
    "admin": DemoAccount(
        Role.ADMIN, d.ADMIN_USERNAME, DEMO_PASSWORD, "系统管理：用户、角色与范围、代码表（/admin/）"
    ),
    "centre": DemoAccount(
        Role.CENTRE,
        d.CENTRE_USERNAME,
        DEMO_PASSWORD,
        "就业与创业指导中心：全校 2020 届 5098 名、2025 届 1531 名毕业生",
    ),
    "college": DemoAccount(
        Role.COLLEGE,
        college_officer_username(DEMO_COLLEGE_CODE),
        DEMO_PASSWORD,
        "护理学院：2020 届 1146 名、2025 届 345 名毕业生",
    ),
    "counsellor": DemoAccount(
        Role.COUNSELLOR,
        counsellor_username(DEMO_COLLEGE_CODE, 1),
        DEMO_PASSWORD,
        "辅导员：2017级、2022级护理1–4班（184 + 180 名毕业生）",
    ),
    "student": DemoAccount(
        Role.STUDENT,
        student_number(DEMO_COLLEGE_CODE, 1, 1, 1),
        DEMO_PASSWORD,
        "毕业生：本人（2017级护理1班）",
    ),
}
