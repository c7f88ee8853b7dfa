from django.core.management import CommandError, call_command

import pytest

from gemeenten.models import Gemeente
from inspecties.models import Beoordeling, Onderzoek
from tests.factories import GemeenteFactory


def scores(onderzoek):
    return {
        b.indicator.tekst: b.optie.symbool
        for b in onderzoek.beoordelingen.select_related("indicator", "optie")
    }


def test_gouda_scoort_alle_30_indicatoren_zoals_de_factsheet(demo):
    gouda = demo[("Gouda", 2013)]
    assert gouda.status == Onderzoek.Status.GEPUBLICEERD
    assert gouda.aanpak.naam == "MPG-overleg"
    gescoord = scores(gouda)
    assert len(gescoord) == 30
    assert set(gescoord.values()) <= {"√", "X"}
    assert gescoord["De gemeente heeft zicht op de populatie GGSR"] == "X"
    beschikbaarheid = next(
        t for t in gescoord if t.startswith("Netwerkpartners zorgen voor beschikbaarheid van zorg")
    )
    assert gescoord[beschikbaarheid] == "X"
    # Every indicator has a finding, and the factsheet shares one text over three indicators.
    assert not gouda.beoordelingen.filter(bevinding__isnull=True).exists()
    gedeeld = {
        b.indicator.sleutel: b.bevinding_id
        for b in gouda.beoordelingen.filter(
            indicator__sleutel__in=["gezamenlijke-visie", "beleid-ggsr", "gezamenlijke-doelen"]
        ).select_related("indicator")
    }
    assert len(set(gedeeld.values())) == 1
    assert gouda.bevindingen.exclude(let_op="").exists()
    # The source shows "Wat gaat goed?" for four themes (the fifth is a marked AANVULLING).
    assert gouda.conclusies.exclude(gaat_goed="").count() >= 4
    assert gouda.conclusies.exclude(kan_beter="").count() >= 4
    assert sorted(gouda.respondenten.values_list("naam", flat=True)) == [
        "AMK",
        "Bureau jeugdzorg",
        "MEE Midden-Holland",
    ]


def test_oosterhout_vervolg_toetst_precies_de_x_van_2013_opnieuw(demo):
    eerder = demo[("Oosterhout", 2013)]
    vervolg = demo[("Oosterhout", 2014)]
    assert vervolg.soort == Onderzoek.Soort.VERVOLGONDERZOEK
    assert vervolg.vorig_onderzoek == eerder
    assert vervolg.aanpak.naam == "Sociale Wijkteams"
    assert set(vervolg.aanpak.vervangt.values_list("naam", flat=True)) == {
        "Gezinsmanagement",
        "Bemoeizorg",
    }
    x_2013 = set(
        eerder.beoordelingen.filter(optie__is_verbeterpunt=True).values_list(
            "indicator__sleutel", flat=True
        )
    )
    opnieuw = set(vervolg.beoordelingen.values_list("indicator__sleutel", flat=True))
    assert opnieuw == x_2013
    assert len(opnieuw) == 7
    assert scores(vervolg)["De gemeente heeft zicht op de populatie GGSR"] == "√"
    assert scores(vervolg)["De doorzettingsmacht voor de regisseur is geregeld"] == "X"
    assert "stapelingsmonitor" in vervolg.ontwikkeling.replace("-", "")
    assert vervolg.presentatiedatum.isoformat() == "2015-02-09"


def test_demo_maakt_een_gebruiker_per_rol(demo):
    from django.contrib.auth import get_user_model

    rollen = {
        u.username: set(u.groups.values_list("name", flat=True))
        for u in get_user_model().objects.all()
    }
    assert rollen["inspecteur"] == {"inspecteur"}
    assert rollen["inspecteur2"] == {"inspecteur"}
    assert rollen["gouda"] == {"gemeente"}
    assert rollen["beheerder"] == {"beheerder"}
    assert rollen["medewerker"] == {"medewerker"}
    assert list(
        Gemeente.objects.voor_gebruiker(get_user_model().objects.get(username="gouda"))
    ) == [Gemeente.objects.get(cbs_code="GM0513")]


def test_demo_opnieuw_laden_verandert_niets(demo):
    aantal = Beoordeling.objects.count()
    call_command("laad_demo")
    assert Beoordeling.objects.count() == aantal


def test_demo_weigert_een_database_met_andere_gegevens(kaders):
    GemeenteFactory(naam="Utrecht", cbs_code="GM0344")
    with pytest.raises(CommandError, match="al andere gegevens"):
        call_command("laad_demo")
    assert not Onderzoek.objects.exists()
    call_command("laad_demo", "--force")
    assert Onderzoek.objects.count() == 4
