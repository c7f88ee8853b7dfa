"""The development page of a municipality on the demo data: what became of each earlier X in
the Oosterhout case, every count per theme and year, the CSV, and a query bound that does not
grow with the data."""

from collections import Counter

from django.urls import reverse

import pytest

from inspecties.models import Beoordeling, Onderzoek
from inspecties.ontwikkeling.selectors import ontwikkeling_van_gemeente
from inspecties.regels.ontwikkeling import Uitkomst
from tests.factories import OnderzoekFactory

pytestmark = pytest.mark.django_db

OPGELOST, OPEN = Uitkomst.OPGELOST, Uitkomst.NOG_OPEN
# The source (seeds/verbeterpunten-oosterhout-2015.txt): the 7 X of Gezinsmanagement in 2013,
# re-scored in 2014 for Sociale Wijkteams: 5 √, 2 still X; those 2 have no follow-up yet.
OOSTERHOUT = {
    ("Gezinsmanagement", 2013, "zicht-op-populatie"): (OPGELOST, 2014),
    ("Gezinsmanagement", 2013, "gezamenlijke-visie"): (OPGELOST, 2014),
    ("Gezinsmanagement", 2013, "doorzettingsmacht"): (OPEN, 2014),
    ("Gezinsmanagement", 2013, "niet-loslaten"): (OPGELOST, 2014),
    ("Gezinsmanagement", 2013, "samenwerkingsafspraken"): (OPEN, 2014),
    ("Gezinsmanagement", 2013, "doorlopen-tot-opgelost"): (OPGELOST, 2014),
    ("Gezinsmanagement", 2013, "beschikbaarheid-zorg"): (OPGELOST, 2014),
    ("Sociale Wijkteams", 2014, "doorzettingsmacht"): (OPEN, None),
    ("Sociale Wijkteams", 2014, "samenwerkingsafspraken"): (OPEN, None),
}


def oosterhout(demo):
    return demo[("Oosterhout", 2013)].aanpak.gemeente


def test_wat_er_werd_van_elk_verbeterpunt_van_oosterhout(demo):
    o = ontwikkeling_van_gemeente(oosterhout(demo))
    gevonden = {
        (v.onderzoek.aanpak.naam, v.onderzoek.jaar, v.sleutel): (
            v.uitkomst,
            v.vervolg.jaar if v.vervolg else None,
        )
        for v in o.verbeterpunten
    }
    assert gevonden == OOSTERHOUT
    assert len(o.verbeterpunten) == len(OOSTERHOUT)
    assert o.tellingen == {OPGELOST: 5, OPEN: 4, Uitkomst.GEWIJZIGD: 0, Uitkomst.NIET_OPNIEUW: 0}
    # The follow-up concerns the successor approach: the 2013 X keep their own approach.
    assert [a.aanpak.naam for a in o.aanpakken] == ["Gezinsmanagement", "Sociale Wijkteams"]
    doorzetting = next(v for v in o.verbeterpunten if v.sleutel == "doorzettingsmacht")
    assert doorzetting.vervolg_bevinding.startswith("De doorzettingsmacht is belegd")


def test_oosterhout_per_thema_per_jaar(demo):
    o = ontwikkeling_van_gemeente(oosterhout(demo))
    assert o.jaren == [2013, 2014]
    x_per_thema = {t.naam: [(j, x) for j, x, _ in t.per_jaar] for t in o.themas}
    assert x_per_thema == {
        "Toeleiding": [(2013, 1), (2014, 0)],
        "Gezin centraal": [(2013, 0), (2014, 0)],
        "Aanpak": [(2013, 3), (2014, 1)],
        "Samenwerking": [(2013, 1), (2014, 1)],
        "Continu": [(2013, 2), (2014, 0)],
    }
    goed_2014 = {t.naam: t.per_jaar[1][2] for t in o.themas}
    assert goed_2014 == {
        "Toeleiding": 1,
        "Gezin centraal": 0,
        "Aanpak": 2,
        "Samenwerking": 0,
        "Continu": 2,
    }
    # 2013: all 30 indicators scored.
    assert sum(x + v for t in o.themas for j, x, v in t.per_jaar if j == 2013) == 30


@pytest.mark.parametrize("naam", ["Gouda", "Oosterhout", "Bergen op Zoom"])
def test_elk_getal_klopt_met_de_scores(demo, naam):
    """Every count per theme and year equals a count of the scores themselves, for every
    demo municipality; the page shows each."""
    gemeente = next(o.aanpak.gemeente for o in demo.values() if o.aanpak.gemeente.naam == naam)
    o = ontwikkeling_van_gemeente(gemeente)
    scores = Beoordeling.objects.filter(
        onderzoek__aanpak__gemeente=gemeente, optie__isnull=False
    ).values_list(
        "indicator__criterium__thema__sleutel", "onderzoek__jaar", "optie__is_verbeterpunt"
    )
    verwacht = Counter(scores)
    for t in o.themas:
        for jaar, x, v in t.per_jaar:
            assert (x, v) == (verwacht[(t.sleutel, jaar, True)], verwacht[(t.sleutel, jaar, False)])
    assert sum(x + v for t in o.themas for _, x, v in t.per_jaar) == sum(verwacht.values())
    x_totaal = sum(n for (_, _, is_x), n in verwacht.items() if is_x)
    assert len(o.verbeterpunten) == x_totaal


def test_pagina_toont_uitkomsten_grafiek_en_tabel(demo, client_als, medewerker):
    gemeente = oosterhout(demo)
    html = client_als(medewerker).get(reverse("ontwikkeling:gemeente", args=[gemeente.pk]))
    tekst = html.content.decode()
    assert html.status_code == 200
    assert tekst.count('data-testid="verbeterpunt"') == 9
    assert tekst.count('data-uitkomst="opgelost"><strong>') == 5
    assert tekst.count("<svg") == 5 and tekst.count('role="img"') == 5
    assert "<desc" in tekst and "Aantal X per jaar: 2013: 3; 2014: 1." in tekst
    assert 'data-testid="thema-tabel"' in tekst
    assert "<script" not in tekst.split("<main")[-1].split("</main>")[0]


def test_concept_telt_niet_mee(demo):
    gemeente = oosterhout(demo)
    wijkteams = demo[("Oosterhout", 2014)]
    OnderzoekFactory(
        aanpak=wijkteams.aanpak,
        soort="vervolgonderzoek",
        vorig_onderzoek=wijkteams,
        jaar=2016,
        kader=wijkteams.kader,
    )
    o = ontwikkeling_van_gemeente(gemeente)
    assert o.jaren == [2013, 2014]
    assert o.tellingen[OPGELOST] == 5


def _vervolg_op_nieuwe_versie(demo, *, wijzig: str, schrap: str):
    """A completed follow-up of Oosterhout 2014 on a new framework version in which one
    indicator is worded differently and one no longer exists; neither is scored again."""
    from toetsingskader.models import Indicator
    from toetsingskader.services import toetsingskader_nieuwe_versie, toetsingskader_vaststellen

    vorig = demo[("Oosterhout", 2014)]
    kader = toetsingskader_nieuwe_versie(kader=vorig.kader, versie="2016")
    Indicator.objects.filter(kader=kader, sleutel=wijzig).update(tekst="Een andere vraag")
    Indicator.objects.filter(kader=kader, sleutel=schrap).delete()
    toetsingskader_vaststellen(kader=kader)
    vervolg = OnderzoekFactory(
        aanpak=vorig.aanpak, soort="vervolgonderzoek", vorig_onderzoek=vorig, jaar=2016, kader=kader
    )
    Onderzoek.objects.filter(pk=vervolg.pk).update(status=Onderzoek.Status.VASTGESTELD)
    return vervolg


def test_gewijzigde_en_vervallen_indicator(demo):
    _vervolg_op_nieuwe_versie(demo, wijzig="doorzettingsmacht", schrap="samenwerkingsafspraken")
    o = ontwikkeling_van_gemeente(oosterhout(demo))
    van_2014 = {v.sleutel: v.uitkomst for v in o.verbeterpunten if v.onderzoek.jaar == 2014}
    assert van_2014 == {
        "doorzettingsmacht": Uitkomst.GEWIJZIGD,
        "samenwerkingsafspraken": Uitkomst.GEWIJZIGD,
    }


def test_niet_opnieuw_getoetst(demo):
    vorig = demo[("Oosterhout", 2014)]
    vervolg = OnderzoekFactory(
        aanpak=vorig.aanpak,
        soort="vervolgonderzoek",
        vorig_onderzoek=vorig,
        jaar=2016,
        kader=vorig.kader,
    )
    vervolg.beoordelingen.filter(indicator__sleutel="doorzettingsmacht").update(niet_getoetst=True)
    Onderzoek.objects.filter(pk=vervolg.pk).update(status=Onderzoek.Status.VASTGESTELD)
    o = ontwikkeling_van_gemeente(oosterhout(demo))
    van_2014 = {v.sleutel: v.uitkomst for v in o.verbeterpunten if v.onderzoek.jaar == 2014}
    assert van_2014["doorzettingsmacht"] == Uitkomst.NIET_OPNIEUW


def test_csv_is_veilig_en_volledig(demo, client_als, inspecteur):
    gemeente = oosterhout(demo)
    b = Beoordeling.objects.get(
        onderzoek=demo[("Oosterhout", 2013)], indicator__sleutel="zicht-op-populatie"
    )
    b.bevinding.tekst = '=HYPERLINK("http://kwaad.example")'
    b.bevinding.save()
    antwoord = client_als(inspecteur).get(reverse("ontwikkeling:csv", args=[gemeente.pk]))
    assert antwoord["Content-Type"].startswith("text/csv")
    regels = antwoord.content.decode("utf-8-sig").strip().splitlines()
    assert len(regels) == 1 + 9
    assert (
        "'=HYPERLINK" in antwoord.content.decode()
        and ";=HYPERLINK" not in antwoord.content.decode()
    )
    assert sum("Opgelost" in r for r in regels) == 5


def test_onbekende_gemeente_404(client_als, inspecteur, db):
    assert (
        client_als(inspecteur).get(reverse("ontwikkeling:gemeente", args=[999999])).status_code
        == 404
    )
    assert client_als(inspecteur).get(reverse("ontwikkeling:csv", args=[999999])).status_code == 404


def test_aantal_queries_groeit_niet_met_de_data(
    demo, client_als, medewerker, django_assert_max_num_queries
):
    gemeente = oosterhout(demo)
    client = client_als(medewerker)
    url = reverse("ontwikkeling:gemeente", args=[gemeente.pk])
    with django_assert_max_num_queries(14) as weinig:
        assert client.get(url).status_code == 200
    # Three more completed follow-up rounds on new approaches of Oosterhout.
    vorig = demo[("Oosterhout", 2014)]
    for jaar in (2016, 2017, 2018):
        vorig = OnderzoekFactory(
            aanpak=vorig.aanpak,
            vervolg=False,
            soort="vervolgonderzoek",
            vorig_onderzoek=vorig,
            jaar=jaar,
            kader=vorig.kader,
            gescoord=True,
            verbeterpunten=1,
            status="gepubliceerd",
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(ontwikkeling_van_gemeente(gemeente).jaren) == 5


def test_index_noemt_alleen_gemeenten_met_afgeronde_onderzoeken(demo, client_als, medewerker):
    concept = OnderzoekFactory(aanpak__gemeente__naam="Conceptdorp")
    client = client_als(medewerker)
    tekst = client.get(reverse("ontwikkeling:index")).content.decode()
    assert all(naam in tekst for naam in ("Gouda", "Oosterhout", "Bergen op Zoom"))
    assert "Conceptdorp" not in tekst
    # Its own page exists, but shows nothing of the concept.
    pagina = client.get(reverse("ontwikkeling:gemeente", args=[concept.aanpak.gemeente_id]))
    assert "nog geen afgeronde onderzoeken" in pagina.content.decode()
