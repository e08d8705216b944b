from django.db import migrations


def load(apps, schema_editor):
    # Adds the 2021+ categories and parent codes (27, 50, 51, 80), re-points the 2021 codes to them, stores
    # every shipped row's source and the two destination schemes; codes the centre added are left alone.
    from apps.refdata.loading import load_code_tables

    load_code_tables(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("refdata", "0003_code_sources_and_destination_schemes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
