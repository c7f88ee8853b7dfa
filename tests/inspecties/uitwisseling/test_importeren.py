"""Importing an exchange file: all or nothing, a second time a no-op, usable for a follow-up."""

import pytest

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.onderzoeken.models import Beoordeling, Bevinding, Onderzoek, StatusWijziging
from inspecties.onderzoeken.services import onderzoek_aanmaken
from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.importeren import import_bekijken, onderzoeken_importeren
from tests.inspecties.uitwisseling.conftest import KLEIN

pytestmark = pytest.mark.django_db


def aantallen() -> dict:
    return {
        m.__name__: m.objects.count()
        for m in (
            Gemeente,
            Aanpak,
            Netwerkpartner,
            Onderzoek,
            Bevinding,
            Beoordeling,
            StatusWijziging,
        )
    }


def test_een_goed_bestand_wordt_geimporteerd_met_datums_status_en_scores(kaders, beheerder):
    resultaat = onderzoeken_importeren(tekst=KLEIN, door=beheerder)
    oud, vervolg = resultaat.nieuw
    assert resultaat.bestaand == []
    assert (
        oud.status == Onderzoek.Status.GEPUBLICEERD and vervolg.status == Onderzoek.Status.CONCEPT
    )
    assert str(oud.publicatiedatum) == "2013-12-01"
    assert str(oud.voortgang_deadline) == "2014-12-01"  # the one-year rule, as publishing sets it
    assert str(vervolg.presentatiedatum) == "2015-02-09"
    assert vervolg.vorig_onderzoek == oud
    assert list(vervolg.aanpak.vervangt.all()) == [oud.aanpak]
    assert (
        oud.context == "Een kleine gemeente."
    )  # absent: taken from the gemeente, as in the browser
    assert oud.aanpak_beschrijving == "Zoals het was."
    assert [p.naam for p in oud.respondenten.all()] == ["GGD Archief"]
    gedeeld = Bevinding.objects.get(tekst="Eén bevinding voor twee indicatoren.")
    assert sorted(b.indicator.sleutel for b in gedeeld.beoordelingen.all()) == [
        "beleid-ggsr",
        "gezamenlijke-visie",
    ]
    assert oud.conclusies.get(thema__sleutel="toeleiding").kan_beter == "Beter."
    assert oud.statuswijzigingen.filter(door=beheerder).count() == 3
    assert oud.history.filter(history_user=beheerder).exists()


def test_een_tweede_import_verandert_niets(kaders):
    onderzoeken_importeren(tekst=KLEIN)
    voor = aantallen()
    resultaat = onderzoeken_importeren(tekst=KLEIN)
    assert resultaat.nieuw == [] and len(resultaat.bestaand) == 2
    assert aantallen() == voor
    assert [o.bestaat for o in import_bekijken(tekst=KLEIN).onderzoeken] == [True, True]


def test_een_bestand_met_drie_fouten_meldt_ze_alle_drie_en_slaat_niets_op(kaders):
    voor = aantallen()
    slecht = (
        KLEIN.replace("status: concept", "status: klaar")
        .replace("cbs_code: GM9901", "cbs_code: AB12")
        .replace("respondenten: [GGD Archief]", "respondenten: [GGD Elders]")
    )
    with pytest.raises(UitwisselFout) as fout:
        onderzoeken_importeren(tekst=slecht)
    assert [str(p) for p in fout.value.problemen] == [
        "regel 4, gemeente > cbs_code: ‘AB12’ moet een CBS-code zijn als GM0513",
        "regel 24, onderzoeken[1] > respondenten[1]: ‘GGD Elders’ staat niet onder netwerkpartners",
        "regel 39, onderzoeken[2] > status: ‘klaar’ is geen geldige keuze; kies uit concept, "
        "ter_review, vastgesteld, gepubliceerd",
    ]
    assert aantallen() == voor


def test_een_fout_die_pas_bij_opslaan_blijkt_laat_niets_achter(kaders, monkeypatch):
    """All or nothing: the second study fails after the first was written; both are gone."""
    from inspecties.uitwisseling import importeren

    echt = importeren._onderzoek_opslaan

    def tweede_faalt(o, *args):
        if o["id"] == "archief-2014":
            raise UitwisselFout([])
        return echt(o, *args)

    monkeypatch.setattr(importeren, "_onderzoek_opslaan", tweede_faalt)
    voor = aantallen()
    with pytest.raises(UitwisselFout):
        onderzoeken_importeren(tekst=KLEIN)
    assert aantallen() == voor


def test_een_nieuw_vervolgonderzoek_op_een_geimporteerd_onderzoek_toetst_precies_de_x(kaders):
    oud = onderzoeken_importeren(tekst=KLEIN.split("  - id: archief-2014")[0]).nieuw[0]
    vervolg = onderzoek_aanmaken(
        aanpak=oud.aanpak,
        kader=oud.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2015,
        vorig_onderzoek=oud,
    )
    assert sorted(b.indicator.sleutel for b in vervolg.beoordelingen.all()) == [
        "gezamenlijke-visie",
        "zicht-op-populatie",
    ]


def test_formuleachtige_teksten_blijven_tekst(kaders):
    oud = onderzoeken_importeren(tekst=KLEIN).nieuw[0]
    assert oud.inleiding == '=HYPERLINK("http://x.example","klik")'
    bevinding = Bevinding.objects.get(onderzoek=oud, tekst__startswith="+SUM")
    assert (bevinding.tekst, bevinding.let_op) == ("+SUM(A1:A9) blijft tekst", "@cmd")


def test_bestaande_gegevens_van_de_gemeente_worden_niet_overschreven(kaders):
    Gemeente.objects.create(naam="Archiefstad (eigen naam)", cbs_code="GM9901", context="Eigen.")
    onderzoeken_importeren(tekst=KLEIN)
    gemeente = Gemeente.objects.get(cbs_code="GM9901")
    assert (gemeente.naam, gemeente.context) == ("Archiefstad (eigen naam)", "Eigen.")
    assert gemeente.aanpakken.count() == 2


def test_een_onbekend_of_niet_vastgesteld_kader_wordt_gemeld(kaders):
    kaders["ggsr-beleid"].__class__.objects.filter(pk=kaders["ggsr-beleid"].pk).update(
        status="concept"
    )
    with pytest.raises(UitwisselFout) as fout:
        onderzoeken_importeren(tekst=KLEIN)
    assert {p.melding for p in fout.value.problemen} == {"dit toetsingskader is niet vastgesteld"}
    assert Onderzoek.objects.count() == 0


def test_gelijktijdige_import_van_een_nieuwe_gemeente_geeft_een_nette_melding(kaders, monkeypatch):
    """Two beheerders import the same new gemeente at once: the later one hits the unique CBS
    code and gets a Dutch message instead of a crash; trying again is a no-op."""
    from django.db import IntegrityError

    from inspecties.uitwisseling import importeren

    echt = importeren._opslaan

    def eerst_was_een_ander(data, door):
        echt(data, door=None)  # the other import, committed first
        raise IntegrityError("UNIQUE constraint failed: gemeenten_gemeente.cbs_code")

    with monkeypatch.context() as m:
        m.setattr(importeren, "_opslaan", eerst_was_een_ander)
        with pytest.raises(UitwisselFout, match="tegelijk werd hetzelfde bestand"):
            onderzoeken_importeren(tekst=KLEIN)
    assert onderzoeken_importeren(tekst=KLEIN).nieuw == []


def test_het_voorbeeld_telt_geen_query_per_onderzoek(kaders, django_assert_max_num_queries):
    onderzoeken_importeren(tekst=KLEIN)
    groter = KLEIN + "".join(
        KLEIN.split("onderzoeken:\n")[1]
        .split("  - id: archief-2014")[0]
        .replace("archief-2013", f"archief-{jaar}")
        .replace("jaar: 2013", f"jaar: {jaar}")
        for jaar in range(2016, 2026)
    )
    with django_assert_max_num_queries(8):
        assert len(import_bekijken(tekst=KLEIN).onderzoeken) == 2
    with django_assert_max_num_queries(8):
        assert len(import_bekijken(tekst=groter).onderzoeken) == 12


@pytest.mark.skipif(
    not hasattr(Onderzoek, "publicatiemaand"), reason="the field arrives with issue 14 item 1"
)
def test_de_publicatiemaand_wordt_bewaard_en_weer_geschreven(kaders):
    from inspecties.uitwisseling.exporteren import onderzoeken_exporteren

    oud = onderzoeken_importeren(tekst=KLEIN).nieuw[0]
    oud.refresh_from_db()
    assert "2013-12" in str(oud.publicatiemaand)
    assert "publicatiemaand: 2013-12" in onderzoeken_exporteren(onderzoeken=[oud])


def test_een_vervolg_op_een_andere_kaderversie_telt_de_x_van_het_vorige_kader(kaders_zonder_db):
    """Scope by the earlier study's own scale (pure check, two versions of one framework)."""
    from dataclasses import replace

    from inspecties.uitwisseling.controle import bestand_controleren

    oud = kaders_zonder_db[("ggsr-beleid", "2013")]
    kaders = {
        ("ggsr-beleid", "2013"): oud,
        ("ggsr-beleid", "2015"): replace(
            oud, codes=frozenset({"ja", "nee"}), verbeterpunten=frozenset({"nee"})
        ),
    }
    tekst = KLEIN.replace(
        'versie: "2013"}\n    status: concept', 'versie: "2015"}\n    status: concept'
    ).replace("{zicht-op-populatie: voldoet}", "{zicht-op-populatie: ja}")
    assert bestand_controleren(tekst, kaders=kaders).problemen == []
