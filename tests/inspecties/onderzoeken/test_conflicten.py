"""Two inspectors at the same time: load, the other saves, the first saves. Nobody's text is
overwritten unseen; every conflict shows both versions of everything that differs."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.models import Beoordeling, Bevinding, Hoofdstuk, Onderzoek
from inspecties.onderzoeken import services
from tests.conftest import inloggen
from tests.factories import AanpakFactory, NetwerkpartnerFactory, OnderzoekFactory
from tests.formulieren import formulier, formulieren, verzenden

HX = {"HX-Request": "true"}


@pytest.fixture
def onderzoek(kaders, inspecteur, tweede_inspecteur):
    return OnderzoekFactory(inspecteurs=[inspecteur, tweede_inspecteur])


@pytest.fixture
def eerste(inspecteur):
    return inloggen(Client(), inspecteur)


@pytest.fixture
def tweede(tweede_inspecteur):
    return inloggen(Client(), tweede_inspecteur)


def scoren_url(onderzoek):
    return reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])


def rij_url(b):
    return reverse("inspecties:beoordeling_opslaan", args=[b.onderzoek_id, b.pk])


def delen_url(onderzoek):
    return reverse("inspecties:bevinding_delen", args=[onderzoek.pk])


def pagina(client, onderzoek) -> str:
    antwoord = client.get(scoren_url(onderzoek))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def delen_formulier(html: str, onderzoek, b: Beoordeling) -> dict:
    """The 'one finding for several indicators' form of b's criterion."""
    gevonden = [
        f
        for f in formulieren(html)
        if f["attrs"].get("action") == delen_url(onderzoek)
        and any(i.get("value") == str(b.pk) for i in f["invoer"])
    ]
    assert len(gevonden) == 1
    return gevonden[0]


def delen(client, html, onderzoek, rijen, tekst, bevestigen=True):
    """Share a finding through the page the user loaded (html), confirming when asked."""
    form = delen_formulier(html, onderzoek, rijen[0])
    data = verzenden(form, beoordelingen=[str(b.pk) for b in rijen], tekst=tekst)
    antwoord = client.post(delen_url(onderzoek), data)
    if (
        bevestigen
        and antwoord.status_code == 200
        and 'name="bevestigd"' in antwoord.content.decode()
    ):
        bevestiging = delen_formulier(antwoord.content.decode(), onderzoek, rijen[0])
        antwoord = client.post(delen_url(onderzoek), verzenden(bevestiging))
    return antwoord


def bevinding_zetten(b, tekst, let_op=""):
    b.bevinding = Bevinding.objects.create(onderzoek_id=b.onderzoek_id, tekst=tekst, let_op=let_op)
    b.save()


def tekst_van(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def twee_rijen(onderzoek):
    b1, b2 = list(onderzoek.beoordelingen.select_related("indicator")[:2])
    assert b1.indicator.criterium_id == b2.indicator.criterium_id
    return b1, b2


# --- A stale row save after the finding was shared -------------------------------------------


def test_oude_opslag_van_een_rij_overschrijft_een_intussen_gedeelde_bevinding_niet(
    onderzoek, eerste, tweede
):
    b1, b2 = twee_rijen(onderzoek)
    bevinding_zetten(b1, "Eigen tekst", "")
    geladen = pagina(eerste, onderzoek)  # the first inspector loads the page

    # Meanwhile the second shares one new finding over both rows (a new Bevinding, version 1).
    antwoord = delen(tweede, pagina(tweede, onderzoek), onderzoek, [b1, b2], "Gedeelde tekst")
    assert antwoord.status_code == 302
    b1.refresh_from_db()
    gedeeld = b1.bevinding
    assert gedeeld.tekst == "Gedeelde tekst" and gedeeld.versie == 1

    # The first saves the row as loaded, with their own text: a conflict, not an overwrite.
    rij = formulier(geladen, action=rij_url(b1))
    antwoord = eerste.post(rij_url(b1), verzenden(rij, tekst="Tekst van één"), headers=HX)
    html = antwoord.content.decode()
    assert 'data-testid="conflict"' in html
    assert "Gedeelde tekst" in html and "Tekst van één" in html
    gedeeld.refresh_from_db()
    assert gedeeld.tekst == "Gedeelde tekst"
    b2.refresh_from_db()
    assert b2.bevinding_id == gedeeld.pk

    # Having seen both, "Mijn tekst opslaan" saves theirs into the shared finding.
    opnieuw = formulier(html, action=rij_url(b1))
    antwoord = eerste.post(rij_url(b1), verzenden(opnieuw), headers=HX)
    assert 'data-testid="conflict"' not in antwoord.content.decode()
    gedeeld.refresh_from_db()
    assert gedeeld.tekst == "Tekst van één"


def test_oude_opslag_van_een_rij_zonder_bevinding_na_delen_wordt_ook_geweigerd(
    onderzoek, eerste, tweede
):
    b1, b2 = twee_rijen(onderzoek)
    geladen = pagina(eerste, onderzoek)
    delen(tweede, pagina(tweede, onderzoek), onderzoek, [b1, b2], "Gedeelde tekst")
    antwoord = eerste.post(
        rij_url(b1),
        verzenden(formulier(geladen, action=rij_url(b1)), tekst="Tekst van één"),
        headers=HX,
    )
    html = antwoord.content.decode()
    assert 'data-testid="conflict"' in html and "Gedeelde tekst" in html
    assert Bevinding.objects.get(beoordelingen=b2).tekst == "Gedeelde tekst"


# --- Sharing one finding over rows that already have one -------------------------------------


def test_delen_toont_eerst_wat_vervangen_wordt(onderzoek, eerste):
    b1, b2 = twee_rijen(onderzoek)
    for b, tekst in ((b1, "Tekst één"), (b2, "Tekst twee")):
        bevinding_zetten(b, tekst, "Let op " + tekst)
    html = pagina(eerste, onderzoek)
    antwoord = delen(eerste, html, onderzoek, [b1, b2], "Samen", bevestigen=False)

    assert antwoord.status_code == 200
    bevestiging = antwoord.content.decode()
    assert 'data-testid="vervangen"' in bevestiging
    for tekst in ("Tekst één", "Tekst twee", "Let op Tekst één"):
        assert tekst in bevestiging
    assert "Samen</textarea>" in bevestiging  # what was typed stays
    b1.refresh_from_db()
    assert b1.bevinding.tekst == "Tekst één"  # nothing replaced yet

    form = delen_formulier(bevestiging, onderzoek, b1)
    antwoord = eerste.post(delen_url(onderzoek), verzenden(form))
    assert antwoord.status_code == 302
    b1.refresh_from_db()
    b2.refresh_from_db()
    assert b1.bevinding_id == b2.bevinding_id and b1.bevinding.tekst == "Samen"


def test_delen_over_rijen_zonder_bevinding_vraagt_geen_bevestiging(onderzoek, eerste):
    b1, b2 = twee_rijen(onderzoek)
    antwoord = delen(eerste, pagina(eerste, onderzoek), onderzoek, [b1, b2], "Samen", False)
    assert antwoord.status_code == 302
    b1.refresh_from_db()
    assert b1.bevinding.tekst == "Samen"


def test_delen_weigert_als_een_gekozen_rij_intussen_veranderde(onderzoek, eerste, tweede):
    b1, b2 = twee_rijen(onderzoek)
    bevinding_zetten(b1, "Eerste versie", "")
    geladen = pagina(eerste, onderzoek)

    # The second inspector changes row 1's finding after the first loaded the page.
    b1.refresh_from_db()
    rij = formulier(pagina(tweede, onderzoek), action=rij_url(b1))
    tweede.post(rij_url(b1), verzenden(rij, tekst="Nieuwe tekst van twee"), headers=HX)
    b1.refresh_from_db()
    assert b1.bevinding.tekst == "Nieuwe tekst van twee"

    antwoord = delen(eerste, geladen, onderzoek, [b1, b2], "Samen van één")
    html = antwoord.content.decode()
    assert antwoord.status_code == 409
    assert 'data-testid="conflict"' in html
    assert "Nieuwe tekst van twee" in html and "Samen van één" in html
    b1.refresh_from_db()
    b2.refresh_from_db()
    assert b1.bevinding.tekst == "Nieuwe tekst van twee" and b2.bevinding_id is None


def test_delen_weigert_als_een_rij_intussen_een_bevinding_kreeg(onderzoek, eerste, tweede):
    b1, b2 = twee_rijen(onderzoek)
    geladen = pagina(eerste, onderzoek)
    bevinding_zetten(b2, "Net geschreven", "")
    antwoord = delen(eerste, geladen, onderzoek, [b1, b2], "Samen")
    assert antwoord.status_code == 409 and "Net geschreven" in antwoord.content.decode()
    assert Beoordeling.objects.get(pk=b2.pk).bevinding.tekst == "Net geschreven"


def test_delen_met_rijen_van_een_ander_onderzoek_wordt_geweigerd(onderzoek, eerste, kaders):
    ander = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(), kader=kaders["ggsr-beleid"], soort="beleidstoets", jaar=2014
    )
    vreemd = ander.beoordelingen.first()
    b1, _ = twee_rijen(onderzoek)
    antwoord = eerste.post(
        delen_url(onderzoek), {"beoordelingen": [b1.pk, vreemd.pk], "tekst": "Inbraak"}
    )
    assert antwoord.status_code == 400
    assert not Bevinding.objects.exists()


# --- A score and a text both changed by someone else -----------------------------------------


def test_conflict_op_oordeel_en_tekst_toont_beide_versies_van_beide(onderzoek, eerste, tweede):
    b = onderzoek.beoordelingen.first()
    voldoet = onderzoek.kader.schaal.get(code="voldoet")
    verbeterpunt = onderzoek.kader.schaal.get(code="verbeterpunt")
    bevinding_zetten(b, "Begin", "")
    geladen = pagina(eerste, onderzoek)

    rij = formulier(pagina(tweede, onderzoek), action=rij_url(b))
    tweede.post(
        rij_url(b),
        verzenden(rij, oordeel=str(voldoet.pk), tekst="Tekst van twee", let_op="LET OP van twee"),
        headers=HX,
    )

    rij = formulier(geladen, action=rij_url(b))
    antwoord = eerste.post(
        rij_url(b), verzenden(rij, oordeel=str(verbeterpunt.pk), tekst="Tekst van één"), headers=HX
    )
    html = antwoord.content.decode()
    assert 'data-testid="conflict"' in html
    hun = re.search(r'data-testid="hun-versie".*?</div>', html, re.S).group(0)
    mijn = re.search(r'data-testid="mijn-versie".*?</div>', html, re.S).group(0)
    assert "√" in hun and "Tekst van twee" in hun and "LET OP van twee" in tekst_van(hun)
    assert "X" in mijn and "Tekst van één" in mijn
    b.refresh_from_db()
    assert b.optie == voldoet and b.bevinding.tekst == "Tekst van twee"  # nothing half-saved

    # "Mijn tekst opslaan" after seeing both: the form now carries what was shown.
    antwoord = eerste.post(rij_url(b), verzenden(formulier(html, action=rij_url(b))), headers=HX)
    assert 'data-testid="conflict"' not in antwoord.content.decode()
    b.refresh_from_db()
    assert b.optie == verbeterpunt and b.bevinding.tekst == "Tekst van één"


def test_alleen_een_ander_oordeel_laat_mijn_tekst_niet_half_opgeslagen(onderzoek, eerste, tweede):
    b = onderzoek.beoordelingen.first()
    voldoet = onderzoek.kader.schaal.get(code="voldoet")
    verbeterpunt = onderzoek.kader.schaal.get(code="verbeterpunt")
    geladen = pagina(eerste, onderzoek)
    tweede.post(
        rij_url(b),
        verzenden(formulier(pagina(tweede, onderzoek), action=rij_url(b)), oordeel=voldoet.pk),
        headers=HX,
    )
    antwoord = eerste.post(
        rij_url(b),
        verzenden(formulier(geladen, action=rij_url(b)), oordeel=verbeterpunt.pk, tekst="Mijn"),
        headers=HX,
    )
    html = antwoord.content.decode()
    assert 'data-testid="conflict"' in html and 'data-testid="hun-oordeel"' in html
    b.refresh_from_db()
    assert b.optie == voldoet and b.bevinding_id is None
    assert "Mijn</textarea>" in html


# --- The other conflict paths -----------------------------------------------------------------


def test_conflict_op_de_teksten_toont_ook_de_netwerkpartners_van_de_ander(
    onderzoek, eerste, tweede
):
    ggd = NetwerkpartnerFactory(naam="GGD West-Brabant")
    mee = NetwerkpartnerFactory(naam="MEE Zuidwest")
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    geladen = pagina(eerste, onderzoek)
    tweede.post(
        url, verzenden(formulier(pagina(tweede, onderzoek), action=url), respondenten=[ggd.pk])
    )
    antwoord = eerste.post(
        url,
        verzenden(formulier(geladen, action=url), respondenten=[mee.pk], context="Mijn context"),
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 409
    conflict = re.search(r'data-testid="teksten-conflict".*?</div>', html, re.S).group(0)
    assert "GGD West-Brabant" in conflict
    assert "Mijn context</textarea>" in html
    onderzoek.refresh_from_db()
    assert list(onderzoek.respondenten.all()) == [ggd]


def test_conflict_op_een_hoofdstuk_toont_ook_wat_de_ander_leegmaakte(kaders, inspecteur):
    toezicht = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(),
        kader=kaders["stelseltoezicht-wijkteams"],
        soort=Onderzoek.Soort.TOEZICHTONDERZOEK,
        jaar=2017,
        inspecteurs=[inspecteur],
    )
    h = services.hoofdstuk_toevoegen(onderzoek=toezicht, titel="Eén Gezin")
    h = services.hoofdstuk_opslaan(hoofdstuk=h, versie=h.versie, beleid="Oud beleid")
    client = inloggen(Client(), inspecteur)
    url = reverse("inspecties:hoofdstuk_opslaan", args=[toezicht.pk, h.pk])
    geladen = pagina(client, toezicht)
    services.hoofdstuk_opslaan(hoofdstuk=h, versie=h.versie, beleid="")  # someone emptied it
    form = formulier(geladen, action=url)
    antwoord = client.post(url, verzenden(form, **{f"h{h.pk}-conclusie": "Mijn conclusie"}))
    html = antwoord.content.decode()
    assert antwoord.status_code == 409
    conflict = re.search(r'data-testid="conflict".*?</div>', html, re.S).group(0)
    assert "Beleid" in conflict and "(leeg)" in conflict
    assert Hoofdstuk.objects.get(pk=h.pk).beleid == ""
