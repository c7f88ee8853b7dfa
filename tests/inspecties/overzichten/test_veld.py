"""The field summary (issue 15): shares of X per indicator and theme, against the year before,
checked against the scores themselves."""

from collections import defaultdict

from inspecties.models import Beoordeling, Onderzoek
from inspecties.overzichten.selectors import veldoverzicht
from tests.factories import OnderzoekFactory


def _aandelen(jaar: int):
    """(per indicator key, per theme key) -> [X, scored], straight from the scores."""
    per_indicator, per_thema = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for b in Beoordeling.objects.filter(
        onderzoek__jaar=jaar,
        onderzoek__status__in=["vastgesteld", "gepubliceerd"],
        optie__isnull=False,
    ).select_related("optie", "indicator__criterium__thema", "onderzoek"):
        if b.onderzoek.soort == Onderzoek.Soort.VERVOLGONDERZOEK:
            continue
        for teller in (
            per_indicator[b.indicator.sleutel],
            per_thema[b.indicator.criterium.thema.sleutel],
        ):
            teller[0] += b.optie.is_verbeterpunt
            teller[1] += 1
    return per_indicator, per_thema


def test_aandeel_x_per_indicator_en_thema_in_2013(demo):
    veld = veldoverzicht(jaar=2013)
    assert (veld.onderzoeken, veld.vorig_onderzoeken) == (2, 0)  # Gouda, Oosterhout
    per_indicator, per_thema = _aandelen(2013)
    assert {r.sleutel: [r.x, r.n] for r in veld.indicatoren} == dict(per_indicator)
    assert {r.sleutel: [r.x, r.n] for r in veld.themas} == dict(per_thema)
    assert len(veld.indicatoren) == 30 and len(veld.themas) == 5
    for r in veld.indicatoren + veld.themas:
        assert r.procent == round(100 * r.x / r.n, 1)
        assert r.verschil is None  # nothing in 2012
    # Sorted: highest share of X first.
    assert [r.procent for r in veld.indicatoren] == sorted(
        (r.procent for r in veld.indicatoren), reverse=True
    )
    assert [r.procent for r in veld.themas] == sorted(
        (r.procent for r in veld.themas), reverse=True
    )


def test_vervolgonderzoeken_en_concepten_tellen_niet_mee(demo):
    # 2014 holds only Oosterhout's follow-up: no first assessment, so no field summary rows.
    assert veldoverzicht(jaar=2014).indicatoren == []
    gouda = demo[("Gouda", 2013)]
    OnderzoekFactory(aanpak=gouda.aanpak, kader=gouda.kader, jaar=2014, gescoord=True)
    assert veldoverzicht(jaar=2014).indicatoren == []


def test_verschil_met_het_jaar_ervoor(demo):
    gouda = demo[("Gouda", 2013)]
    OnderzoekFactory(
        aanpak=gouda.aanpak, kader=gouda.kader, jaar=2014, gepubliceerd=True, verbeterpunten=30
    )
    veld = veldoverzicht(jaar=2014)
    assert veld.jaren == [2014, 2013] and (veld.onderzoeken, veld.vorig_onderzoeken) == (1, 2)
    vorig, _ = _aandelen(2013)
    for r in veld.indicatoren:
        assert (r.x, r.n, r.procent) == (1, 1, 100.0)
        assert (r.vorig_x, r.vorig_n) == tuple(vorig[r.sleutel])
        assert r.verschil == round(100 - 100 * vorig[r.sleutel][0] / 2, 1)
    # Every indicator at 100%: ties sorted in the framework's order.
    assert [r.volgorde for r in veld.indicatoren] == sorted(r.volgorde for r in veld.indicatoren)


def test_standaard_het_nieuwste_jaar_en_een_vast_aantal_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(3):
        veld = veldoverzicht()
    # Bergen op Zoom's 2017 toezichtonderzoek tells its report in chapters, scoring nothing.
    assert veld.jaar == 2013 and veld.jaren == [2013]


def test_zonder_onderzoeken(kaders, django_assert_num_queries):
    with django_assert_num_queries(1):
        veld = veldoverzicht()
    assert veld.jaar is None and veld.indicatoren == []


def test_het_jaar_ervoor_is_het_vorige_jaar_met_eerste_beoordelingen(demo):
    """2014 holds only a follow-up: 2016 is compared with 2013."""
    gouda = demo[("Gouda", 2013)]
    OnderzoekFactory(
        aanpak=gouda.aanpak, kader=gouda.kader, jaar=2016, gepubliceerd=True, verbeterpunten=0
    )
    veld = veldoverzicht(jaar=2016)
    assert (veld.vorig_jaar, veld.vorig_onderzoeken) == (2013, 2)
    thema = veld.themas[0]
    assert thema.procent == 0 and thema.verschil == -thema.vorig_procent < 0
