from django.core.management import CommandError, call_command

import pytest

from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.models import Criterium, Indicator, Thema, Toetsingskader
from toetsingskader.services import toetsingskader_laden
from toetsingskader.yaml_io import KaderFout, lees_kader

GGSR = (MEEGELEVERD / "ggsr-beleid-2013.yaml").read_text(encoding="utf-8")
WIJKTEAMS = (MEEGELEVERD / "stelseltoezicht-wijkteams-2016.yaml").read_text(encoding="utf-8")


def tellingen():
    return (
        Toetsingskader.objects.count(),
        Thema.objects.count(),
        Criterium.objects.count(),
        Indicator.objects.count(),
    )


@pytest.mark.parametrize(
    ("sleutel", "versie", "aantallen", "voorbeeld_sleutels"),
    [
        ("ggsr-beleid", "2013", (5, 13, 30), ["zicht-op-populatie", "gezamenlijke-visie"]),
        ("stelseltoezicht-wijkteams", "2016", (3, 6, 16), ["hulpvraag-in-dialoog"]),
    ],
)
def test_meegeleverde_kaders_laden_met_alle_themas_criteria_en_indicatoren(
    db, sleutel, versie, aantallen, voorbeeld_sleutels
):
    call_command("laad_toetsingskader")
    kader = Toetsingskader.objects.get(sleutel=sleutel, versie=versie)
    assert (kader.themas.count(), kader.criteria.count(), kader.indicatoren.count()) == aantallen
    assert kader.status == Toetsingskader.Status.VASTGESTELD
    sleutels = set(kader.indicatoren.values_list("sleutel", flat=True))
    assert set(voorbeeld_sleutels) <= sleutels
    assert len(sleutels) == aantallen[2]


def test_ggsr_themas_in_volgorde_met_hun_sleutels(db):
    call_command("laad_toetsingskader")
    kader = Toetsingskader.objects.get(sleutel="ggsr-beleid")
    assert list(kader.themas.values_list("sleutel", flat=True)) == [
        "toeleiding",
        "gezin-centraal",
        "aanpak",
        "samenwerking",
        "continu",
    ]
    assert [(o.code, o.symbool, o.is_verbeterpunt) for o in kader.schaal.all()] == [
        ("voldoet", "√", False),
        ("verbeterpunt", "X", True),
    ]


def test_wijkteams_indicatoren_hebben_een_operationalisering(db):
    call_command("laad_toetsingskader")
    kader = Toetsingskader.objects.get(sleutel="stelseltoezicht-wijkteams")
    assert not kader.indicatoren.filter(operationalisering="").exists()


def test_tweede_keer_laden_verandert_niets(db):
    call_command("laad_toetsingskader")
    voor = list(Indicator.objects.order_by("id").values_list("id", "tekst"))
    kader, gewijzigd = toetsingskader_laden(tekst=GGSR, vaststellen=True)
    assert not gewijzigd
    assert list(Indicator.objects.order_by("id").values_list("id", "tekst")) == voor


def test_gewijzigd_bestand_onder_vastgestelde_versie_wordt_geweigerd(db):
    call_command("laad_toetsingskader")
    voor = tellingen()
    gewijzigd = GGSR.replace(
        "De gemeente heeft zicht op de populatie GGSR", "De gemeente kent de populatie GGSR"
    )
    with pytest.raises(KaderFout, match="vastgesteld en mag niet meer veranderen"):
        toetsingskader_laden(tekst=gewijzigd)
    assert tellingen() == voor
    assert Indicator.objects.filter(tekst="De gemeente heeft zicht op de populatie GGSR").exists()


def regel_van(tekst: str, fragment: str) -> int:
    return next(i for i, r in enumerate(tekst.splitlines(), start=1) if fragment in r)


def test_ontbrekend_veld_wordt_gemeld_met_regel_en_plek(db):
    kapot = GGSR.replace(
        "          - sleutel: zicht-op-populatie\n            tekst: De gemeente heeft zicht op de populatie GGSR\n",
        "          - sleutel: zicht-op-populatie\n",
    )
    with pytest.raises(KaderFout) as fout:
        lees_kader(kapot)
    [probleem] = fout.value.problemen
    assert probleem.regel == regel_van(kapot, "sleutel: zicht-op-populatie")
    assert "‘tekst’ ontbreekt" in probleem.melding
    assert "ggsr-in-beeld" in probleem.plek


def test_dubbele_sleutel_wordt_gemeld_met_beide_regels(db):
    kapot = GGSR.replace("sleutel: zicht-op-populatie", "sleutel: zelfde-omschrijving-ggsr")
    with pytest.raises(KaderFout) as fout:
        lees_kader(kapot)
    [probleem] = fout.value.problemen
    eerste = regel_van(GGSR, "sleutel: zelfde-omschrijving-ggsr")
    assert probleem.regel == regel_van(GGSR, "sleutel: zicht-op-populatie")
    assert f"eerder op regel {eerste}" in probleem.melding


def test_kapotte_yaml_wordt_gemeld_met_regel(db):
    regels = GGSR.splitlines()
    doel = regel_van(GGSR, "naam: GGSR zijn in beeld")
    regels[doel - 1] = regels[doel - 1] + ": [niet gesloten"
    with pytest.raises(KaderFout) as fout:
        lees_kader("\n".join(regels))
    [probleem] = fout.value.problemen
    assert probleem.regel is not None and abs(probleem.regel - doel) <= 1
    assert "ongeldige YAML" in probleem.melding


def test_dubbele_schaaloptie_wordt_gemeld(db):
    kapot = GGSR.replace("  - code: verbeterpunt", "  - code: voldoet")
    with pytest.raises(KaderFout, match="schaaloptie ‘voldoet’ komt dubbel voor"):
        lees_kader(kapot)


@pytest.mark.parametrize(
    "vervanging",
    [
        ("            tekst: De gemeente heeft zicht op de populatie GGSR\n", ""),
        ("sleutel: zicht-op-populatie", "sleutel: zelfde-omschrijving-ggsr"),
        ("naam: GGSR zijn in beeld", "naam: GGSR zijn in beeld: [kapot"),
    ],
    ids=["ontbrekend-veld", "dubbele-sleutel", "kapotte-yaml"],
)
def test_commando_weigert_slecht_bestand_en_laat_database_ongemoeid(db, tmp_path, vervanging):
    call_command("laad_toetsingskader", str(MEEGELEVERD / "stelseltoezicht-wijkteams-2016.yaml"))
    voor = tellingen()
    pad = tmp_path / "kapot.yaml"
    pad.write_text(GGSR.replace('versie: "2013"', 'versie: "2099"').replace(*vervanging))
    with pytest.raises(CommandError, match=r"kapot.yaml is niet geladen:\n  regel \d+"):
        call_command("laad_toetsingskader", str(pad))
    assert tellingen() == voor
    assert not Toetsingskader.objects.filter(versie="2099").exists()


def test_een_nul_teken_in_een_kader_wordt_met_de_regel_gemeld(db):
    """PostgreSQL cannot store NUL: a framework with one is refused with its line, in Dutch."""
    regels = GGSR.replace('versie: "2013"', 'versie: "2099"').splitlines()
    nummer = next(i for i, r in enumerate(regels) if r.strip().startswith("tekst:"))
    ontsnapt = regels.copy()
    ontsnapt[nummer] = ontsnapt[nummer].split("tekst:")[0] + 'tekst: "Nul\\0hier"'
    letterlijk = regels.copy()
    letterlijk[nummer] += "\x00"
    for tekst, melding in (
        ("\n".join(ontsnapt), "NUL-teken"),
        ("\n".join(letterlijk), "ongeldig teken"),
    ):
        with pytest.raises(KaderFout) as fout:
            toetsingskader_laden(tekst=tekst)
        assert f"regel {nummer + 1}" in str(fout.value) and melding in str(fout.value)
        assert "unacceptable" not in str(fout.value)
    assert not Toetsingskader.objects.filter(versie="2099").exists()


# --- Hostile framework files (issue 12) ------------------------------------------------------


def alias_bom(n: int = 50) -> str:
    """A well-formed framework of n themes x n criteria x n indicators, each an alias of one
    block: under 700 bytes, yet n**3 (125,000) indicators for the checks to walk."""
    return (
        'sleutel: bom\nversie: "1"\nnaam: Bom\n'
        "schaal: [{code: v, symbool: v, label: v}, {code: x, symbool: X, label: x}]\n"
        "i: &i {sleutel: i, tekst: t}\n"
        f"c: &c {{sleutel: c, naam: c, indicatoren: [{','.join(['*i'] * n)}]}}\n"
        f"t: &t {{sleutel: t, naam: t, criteria: [{','.join(['*c'] * n)}]}}\n"
        f"themas: [{','.join(['*t'] * n)}]\n"
    )


def test_yaml_aliasbom_wordt_snel_geweigerd_zonder_geheugen_te_vragen(db):
    import tracemalloc

    bom = alias_bom()
    assert len(bom) < 712
    tracemalloc.start()
    try:
        with pytest.raises(KaderFout) as fout:
            lees_kader(bom)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 2 * 1024 * 1024
    [probleem] = fout.value.problemen
    assert probleem.regel == 5  # the first anchor
    assert "ankers en verwijzingen" in probleem.melding


def test_yaml_anker_zonder_verwijzing_wordt_ook_geweigerd(db):
    kapot = GGSR.replace("naam: GGSR zijn in beeld", "naam: &n GGSR zijn in beeld")
    with pytest.raises(KaderFout, match="ankers en verwijzingen") as fout:
        lees_kader(kapot)
    assert fout.value.problemen[0].regel == regel_van(kapot, "naam: &n GGSR")


def test_te_groot_kaderbestand_wordt_geweigerd_voor_het_lezen(db, tmp_path):
    groot = GGSR + "#" + "x" * (1024 * 1024) + "\n"
    with pytest.raises(KaderFout, match="groter dan 1 MB"):
        lees_kader(groot)
    pad = tmp_path / "groot.yaml"
    pad.write_text(groot, encoding="utf-8")
    with pytest.raises(CommandError, match="groter dan 1 MB"):
        call_command("laad_toetsingskader", str(pad))
    assert not Toetsingskader.objects.exists()


def test_aliasbom_via_de_beheerimport_geeft_een_melding_in_de_pagina(db, client, beheerder):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.conftest import inloggen

    inloggen(client, beheerder)
    antwoord = client.post(
        reverse("admin:toetsingskader_importeren"),
        {"bestand": SimpleUploadedFile("bom.yaml", alias_bom().encode())},
    )
    assert antwoord.status_code == 400
    assert "ankers en verwijzingen" in antwoord.text
    assert not Toetsingskader.objects.exists()
