"""Overviews for staff: which indicators fail most, how municipalities developed."""

from collections import Counter

from django.urls import reverse

from inspecties.models import Beoordeling, Onderzoek
from inspecties.onderzoeken.services import onderzoek_aanmaken
from inspecties.overzichten.selectors import ontwikkeling_per_gemeente, verbeterpunten_per_indicator
from tests.conftest import inloggen


def test_verbeterpunten_per_indicator_uit_de_eerste_beoordelingen(demo):
    eerste = [o for o in demo.values() if o.soort != Onderzoek.Soort.VERVOLGONDERZOEK]
    verwacht = Counter(
        b.indicator.sleutel
        for b in Beoordeling.objects.filter(onderzoek__in=eerste, optie__is_verbeterpunt=True)
    )
    telling = verbeterpunten_per_indicator()
    assert {t.sleutel: t.verbeterpunten for t in telling if t.verbeterpunten} == dict(verwacht)
    assert [t.verbeterpunten for t in telling] == sorted(
        (t.verbeterpunten for t in telling), reverse=True
    )
    # Gouda and Oosterhout 2013 both scored every GGSR indicator.
    assert {t.beoordeeld for t in verbeterpunten_per_indicator(kader_sleutel="ggsr-beleid")} == {2}


def test_concepten_tellen_niet_mee(demo):
    voor = {t.sleutel: t.verbeterpunten for t in verbeterpunten_per_indicator()}
    gouda = demo[("Gouda", 2013)]
    concept = onderzoek_aanmaken(
        aanpak=gouda.aanpak, kader=gouda.kader, soort="beleidstoets", jaar=2016
    )
    x = gouda.kader.schaal.get(is_verbeterpunt=True)
    concept.beoordelingen.update(optie=x)
    assert {t.sleutel: t.verbeterpunten for t in verbeterpunten_per_indicator()} == voor


def test_ontwikkeling_van_oosterhout(demo):
    vervolg = demo[("Oosterhout", 2014)]
    rijen = list(ontwikkeling_per_gemeente())
    assert [o.pk for o in rijen] == [vervolg.pk]
    o = rijen[0]
    x_2013 = vervolg.vorig_onderzoek.beoordelingen.filter(optie__is_verbeterpunt=True).count()
    x_2014 = vervolg.beoordelingen.filter(optie__is_verbeterpunt=True).count()
    assert (o.verbeterpunten_voor, o.opnieuw_getoetst, o.verbeterpunten_nu) == (x_2013, 7, x_2014)
    assert o.opgelost == 7 - x_2014
    assert x_2013 == 7 and 0 < x_2014 < 7  # the demo: some resolved, some not


def test_pagina_voor_medewerker_in_een_vast_aantal_queries(
    demo, client, medewerker, django_assert_max_num_queries
):
    inloggen(client, medewerker)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("rapporten:overzichten")).content.decode()
    assert "Welke indicatoren scoren het vaakst een verbeterpunt?" in html
    assert "Oosterhout" in html and "2013 → 2014" in html
    html = client.get(reverse("rapporten:overzichten"), {"jaar": 2017}).content.decode()
    assert "Geen vervolgonderzoeken voor deze selectie." in html
    antwoord = client.get(reverse("rapporten:overzichten"), {"jaar": "tweeduizend"})
    assert "Voer een geheel getal in." in antwoord.content.decode()
