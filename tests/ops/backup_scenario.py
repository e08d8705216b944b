"""Run in a subprocess on the backup test's own database: two colleges' graduates with registered
destinations (so the report has figures) and a submitted plan with its evidence file (so media has one)."""

import datetime

import django


def seed() -> None:
    from apps.accounts.models import Role
    from apps.plans.services import evidence_add, plan_save_draft, plan_transition
    from apps.plans.workflow import Action
    from tests.factories import (
        make_class,
        make_college,
        make_graduate,
        make_major,
        make_student_user,
        make_user,
    )
    from tests.plans.factories import employment_data, pdf, registered_plan

    centre = make_user(Role.CENTRE, username="centre")
    nursing = make_class(make_major(make_college("护理学院", 1), "护理"), "护理1班")
    mechanical = make_class(make_major(make_college("机电工程学院", 2), "数控技术"), "数控1班")
    graduates = [make_graduate(nursing) for _ in range(4)] + [make_graduate(mechanical) for _ in range(3)]
    approved_on = datetime.date(2020, 6, 30)
    for graduate, destination in zip(graduates[1:], ["11", "12", "80", "46", "11", "70"], strict=True):
        registered_plan(graduate, destination, approved_on, created_by=centre)
    student = make_student_user(graduates[0])
    plan = plan_save_draft(graduate=graduates[0], actor=student, data=employment_data())
    evidence_add(plan=plan, actor=student, kind="contract", uploaded=pdf())
    plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=student)


if __name__ == "__main__":
    django.setup()
    seed()
