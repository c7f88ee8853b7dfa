"""What became of an earlier X: the pure rule, every branch."""

import pytest

from inspecties.regels.ontwikkeling import Herbeoordeling, Uitkomst, tellingen, uitkomst


@pytest.mark.parametrize(
    ("herbeoordeling", "verwacht"),
    [
        (None, Uitkomst.NOG_OPEN),  # no follow-up yet
        (Herbeoordeling(in_kader=True, zelfde_tekst=True, verbeterpunt=False), Uitkomst.OPGELOST),
        (Herbeoordeling(in_kader=True, zelfde_tekst=True, verbeterpunt=True), Uitkomst.NOG_OPEN),
        (
            Herbeoordeling(in_kader=True, zelfde_tekst=True, verbeterpunt=None),
            Uitkomst.NIET_OPNIEUW,
        ),
        (Herbeoordeling(in_kader=False, zelfde_tekst=False, verbeterpunt=None), Uitkomst.GEWIJZIGD),
        (Herbeoordeling(in_kader=True, zelfde_tekst=False, verbeterpunt=None), Uitkomst.GEWIJZIGD),
        # A score wins over a changed wording: the inspectors judged it after all.
        (Herbeoordeling(in_kader=True, zelfde_tekst=False, verbeterpunt=False), Uitkomst.OPGELOST),
        (Herbeoordeling(in_kader=True, zelfde_tekst=False, verbeterpunt=True), Uitkomst.NOG_OPEN),
    ],
)
def test_uitkomst(herbeoordeling, verwacht):
    assert uitkomst(herbeoordeling) is verwacht


def test_labels_zijn_nederlands():
    assert [u.label for u in Uitkomst] == [
        "Opgelost",
        "Nog open",
        "Indicator gewijzigd",
        "Niet opnieuw getoetst",
    ]


def test_tellingen_noemen_elke_uitkomst_ook_nul():
    assert tellingen([Uitkomst.OPGELOST, Uitkomst.OPGELOST, Uitkomst.GEWIJZIGD]) == {
        Uitkomst.OPGELOST: 2,
        Uitkomst.NOG_OPEN: 0,
        Uitkomst.GEWIJZIGD: 1,
        Uitkomst.NIET_OPNIEUW: 0,
    }
