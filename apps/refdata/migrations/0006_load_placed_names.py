from django.db import migrations


def load(apps, schema_editor):
    from apps.refdata.seed_data import DESTINATION_SCHEMES

    scheme = apps.get_model("refdata", "DestinationScheme")
    for code, _name, _rate_name, placed_name, _category_scheme, _source in DESTINATION_SCHEMES:
        scheme.objects.filter(code=code).update(placed_name=placed_name)


class Migration(migrations.Migration):
    dependencies = [("refdata", "0005_destination_scheme_placed_name")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
