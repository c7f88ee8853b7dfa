"""The toezichtonderzoek: its report texts, its chapters, conflicts and the road to review."""

from datetime import date

from django.urls import reverse

import pytest

from inspecties.models import Hoofdstuk, Onderzoek, ThemaConclusie
from inspecties.onderzoeken import services
from inspecties.regels.onderzoeksrapport import Bron, BronnenFout, bronnen_lezen
from tests.factories import AanpakFactory, OnderzoekFactory


@pytest.fixture
def onderzoek(kaders, inspecteur):
    return OnderzoekFactory(
        kader=kaders["stelseltoezicht-wijkteams"],
        soort=Onderzoek.Soort.TOEZICHTONDERZOEK,
        jaar=2017,
        inspecteurs=[inspecteur],
    )


def scoren_url(o):
    return reverse("inspecties:onderzoek_scoren", args=[o.pk])


def hoofdstuk_data(h, **teksten):
    velden = {"versie": h.versie, "titel": h.titel, **teksten}
    return {f"h{h.pk}-{k}": v for k, v in velden.items()}


def test_bronnen_lezen_per_regel_met_aantal():
    assert bronnen_lezen("1 Teamleider CJG\n\n- 9 jeugdprofessionals CJG\n2 Huisartsen") == [
        Bron(1, "Teamleider CJG"),
        Bron(9, "jeugdprofessionals CJG"),
        Bron(2, "Huisartsen"),
    ]
    with pytest.raises(BronnenFout, match="Regel 2"):
        bronnen_lezen("1 Teamleider CJG\nHuisartsen")
    with pytest.raises(BronnenFout, match="Regel 1"):
        bronnen_lezen("0 cliënten")


def test_nieuw_toezichtonderzoek_via_het_scherm(client_als, inspecteur, kaders):
    aanpak = AanpakFactory()
    client = client_als(inspecteur)
    antwoord = client.post(
        reverse("inspecties:onderzoek_nieuw"),
        {
            "aanpak": aanpak.pk,
            "kader": kaders["stelseltoezicht-wijkteams"].pk,
            "soort": "toezichtonderzoek",
            "jaar": 2017,
            "inspecteurs": [inspecteur.pk],
        },
    )
    onderzoek = Onderzoek.objects.get(aanpak=aanpak)
    assert antwoord.status_code == 302
    assert onderzoek.beoordelingen.count() == 16  # every indicator, scoring optional
    assert not ThemaConclusie.objects.filter(onderzoek=onderzoek).exists()
    html = client.get(scoren_url(onderzoek)).content.decode()
    for label in ("Samenvatting", "Oordeel", "Kansen", "Geraadpleegde bronnen", "Hoofdstukken"):
        assert label in html
    assert "Netwerkpartners die de vragenlijst invulden" not in html
    assert "Wat gaat goed?" not in html


def test_rapportteksten_opslaan_en_foute_bronnen_verliezen_niets(client_als, inspecteur, onderzoek):
    client = client_als(inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    goed = {
        "versie": onderzoek.versie,
        "titel": "Toezicht wijkteams",
        "samenvatting": "Kort gezegd.",
        "oordeel": "Nog niet voldoende.",
        "voortgang_deadline": "2017-05-01",
        "bronnen": "1 Teamleider CJG\n6 cliënten",
    }
    assert client.post(url, goed).status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.oordeel == "Nog niet voldoende."
    assert onderzoek.voortgang_deadline == date(2017, 5, 1)

    fout = {
        **goed,
        "versie": onderzoek.versie,
        "oordeel": "Nieuw oordeel",
        "bronnen": "1 CJG\ncliënten",
    }
    antwoord = client.post(url, fout)
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "Regel 2 (‘cliënten’): begin met een aantal" in html
    assert "Nieuw oordeel</textarea>" in html  # what was typed stays in the form
    onderzoek.refresh_from_db()
    assert onderzoek.oordeel == "Nog niet voldoende."  # and nothing was saved


def test_hoofdstuk_toevoegen_opslaan_en_historie(client_als, inspecteur, onderzoek):
    client = client_als(inspecteur)
    antwoord = client.post(
        reverse("inspecties:hoofdstuk_toevoegen", args=[onderzoek.pk]), {"titel": "Eén Gezin"}
    )
    h = onderzoek.hoofdstukken.get()
    assert antwoord.status_code == 302 and antwoord.url.endswith(f"#hoofdstuk-{h.pk}")
    client.post(
        reverse("inspecties:hoofdstuk_toevoegen", args=[onderzoek.pk]), {"titel": "Eén Plan"}
    )
    assert list(onderzoek.hoofdstukken.values_list("titel", "volgorde")) == [
        ("Eén Gezin", 1),
        ("Eén Plan", 2),
    ]
    url = reverse("inspecties:hoofdstuk_opslaan", args=[onderzoek.pk, h.pk])
    antwoord = client.post(url, hoofdstuk_data(h, bevindingen="Zij spreken niet met de kinderen."))
    assert antwoord.status_code == 302
    h.refresh_from_db()
    assert h.bevindingen == "Zij spreken niet met de kinderen." and h.versie == 2

    antwoord = client.post(url, hoofdstuk_data(h, titel="", bevindingen="Nieuwe tekst"))
    assert antwoord.status_code == 400
    assert "Nieuwe tekst</textarea>" in antwoord.content.decode()

    html = client.get(reverse("inspecties:onderzoek_historie", args=[onderzoek.pk])).content
    assert "Zij spreken niet met de kinderen." in html.decode()


def test_twee_inspecteurs_zelfde_hoofdstuk_tweede_wordt_geweigerd(
    client_als, inspecteur, tweede_inspecteur, onderzoek
):
    h = Hoofdstuk.objects.create(onderzoek=onderzoek, titel="Eén Regisseur", volgorde=1)
    url = reverse("inspecties:hoofdstuk_opslaan", args=[onderzoek.pk, h.pk])
    geladen = hoofdstuk_data(h)  # both loaded version 1

    eerste = client_als(inspecteur).post(url, {**geladen, f"h{h.pk}-conclusie": "Tekst van A"})
    assert eerste.status_code == 302
    antwoord = client_als(tweede_inspecteur).post(
        url, {**geladen, f"h{h.pk}-conclusie": "Tekst van B"}
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 409 and 'data-testid="conflict"' in html
    assert "Tekst van A" in html and "Tekst van B" in html
    h.refresh_from_db()
    assert h.conclusie == "Tekst van A" and h.versie == 2


def test_verwijderen_alleen_met_de_geladen_versie(client_als, inspecteur, onderzoek):
    h = Hoofdstuk.objects.create(onderzoek=onderzoek, titel="Weg ermee", volgorde=1)
    services.hoofdstuk_opslaan(hoofdstuk=h, versie=1, conclusie="Iemand schreef dit")
    client = client_als(inspecteur)
    url = reverse("inspecties:hoofdstuk_verwijderen", args=[onderzoek.pk, h.pk])
    antwoord = client.post(url, {"versie": 1}, follow=True)
    assert "iemand anders heeft het intussen gewijzigd" in antwoord.content.decode()
    assert Hoofdstuk.objects.filter(pk=h.pk).exists()
    client.post(url, {"versie": 2})
    assert not Hoofdstuk.objects.filter(pk=h.pk).exists()


def test_ter_review_pas_als_het_rapport_compleet_is(
    client_als, inspecteur, tweede_inspecteur, onderzoek
):
    client = client_als(inspecteur)
    ter_review = reverse("inspecties:status_wijzigen", args=[onderzoek.pk, "ter-review"])
    antwoord = client.post(ter_review)
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "Het oordeel ontbreekt." in html
    assert "Het rapport heeft nog geen hoofdstuk met bevindingen." in html

    services.onderzoek_teksten_opslaan(
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        samenvatting="Samenvatting",
        oordeel="Nog niet voldoende",
        voortgang_deadline=date(2017, 5, 1),
        bronnen="6 cliënten",
    )
    h = services.hoofdstuk_toevoegen(onderzoek=onderzoek, titel="Eén Gezin")
    html = client.post(ter_review).content.decode()
    assert "Hoofdstuk ‘Eén Gezin’ heeft nog geen bevindingen." in html
    services.hoofdstuk_opslaan(hoofdstuk=h, versie=1, bevindingen="Gezien", conclusie="Onvoldoende")
    client.post(ter_review)
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.TER_REVIEW  # no indicator scores needed

    client_als(tweede_inspecteur).post(
        reverse("inspecties:status_wijzigen", args=[onderzoek.pk, "vaststellen"])
    )
    url = reverse("inspecties:hoofdstuk_opslaan", args=[onderzoek.pk, h.pk])
    client.post(url, hoofdstuk_data(h, conclusie="Later veranderd"))
    h.refresh_from_db()
    assert h.conclusie == "Onvoldoende"  # vastgesteld is read-only


def test_hoofdstukken_bij_een_beleidstoets_worden_geweigerd(client_als, inspecteur, kaders):
    beleidstoets = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(), kader=kaders["ggsr-beleid"], soort="beleidstoets", jaar=2013
    )
    antwoord = client_als(inspecteur).post(
        reverse("inspecties:hoofdstuk_toevoegen", args=[beleidstoets.pk]),
        {"titel": "Mag niet"},
        follow=True,
    )
    assert "Alleen een toezichtonderzoek heeft hoofdstukken." in antwoord.content.decode()
    assert not Hoofdstuk.objects.exists()


def test_scorepagina_blijft_begrensd_met_meer_hoofdstukken(
    client_als, inspecteur, onderzoek, django_assert_max_num_queries
):
    client = client_als(inspecteur)
    Hoofdstuk.objects.create(onderzoek=onderzoek, titel="Eén", volgorde=1)
    with django_assert_max_num_queries(25) as eerst:
        assert client.get(scoren_url(onderzoek)).status_code == 200
    for i in range(2, 12):
        Hoofdstuk.objects.create(onderzoek=onderzoek, titel=f"Hoofdstuk {i}", volgorde=i)
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        html = client.get(scoren_url(onderzoek)).content.decode()
    assert "Hoofdstuk 11" in html


def test_gemeente_leest_het_gepubliceerde_rapport_en_niets_van_een_ander(client_als, kaders):
    from tests.factories import naar_status, portaal_wereld

    wereld = portaal_wereld(kaders)
    gouda = services.onderzoek_aanmaken(
        aanpak=wereld.concept.aanpak,
        kader=kaders["stelseltoezicht-wijkteams"],
        soort="toezichtonderzoek",
        jaar=2017,
    )
    gouda.oordeel = "Het oordeel over Gouda."
    gouda.save()
    Hoofdstuk.objects.create(onderzoek=gouda, titel="Eén Plan", conclusie="Geen integraal plan.")
    url = reverse("portaal:onderzoek", args=[gouda.pk])
    client = client_als(wereld.gouda_gebruiker)
    assert client.get(url).status_code == 404  # a concept is invisible

    naar_status(gouda, "gepubliceerd")
    html = client.get(url).content.decode()
    assert "Onderzoeksrapport" in html and "Het oordeel over Gouda." in html
    assert "Eén Plan" in html and "Geen integraal plan." in html
    assert client_als(wereld.andere_gebruiker).get(url).status_code == 404


def test_hoofdstukken_verplaatsen(client_als, inspecteur, onderzoek):
    for i, titel in enumerate(("Eén Gezin", "Eén Plan", "Eén Regisseur"), start=1):
        Hoofdstuk.objects.create(onderzoek=onderzoek, titel=titel, volgorde=i)
    regisseur = onderzoek.hoofdstukken.get(titel="Eén Regisseur")
    client = client_als(inspecteur)
    url = reverse("inspecties:hoofdstuk_verplaatsen", args=[onderzoek.pk, regisseur.pk])
    antwoord = client.post(url, {"richting": "omhoog"})
    assert antwoord.status_code == 302 and antwoord.url.endswith(f"#hoofdstuk-{regisseur.pk}")
    titels = lambda: list(onderzoek.hoofdstukken.values_list("titel", flat=True))  # noqa: E731
    assert titels() == ["Eén Gezin", "Eén Regisseur", "Eén Plan"]
    client.post(url, {"richting": "omhoog"})
    client.post(url, {"richting": "omhoog"})  # already first: stays
    assert titels() == ["Eén Regisseur", "Eén Gezin", "Eén Plan"]
    client.post(url, {"richting": "omlaag"})
    assert titels() == ["Eén Gezin", "Eén Regisseur", "Eén Plan"]
    html = client.get(scoren_url(onderzoek)).content.decode()
    assert "‘Eén Gezin’ een plaats omhoog" not in html  # the first cannot move up
    assert "‘Eén Plan’ een plaats omlaag" not in html  # the last cannot move down
    assert "‘Eén Regisseur’ een plaats omhoog" in html


def test_verlopen_sessie_bewaart_het_getypte_hoofdstuk(client, inspecteur, onderzoek):
    from tests.conftest import inloggen, sessie_laten_verlopen

    h = Hoofdstuk.objects.create(onderzoek=onderzoek, titel="Eén Gezin", volgorde=1)
    url = reverse("inspecties:hoofdstuk_opslaan", args=[onderzoek.pk, h.pk])
    inloggen(client, inspecteur)
    sessie_laten_verlopen(client.session.session_key)
    antwoord = client.post(url, hoofdstuk_data(h, bevindingen="Een uur typwerk"))
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord.url
    h.refresh_from_db()
    assert h.bevindingen == ""  # nothing saved unseen

    inloggen(client, inspecteur)
    html = client.get(scoren_url(onderzoek)).content.decode()
    assert 'data-testid="hersteld"' in html and "Een uur typwerk</textarea>" in html
