"""The publication month: set before publishing, printed on every page of the frozen PDF
instead of the publishing day's month, the current month when left empty, and unchangeable
once published except by reopening."""

import datetime
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from inspecties.models import Onderzoek
from inspecties.onderzoeken.services import onderzoek_heropenen, status_zetten
from inspecties.onderzoeken.services.scoren import onderzoek_teksten_opslaan
from rapporten.context import MAANDEN
from rapporten.models import GepubliceerdRapport
from rapporten.services import onderzoek_publiceren
from tests.conftest import inloggen
from tests.formulieren import formulier, verzenden
from tests.rapporten.conftest import normaliseer, pdf_paginas


@pytest.fixture(autouse=True)
def lege_opslag(settings):
    settings.STORAGES = {**settings.STORAGES}


def _naar_vastgesteld(onderzoek, *, door):
    for stap in (Onderzoek.Status.TER_REVIEW, Onderzoek.Status.VASTGESTELD):
        status_zetten(onderzoek=onderzoek, naar=stap, door=door)


def _heropend(onderzoek, door):
    onderzoek_heropenen(onderzoek=onderzoek, door=door, reden="Publicatiemaand rechtzetten")
    onderzoek.refresh_from_db()
    return onderzoek


def _voetteksten(onderzoek) -> list[str]:
    rapport = GepubliceerdRapport.objects.get(onderzoek=onderzoek)
    with rapport.pdf.open("rb") as f:
        return [normaliseer(p) for p in pdf_paginas(f.read())]


def _deze_maand() -> str:
    vandaag = timezone.localdate()
    return f"{MAANDEN[vandaag.month - 1]} {vandaag.year}"


def test_vervolg_draagt_de_gezette_maand_niet_de_dag_van_publiceren(
    oosterhout_vervolg, inspecteur, tweede_inspecteur
):
    onderzoek = _heropend(oosterhout_vervolg, inspecteur)
    onderzoek = onderzoek_teksten_opslaan(
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        door=inspecteur,
        publicatiemaand=datetime.date(2015, 6, 1),
    )
    _naar_vastgesteld(onderzoek, door=tweede_inspecteur)

    gepubliceerd = onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)

    assert gepubliceerd.publicatiedatum == timezone.localdate()
    assert gepubliceerd.publicatiemaand == datetime.date(2015, 6, 1)
    paginas = _voetteksten(gepubliceerd)
    assert len(paginas) >= 2
    for tekst in paginas:
        assert "Samenwerkend Toezicht Jeugd Juni 2015" in tekst
        assert _deze_maand() not in tekst


def test_leeg_gelaten_maand_wordt_de_maand_van_publiceren(
    oosterhout_vervolg, inspecteur, tweede_inspecteur
):
    onderzoek = _heropend(oosterhout_vervolg, inspecteur)
    onderzoek = onderzoek_teksten_opslaan(
        onderzoek=onderzoek, versie=onderzoek.versie, door=inspecteur, publicatiemaand=None
    )
    _naar_vastgesteld(onderzoek, door=tweede_inspecteur)

    gepubliceerd = onderzoek_publiceren(onderzoek=onderzoek, door=tweede_inspecteur)

    assert gepubliceerd.publicatiemaand == timezone.localdate().replace(day=1)
    assert all(_deze_maand() in tekst for tekst in _voetteksten(gepubliceerd))


def test_het_formulier_vraagt_een_maand_en_bewaart_de_eerste_dag(kaders, inspecteur):
    from tests.factories import OnderzoekFactory

    onderzoek = OnderzoekFactory(inspecteurs=[inspecteur])
    client = inloggen(Client(), inspecteur)
    html = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()
    assert re.search(r'<label[^>]*for="id_publicatiemaand"[^>]*>\s*Publicatiemaand', html)
    assert re.search(r'<input type="month" name="publicatiemaand"', html)

    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    antwoord = client.post(url, verzenden(formulier(html, action=url), publicatiemaand="2015-06"))
    assert antwoord.status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand == datetime.date(2015, 6, 1)

    # Shown back as the month input holds it, so saving the form again keeps it.
    html = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()
    assert 'value="2015-06"' in html
    client.post(url, verzenden(formulier(html, action=url), context="Iets anders"))
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand == datetime.date(2015, 6, 1)


def test_onzin_als_maand_geeft_een_nederlandse_melding_en_bewaart_de_rest(kaders, inspecteur):
    from tests.factories import OnderzoekFactory

    onderzoek = OnderzoekFactory(inspecteurs=[inspecteur])
    client = inloggen(Client(), inspecteur)
    html = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    antwoord = client.post(
        url,
        verzenden(
            formulier(html, action=url), publicatiemaand="juni '15<script>", context="Mijn tekst"
        ),
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Vul een maand in, bijvoorbeeld 2015-06." in html
    assert "Mijn tekst" in html
    assert "<script>" not in html.split("Mijn tekst")[0][-2000:]
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand is None


def test_na_publiceren_is_de_maand_alleen_via_heropenen_te_wijzigen(oosterhout_vervolg, inspecteur):
    onderzoek = oosterhout_vervolg
    maand = onderzoek.publicatiemaand
    client = inloggen(Client(), inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    antwoord = client.post(
        url,
        {"versie": onderzoek.versie, "publicatiemaand": "2030-01", "context": onderzoek.context},
    )
    assert antwoord.status_code == 400
    assert "kan niet meer worden gewijzigd" in antwoord.content.decode()
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand == maand
    assert onderzoek.status == Onderzoek.Status.GEPUBLICEERD

    onderzoek = _heropend(onderzoek, inspecteur)
    onderzoek_teksten_opslaan(
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        door=inspecteur,
        publicatiemaand=datetime.date(2030, 1, 1),
    )
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand == datetime.date(2030, 1, 1)


def test_een_verouderde_opslag_van_de_maand_wordt_geweigerd(kaders, inspecteur, tweede_inspecteur):
    from tests.factories import OnderzoekFactory

    onderzoek = OnderzoekFactory(inspecteurs=[inspecteur, tweede_inspecteur])
    eerste = inloggen(Client(), inspecteur)
    tweede = inloggen(Client(), tweede_inspecteur)
    pagina_url = reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    geladen = eerste.get(pagina_url).content.decode()
    tweede.post(
        url,
        verzenden(
            formulier(tweede.get(pagina_url).content.decode(), action=url),
            publicatiemaand="2015-06",
        ),
    )
    antwoord = eerste.post(
        url, verzenden(formulier(geladen, action=url), publicatiemaand="2016-01")
    )
    assert antwoord.status_code == 409
    onderzoek.refresh_from_db()
    assert onderzoek.publicatiemaand == datetime.date(2015, 6, 1)


def test_demo_publicaties_dragen_de_maand_van_het_origineel(oosterhout_vervolg):
    from rapporten.context import rapport_context

    _, context = rapport_context(oosterhout_vervolg)
    assert context["maand_jaar"] == "Juni 2015"


def test_titelpagina_en_voettekst_van_een_onderzoeksrapport_dragen_de_maand(demo):
    from django.template.loader import render_to_string

    from rapporten.context import rapport_context

    onderzoek = demo[("Bergen op Zoom", 2017)]
    Onderzoek.objects.filter(pk=onderzoek.pk).update(publicatiemaand=datetime.date(2017, 5, 1))
    template, context = rapport_context(onderzoek.pk)
    html = render_to_string(template, context)
    assert '<p class="plaats-datum">Utrecht, mei 2017</p>' in html
    assert re.search(r'class="voettekst"[^>]*>[^<]*Samenwerkend Toezicht Jeugd mei 2017</p>', html)
    assert "maart 2017" not in html
