"""The four roles as auth groups, with the model permissions each role needs in the admin."""

from django.db import migrations

ROLLEN = ["inspecteur", "beheerder", "medewerker", "gemeente"]


def rollen_aanmaken(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for naam in ROLLEN:
        Group.objects.get_or_create(name=naam)


def rollen_verwijderen(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLLEN).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspecties", "0002_database_regels"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rollen_aanmaken, rollen_verwijderen)]
