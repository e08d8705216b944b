"""Each subsidy application carries its scheme's cohort (filled here for the rows already there), so that
0004 can let the database refuse a second one-time subsidy of a cohort across schemes.

Rows that already break that rule (a graduate with applications in review, approved or paid in two schemes of
one cohort) are not resolved here: which one stands is the centre's decision, and a paid one is money paid.
The migration stops and lists them; refuse or withdraw the extra application, then migrate again.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count

ACTIVE = ("submitted", "college_approved", "approved", "paid")


def fill_cohort(apps, schema_editor):
    SubsidyScheme = apps.get_model("support", "SubsidyScheme")
    SubsidyApplication = apps.get_model("support", "SubsidyApplication")
    for scheme_id, cohort_id in SubsidyScheme.objects.values_list("pk", "cohort_id"):
        SubsidyApplication.objects.filter(scheme_id=scheme_id).update(cohort_id=cohort_id)
    twice = (
        SubsidyApplication.objects.filter(status__in=ACTIVE)
        .values("cohort__year", "graduate__student_no")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("cohort__year", "graduate__student_no")
    )
    if twice:
        names = "、".join(f"{row['cohort__year']}届 {row['graduate__student_no']}" for row in twice)
        raise RuntimeError(
            "以下毕业生在同一届别的多个补贴项目中有有效的一次性求职补贴申请（每人每届只能领取一次）："
            f"{names}。请先对多余的申请不予通过或撤回，再运行 migrate。"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("graduates", "0004_cohort_correction_deadline"),
        ("support", "0002_filter_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="subsidyapplication",
            name="cohort",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="graduates.cohort",
                verbose_name="届别",
            ),
        ),
        migrations.RunPython(fill_cohort, migrations.RunPython.noop),
    ]
