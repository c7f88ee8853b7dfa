"""A NUL character in anything a user can send gets a Dutch message or the Dutch 400 page,
never a 500 (PostgreSQL cannot store it), and nothing already saved is lost.

Run on PostgreSQL too: DATABASE_URL=postgres://... pytest tests/test_nul_tekens.py
"""

from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.models import Bevinding, Hoofdstuk, Onderzoek, Voortgangsrapportage
from inspecties.onderzoeken import services
from tests.conftest import inloggen
from tests.factories import AanpakFactory
from tests.formulieren import formulier, verzenden

NUL = "\x00"
MELDING = "onzichtbaar NUL-teken"  # the form's message, beside the field
FOUTPAGINA = "Dit verzoek klopt niet"  # the 400 page
HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def productie(settings):
    settings.DEBUG = False


@pytest.fixture
def client(inspecteur):
    return inloggen(Client(raise_request_exception=False), inspecteur)


@pytest.fixture
def beleidstoets(kaders, inspecteur):
    onderzoek = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(),
        kader=kaders["ggsr-beleid"],
        soort=Onderzoek.Soort.BELEIDSTOETS,
        jaar=2013,
        inspecteurs=[inspecteur],
    )
    b = onderzoek.beoordelingen.first()
    services.bevinding_opslaan(beoordeling=b, tekst="Opgeslagen", let_op="", versie=None)
    conclusie = onderzoek.conclusies.first()
    services.conclusie_opslaan(conclusie=conclusie, gaat_goed="Goed", kan_beter="", versie=1)
    services.onderzoek_teksten_opslaan(onderzoek=onderzoek, versie=1, context="Context")
    return onderzoek


@pytest.fixture
def toezicht(kaders, inspecteur):
    onderzoek = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(),
        kader=kaders["stelseltoezicht-wijkteams"],
        soort=Onderzoek.Soort.TOEZICHTONDERZOEK,
        jaar=2017,
        inspecteurs=[inspecteur],
    )
    h = services.hoofdstuk_toevoegen(onderzoek=onderzoek, titel="Eén Gezin")
    services.hoofdstuk_opslaan(hoofdstuk=h, versie=h.versie, beleid="Beleid")
    return onderzoek


def als_browser(client, url, data):
    """POST as a browser sends a form without a file: url-encoded (the test client's default is
    multipart)."""
    return client.post(
        url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )


def pagina(client, onderzoek) -> str:
    return client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()


def test_nul_in_een_bevinding(client, beleidstoets):
    b = beleidstoets.beoordelingen.first()
    url = reverse("inspecties:beoordeling_opslaan", args=[beleidstoets.pk, b.pk])
    rij = formulier(pagina(client, beleidstoets), action=url)
    for headers, status in ((HX, 200), ({}, 400)):
        antwoord = client.post(url, verzenden(rij, tekst=f"Nieuw{NUL}"), headers=headers)
        html = antwoord.content.decode()
        assert antwoord.status_code == status
        assert MELDING in html and "Bevinding" in html
        assert "Nieuw</textarea>" in html or f"Nieuw{NUL}</textarea>" in html
    assert Bevinding.objects.get(beoordelingen=b).tekst == "Opgeslagen"


def test_nul_in_een_gedeelde_bevinding(client, beleidstoets):
    b1, b2 = beleidstoets.beoordelingen.all()[:2]
    antwoord = client.post(
        reverse("inspecties:bevinding_delen", args=[beleidstoets.pk]),
        {"beoordelingen": [b1.pk, b2.pk], "tekst": f"Samen{NUL}"},
    )
    assert antwoord.status_code == 400 and MELDING in antwoord.content.decode()
    b1.refresh_from_db()
    assert b1.bevinding.tekst == "Opgeslagen"


def test_nul_in_een_conclusie(client, beleidstoets):
    conclusie = beleidstoets.conclusies.first()
    antwoord = client.post(
        reverse("inspecties:conclusie_opslaan", args=[beleidstoets.pk, conclusie.pk]),
        {"versie": 2, "gaat_goed": f"Beter{NUL}", "kan_beter": "Nog iets"},
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 400 and MELDING in html
    assert "Nog iets</textarea>" in html
    conclusie.refresh_from_db()
    assert conclusie.gaat_goed == "Goed"


def test_nul_in_de_teksten_van_het_onderzoek(client, beleidstoets):
    url = reverse("inspecties:teksten_opslaan", args=[beleidstoets.pk])
    teksten = formulier(pagina(client, beleidstoets), action=url)
    antwoord = client.post(url, verzenden(teksten, aanpak_beschrijving=f"Aanpak{NUL}"))
    assert antwoord.status_code == 400 and MELDING in antwoord.content.decode()
    beleidstoets.refresh_from_db()
    assert beleidstoets.context == "Context"


def test_nul_in_een_hoofdstuk(client, toezicht):
    h = toezicht.hoofdstukken.get()
    url = reverse("inspecties:hoofdstuk_opslaan", args=[toezicht.pk, h.pk])
    form = formulier(pagina(client, toezicht), action=url)
    antwoord = client.post(url, verzenden(form, **{f"h{h.pk}-beleid": f"Ander{NUL}beleid"}))
    assert antwoord.status_code == 400 and MELDING in antwoord.content.decode()
    assert Hoofdstuk.objects.get(pk=h.pk).beleid == "Beleid"

    antwoord = client.post(
        reverse("inspecties:hoofdstuk_toevoegen", args=[toezicht.pk]), {"titel": f"Een{NUL}"}
    )
    assert antwoord.status_code == 400 and MELDING in antwoord.content.decode()
    assert toezicht.hoofdstukken.count() == 1


def test_nul_in_de_reden_om_te_heropenen(client, beleidstoets):
    Onderzoek.objects.filter(pk=beleidstoets.pk).update(status=Onderzoek.Status.VASTGESTELD)
    antwoord = client.post(
        reverse("inspecties:status_wijzigen", args=[beleidstoets.pk, "heropenen"]),
        {"reden": f"Tikfout{NUL}", "bevestigd": "on"},
    )
    assert antwoord.status_code == 400 and MELDING in antwoord.content.decode()
    beleidstoets.refresh_from_db()
    assert beleidstoets.status == Onderzoek.Status.VASTGESTELD


def test_nul_in_een_filter_van_de_lijst(client, beleidstoets):
    for params in ({"zoek": f"Gou{NUL}da"}, {f"zo{NUL}ek": "Gouda"}, {"jaar": NUL}):
        antwoord = client.get(reverse("inspecties:onderzoek_lijst"), params)
        assert antwoord.status_code == 400 and FOUTPAGINA in antwoord.content.decode()


def test_nul_in_het_inlogformulier(db, inspecteur):
    client = Client(raise_request_exception=False)
    for data in (
        {"username": f"insp1{NUL}", "password": "geheim"},
        {"username": "insp1", "password": f"geh{NUL}eim"},
    ):
        antwoord = als_browser(client, reverse("login"), data)
        assert antwoord.status_code == 400 and FOUTPAGINA in antwoord.content.decode()
        # Sent as multipart the middleware leaves the body to the login form: its message.
        antwoord = client.post(reverse("login"), data)
        assert antwoord.status_code == 200 and MELDING in antwoord.content.decode()
    # The login form itself works as before.
    assert client.get(reverse("login")).status_code == 200


def test_nul_in_het_zoekvak_en_het_adres_van_het_beheer(beheerder, beleidstoets):
    client = inloggen(Client(raise_request_exception=False), beheerder)
    for url in (
        reverse("admin:inspecties_onderzoek_changelist") + "?q=Gou%00da",
        reverse("admin:gemeenten_gemeente_changelist") + "?q=%00",
        "/beheer/gemeenten/gemeente/%00/change/",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 400 and FOUTPAGINA in antwoord.content.decode(), url


def test_nul_in_het_bericht_bij_een_upload(kaders):
    """An upload's body is left to its form (the middleware does not read multipart bodies)."""
    from tests.factories import pdf_upload, portaal_wereld

    wereld = portaal_wereld(kaders)
    client = inloggen(Client(raise_request_exception=False), wereld.gouda_gebruiker)
    url = reverse("portaal:uploaden", args=[wereld.gepubliceerd.pk])
    voor = Voortgangsrapportage.objects.count()
    antwoord = client.post(url, {"bestand": pdf_upload(), "bericht": f"Hallo{NUL}"})
    assert antwoord.status_code in (200, 400) and MELDING in antwoord.content.decode()
    antwoord = client.post(url, {"bestand": pdf_upload(), f"bericht{NUL}": "Hallo"})
    assert antwoord.status_code != 500
    assert Voortgangsrapportage.objects.count() <= voor + 1
    # (Checked in Python: SQLite's LIKE stops at a NUL and would match everything.)
    assert not any(NUL in r.bericht for r in Voortgangsrapportage.objects.all())


def test_nul_in_een_veldnaam(client, beleidstoets):
    b = beleidstoets.beoordelingen.first()
    for url, data in (
        (reverse("inspecties:onderzoek_lijst"), None),
        (reverse("login"), {f"user{NUL}name": "insp1"}),
    ):
        antwoord = als_browser(client, url, data) if data else client.get(url, {f"j{NUL}": "1"})
        assert antwoord.status_code == 400 and FOUTPAGINA in antwoord.content.decode()
    # A view whose fields go through a form ignores a field it does not know.
    url = reverse("inspecties:beoordeling_opslaan", args=[beleidstoets.pk, b.pk])
    rij = formulier(pagina(client, beleidstoets), action=url)
    antwoord = client.post(url, verzenden(rij, **{f"x{NUL}": "y"}), headers=HX)
    assert antwoord.status_code == 200
