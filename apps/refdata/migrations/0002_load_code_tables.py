from django.db import migrations


def load(apps, schema_editor):
    from apps.refdata.loading import load_code_tables

    load_code_tables(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("refdata", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
