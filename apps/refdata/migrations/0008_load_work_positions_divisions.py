from django.db import migrations


def load(apps, schema_editor):
    from apps.refdata.loading import load_divisions, load_work_positions

    load_work_positions(apps.get_model)
    load_divisions(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("refdata", "0007_work_position_divisions_minimum_wage")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
