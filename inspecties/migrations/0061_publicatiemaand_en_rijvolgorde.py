from django.db import migrations, models
from django.db.models.functions import TruncMonth


def maand_van_publicatie(apps, schema_editor):
    """A study published before this field existed carries the month it was published."""
    Onderzoek = apps.get_model("inspecties", "Onderzoek")
    Onderzoek.objects.filter(publicatiedatum__isnull=False, publicatiemaand__isnull=True).update(
        publicatiemaand=TruncMonth("publicatiedatum")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspecties", "0058_meldingen"),
    ]

    operations = [
        migrations.AddField(
            model_name="onderzoek",
            name="publicatiemaand",
            field=models.DateField(
                blank=True,
                help_text="De maand die het rapport draagt; leeg: de maand van publiceren.",
                null=True,
                verbose_name="publicatiemaand",
            ),
        ),
        migrations.AddField(
            model_name="historicalonderzoek",
            name="publicatiemaand",
            field=models.DateField(
                blank=True,
                help_text="De maand die het rapport draagt; leeg: de maand van publiceren.",
                null=True,
                verbose_name="publicatiemaand",
            ),
        ),
        migrations.AddField(
            model_name="beoordeling",
            name="volgorde",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="volgorde in het rapport"
            ),
        ),
        migrations.AddField(
            model_name="historicalbeoordeling",
            name="volgorde",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="volgorde in het rapport"
            ),
        ),
        migrations.RunPython(maand_van_publicatie, migrations.RunPython.noop),
    ]
