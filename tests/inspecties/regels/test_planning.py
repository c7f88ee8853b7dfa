"""Why a study is proposed for the calendar: the pure rule."""

from datetime import date

from inspecties.regels.planning import voorstel_redenen

VANDAAG = date(2015, 6, 1)


def redenen(**kwargs):
    standaard = {
        "publicatiedatum": date(2014, 3, 1),
        "deadline": date(2015, 3, 1),
        "heeft_verbeterpunten": True,
        "heeft_vervolg": False,
        "heeft_voortgang": False,
        "vandaag": VANDAAG,
    }
    return voorstel_redenen(**{**standaard, **kwargs})


def test_vervolg_aan_de_beurt_en_voortgang_te_laat():
    assert redenen() == [
        "Vervolgonderzoek aan de beurt sinds 01-03-2015",
        "Voortgangsrapportage te laat (uiterlijk 01-03-2015)",
    ]


def test_precies_een_jaar_na_publicatie_is_aan_de_beurt():
    assert redenen(publicatiedatum=date(2014, 6, 1), deadline=None) == [
        "Vervolgonderzoek aan de beurt sinds 01-06-2015"
    ]
    assert redenen(publicatiedatum=date(2014, 6, 2), deadline=None) == []


def test_met_vervolg_niets_meer():
    assert redenen(heeft_vervolg=True) == []


def test_zonder_verbeterpunten_geen_vervolg_wel_voortgang():
    assert redenen(heeft_verbeterpunten=False) == [
        "Voortgangsrapportage te laat (uiterlijk 01-03-2015)"
    ]


def test_voortgang_ontvangen_of_nog_niet_verlopen():
    assert redenen(heeft_voortgang=True) == ["Vervolgonderzoek aan de beurt sinds 01-03-2015"]
    assert redenen(deadline=VANDAAG) == ["Vervolgonderzoek aan de beurt sinds 01-03-2015"]


def test_niet_gepubliceerd():
    assert redenen(publicatiedatum=None, deadline=None) == []
