"""Backup and restore: everything comes back, on SQLite and on PostgreSQL."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

import pytest

from inspecties.models import Beoordeling, Bevinding, Onderzoek, Voortgangsrapportage
from tests.beveiliging.test_beveiligingslog import rapportage_van


def momentopname():
    return {
        "onderzoeken": sorted(
            Onderzoek.objects.values_list("pk", "aanpak__gemeente__naam", "jaar", "status")
        ),
        "scores": sorted(
            Beoordeling.objects.values_list(
                "pk",
                "onderzoek_id",
                "indicator__sleutel",
                "optie__symbool",
                "niet_getoetst",
                "bevinding_id",
            )
        ),
        "bevindingen": sorted(Bevinding.objects.values_list("pk", "tekst", "let_op")),
        "geschiedenis": Beoordeling.history.count() + Onderzoek.history.count(),
        "gebruikers": sorted(
            get_user_model().objects.values_list("username", "password", "groups__name")
        ),
        "rapportages": sorted(
            Voortgangsrapportage.objects.values_list("pk", "bestand", "oorspronkelijke_naam")
        ),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_en_herstel_brengen_alles_terug(demo, tmp_path):
    gouda = get_user_model().objects.get(username="gouda")
    inhoud = bytes(range(256)) * 40
    rapportage = rapportage_van(demo[("Gouda", 2013)], gouda, inhoud)
    voor = momentopname()
    assert voor["onderzoeken"] and len(voor["scores"]) > 50 and voor["geschiedenis"] > 0

    pad = tmp_path / "toezicht.tar.gz"
    call_command("maak_backup", str(pad))
    assert pad.stat().st_size > 0

    # Disaster: the database and the uploaded files are gone.
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(rapportage.bestand.name)
    assert not Onderzoek.objects.exists() and not default_storage.exists(rapportage.bestand.name)

    call_command("herstel_backup", str(pad))

    assert momentopname() == voor
    with default_storage.open(rapportage.bestand.name, "rb") as f:
        assert f.read() == inhoud
    assert set(Group.objects.values_list("name", flat=True)) >= {"inspecteur", "gemeente"}

    # A second restore on top of the data is refused.
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("herstel_backup", str(pad))
