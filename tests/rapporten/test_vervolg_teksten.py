"""A follow-up's own texts: every heading it prints has a field in the study's form, an empty
one is left out (never printed empty), the presentation date is named in the text as the
originals do, and the standard √ sentence is not printed twice."""

import datetime
import re

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

import pytest

from inspecties.models import Onderzoek
from inspecties.onderzoeken import services
from rapporten.context import rapport_context
from tests.conftest import inloggen
from tests.formulieren import formulier, verzenden
from tests.rapporten.conftest import normaliseer


@pytest.fixture
def vervolg(demo):
    """A new follow-up of Oosterhout 2013, a concept: its texts as creating it left them."""
    vorig = demo[("Oosterhout", 2013)]
    return services.onderzoek_aanmaken(
        aanpak=vorig.aanpak.opvolgers.first() or vorig.aanpak,
        kader=vorig.kader,
        soort=Onderzoek.Soort.VERVOLGONDERZOEK,
        jaar=2016,
        vorig_onderzoek=vorig,
    )


def _html(onderzoek) -> str:
    template, context = rapport_context(onderzoek)
    return render_to_string(template, context)


def _koppen(html: str) -> list[str]:
    return [
        normaliseer(re.sub(r"<[^>]+>", "", k)) for k in re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    ]


def _zetten(onderzoek, **velden):
    Onderzoek.objects.filter(pk=onderzoek.pk).update(**velden)
    onderzoek.refresh_from_db()


def test_het_formulier_van_een_vervolg_heeft_een_veld_per_kop(vervolg, inspecteur):
    client = inloggen(Client(), inspecteur)
    html = client.get(reverse("inspecties:onderzoek_scoren", args=[vervolg.pk])).content.decode()
    for label in ("Inleiding", "Beschrijving van de aanpak", "Ontwikkeling", "Presentatiedatum"):
        assert re.search(rf"<label[^>]*>\s*{label}", html), label
    # The context is not part of a follow-up's report, so the form does not ask for it.
    assert 'name="context"' not in html


def test_inleiding_uit_het_formulier_staat_onder_haar_kop(vervolg, inspecteur):
    client = inloggen(Client(), inspecteur)
    pagina = client.get(reverse("inspecties:onderzoek_scoren", args=[vervolg.pk])).content.decode()
    url = reverse("inspecties:teksten_opslaan", args=[vervolg.pk])
    antwoord = client.post(
        url, verzenden(formulier(pagina, action=url), inleiding="Eigen inleiding van 2016.")
    )
    assert antwoord.status_code == 302
    vervolg.refresh_from_db()
    html = _html(vervolg)
    assert re.search(r'<h2>Inleiding</h2><p class="tekst">Eigen inleiding van 2016\.</p>', html)


def test_een_lege_tekst_geeft_geen_lege_kop(vervolg):
    _zetten(vervolg, inleiding="  \n ", aanpak_beschrijving="", ontwikkeling="")
    html = _html(vervolg)
    koppen = _koppen(html)
    assert "Inleiding" not in koppen
    assert not any(k.startswith("Aanpak") for k in koppen)
    # Ontwikkeling always has the standard sentence, so it is never empty.
    assert "Ontwikkeling 2016" in koppen
    assert "De punten die in 2013 met een √ zijn beoordeeld, zijn niet opnieuw beoordeeld." in html

    _zetten(vervolg, aanpak_beschrijving="Het wijkteam.")
    assert "Aanpak Sociale Wijkteams" in _koppen(_html(vervolg))


def test_presentatiedatum_staat_in_de_tekst(vervolg):
    _zetten(
        vervolg,
        presentatiedatum=datetime.date(2016, 11, 17),
        ontwikkeling="Het gesprek ging over de wijkteams.",
    )
    tekst = normaliseer(re.sub(r"<[^>]+>", " ", _html(vervolg)))
    assert (
        "Op 17 november 2016 heeft de gemeente aan Samenwerkend Toezicht Jeugd gepresenteerd op "
        "welke wijze de verbeterpunten uit 2013 zijn opgepakt. Het gesprek ging over de wijkteams."
    ) in tekst


def test_demo_noemt_de_datum_en_de_standaardzin_een_keer(oosterhout_vervolg):
    tekst = normaliseer(re.sub(r"<[^>]+>", " ", _html(oosterhout_vervolg)))
    assert tekst.count("9 februari 2015") == 1
    assert tekst.count("niet opnieuw") == 2  # Bemoeizorg not re-tested; the √ sentence
    assert "zijn niet opnieuw beoordeeld" not in tekst
    assert tekst.count("een √ scoorde zijn niet opnieuw getoetst") == 1
    # The follow-up has no Aanpak section: its Ontwikkeling describes the new approach once.
    assert tekst.count("De wijkteams zijn verdeeld in drie werkgebieden") == 1
