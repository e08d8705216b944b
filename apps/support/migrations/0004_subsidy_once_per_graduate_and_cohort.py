"""One one-time subsidy per graduate and cohort across schemes, refused by the database (the cohort was
filled by 0003; a migration of its own, since PostgreSQL will not alter a table with pending updates)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("graduates", "0004_cohort_correction_deadline"),
        ("support", "0003_subsidyapplication_cohort"),
    ]

    operations = [
        migrations.AlterField(
            model_name="subsidyapplication",
            name="cohort",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="graduates.cohort",
                verbose_name="届别",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="subsidyapplication",
            name="subsidy_once_per_graduate_and_scheme",
        ),
        migrations.AddConstraint(
            model_name="subsidyapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("submitted", "college_approved", "approved", "paid"))),
                fields=("cohort", "graduate"),
                name="subsidy_once_per_graduate_and_cohort",
            ),
        ),
    ]
