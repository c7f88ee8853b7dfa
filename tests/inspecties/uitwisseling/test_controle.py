"""The pure check of an exchange file: every problem with its line, hostile input refused."""

import pytest

from inspecties.uitwisseling.controle import bestand_controleren
from inspecties.uitwisseling.lezen import MAX_TEKENS
from tests.inspecties.uitwisseling.conftest import KLEIN, demo_tekst


@pytest.mark.parametrize(
    "naam",
    [
        "gouda-2013-mpg-overleg.yaml",
        "oosterhout-2013-2014.yaml",
        "bergen-op-zoom-2017-wijkteams.yaml",
    ],
)
def test_de_demobestanden_zijn_in_orde(kaders_zonder_db, naam):
    controle = bestand_controleren(demo_tekst(naam), kaders=kaders_zonder_db)
    assert controle.problemen == []


def test_een_klein_bestand_is_in_orde(kaders_zonder_db):
    assert bestand_controleren(KLEIN, kaders=kaders_zonder_db).problemen == []


def regel_van(tekst: str, stukje: str) -> int:
    return next(i for i, r in enumerate(tekst.splitlines(), start=1) if stukje in r)


def test_drie_fouten_geven_drie_problemen_met_hun_regel(kaders_zonder_db):
    slecht = (
        KLEIN.replace("soort: beleidstoets", "soort: beleidstoest")  # schema: not a choice
        .replace("{zicht-op-populatie: voldoet}", "{zicht-op-populatie: prima}")  # no such code
        .replace("  provincie: Utrecht\n", "  provincie: Utrecht\n  burgemeester: Jan\n")  # unknown
    )
    problemen = bestand_controleren(slecht, kaders=kaders_zonder_db).problemen
    assert [(p.regel, p.melding.split(";")[0]) for p in problemen] == [
        (regel_van(slecht, "burgemeester"), "onbekend veld ‘burgemeester’"),
        (regel_van(slecht, "beleidstoest"), "‘beleidstoest’ is geen geldige keuze"),
        (regel_van(slecht, "prima"), "oordeel ‘prima’ bestaat niet"),
    ]
    assert "regel" in str(problemen[0]) and "gemeente > burgemeester" in str(problemen[0])


def test_verwijzingen_en_scope_worden_gecontroleerd(kaders_zonder_db):
    slecht = KLEIN.replace("vorig: archief-2013", "vorig: archief-2012").replace(
        '{sleutel: ggsr-beleid, versie: "2013"}\n    status: concept',
        '{sleutel: ggsr-beleid, versie: "2099"}\n    status: concept',
    )
    meldingen = [p.melding for p in bestand_controleren(slecht, kaders=kaders_zonder_db).problemen]
    assert any("archief-2012" in m for m in meldingen)
    assert any("versie 2099 bestaat niet" in m for m in meldingen)

    buiten_scope = KLEIN.replace("{zicht-op-populatie: voldoet}", "{eigen-kracht: voldoet}")
    meldingen = [
        p.melding for p in bestand_controleren(buiten_scope, kaders=kaders_zonder_db).problemen
    ]
    assert meldingen == [
        "indicator ‘eigen-kracht’ wordt in dit vervolgonderzoek niet opnieuw getoetst "
        "(geen verbeterpunt in het vorig onderzoek)"
    ]


def test_een_alias_bom_wordt_geweigerd_zonder_uit_te_pakken(kaders_zonder_db):
    bom = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    problemen = bestand_controleren(bom, kaders=kaders_zonder_db).problemen
    assert len(problemen) == 1
    assert problemen[0].regel == 1 and "anker" in problemen[0].melding


def test_veel_verwijzingen_naar_een_lange_tekst_worden_geweigerd(kaders_zonder_db):
    lang = "t: &t " + "x" * 100_000 + "\nl: [" + ", ".join(["*t"] * 30) + "]\n"
    problemen = bestand_controleren(lang, kaders=kaders_zonder_db).problemen
    assert "te veel tekst" in problemen[0].melding


def test_een_te_groot_bestand_wordt_niet_gelezen(kaders_zonder_db):
    problemen = bestand_controleren("#" * (MAX_TEKENS + 1), kaders=kaders_zonder_db).problemen
    assert [p.melding for p in problemen] == [
        "het bestand is groter dan 2 MB en wordt niet gelezen"
    ]


def test_nul_tekens_en_stuurtekens_worden_gemeld_met_hun_regel(kaders_zonder_db):
    met_nul = KLEIN.replace("Zoals het was.", '"Zoals\\0het was."')
    problemen = bestand_controleren(met_nul, kaders=kaders_zonder_db).problemen
    assert [(p.regel, p.melding) for p in problemen] == [
        (regel_van(met_nul, "Zoals"), "bevat een NUL-teken; verwijder het")
    ]
    rauw = KLEIN.replace("Zoals het was.", "Zoals\x00het was.")
    problemen = bestand_controleren(rauw, kaders=kaders_zonder_db).problemen
    assert (
        problemen[0].regel == regel_van(KLEIN, "Zoals") and "ongeldig teken" in problemen[0].melding
    )


def test_geen_yaml_of_geen_blok(kaders_zonder_db):
    assert (
        "ongeldige YAML"
        in bestand_controleren("a: [", kaders=kaders_zonder_db).problemen[0].melding
    )
    assert "blok velden" in bestand_controleren("- a", kaders=kaders_zonder_db).problemen[0].melding
    dubbel = KLEIN.replace("  inwoners: 12000\n", "  inwoners: 12000\n  inwoners: 13000\n")
    assert [p.melding for p in bestand_controleren(dubbel, kaders=kaders_zonder_db).problemen] == [
        "dit veld staat er twee keer"
    ]


def test_diep_geneste_lijsten_worden_geweigerd(kaders_zonder_db):
    diep = "formaat: " + "[" * 5000 + "]" * 5000 + "\n"
    problemen = bestand_controleren(diep, kaders=kaders_zonder_db).problemen
    assert [p.melding for p in problemen] == ["het bestand is te diep genest"]
