import copy

from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.verschil import kader_verschil
from toetsingskader.yaml_io import IndicatorData, lees_kader

GGSR = lees_kader((MEEGELEVERD / "ggsr-beleid-2013.yaml").read_text(encoding="utf-8"))


def criterium(kader, sleutel):
    return next(c for t in kader.themas for c in t.criteria if c.sleutel == sleutel)


def test_zelfde_versie_heeft_geen_verschil():
    verschil = kader_verschil(GGSR, copy.deepcopy(GGSR))
    assert verschil.is_leeg
    assert verschil.aantal_ongewijzigd == 30


def test_toegevoegd_verwijderd_herformuleerd_en_verplaatst():
    nieuw = copy.deepcopy(GGSR)
    in_beeld = criterium(nieuw, "ggsr-in-beeld")
    in_beeld.indicatoren[1].tekst = "De gemeente kent de omvang van de populatie GGSR"
    bereikt = criterium(nieuw, "aanpak-bereikt-gezinnen")
    weg = bereikt.indicatoren.pop(1)  # partijen-melden-aan
    verhuisd = criterium(nieuw, "planmatig").indicatoren.pop(0)  # gezamenlijke-visie
    bereikt.indicatoren.append(verhuisd)
    in_beeld.indicatoren.insert(0, IndicatorData("registratie-ggsr", "Er is een registratie"))

    verschil = kader_verschil(GGSR, nieuw)

    assert [p.sleutel for p in verschil.toegevoegd] == ["registratie-ggsr"]
    assert [p.sleutel for p in verschil.verwijderd] == [weg.sleutel]
    [(oud, herschreven)] = verschil.herformuleerd
    assert oud.tekst == "De gemeente heeft zicht op de populatie GGSR"
    assert herschreven.tekst == "De gemeente kent de omvang van de populatie GGSR"
    # The insertion above the reworded one does not count as moving it.
    assert [(o.criterium_sleutel, n.criterium_sleutel) for o, n in verschil.verplaatst] == [
        ("planmatig", "aanpak-bereikt-gezinnen")
    ]


def test_volgorde_wisselen_binnen_een_criterium_is_verplaatsen():
    nieuw = copy.deepcopy(GGSR)
    c = criterium(nieuw, "ggsr-in-beeld")
    c.indicatoren.reverse()
    verschil = kader_verschil(GGSR, nieuw)
    assert len(verschil.verplaatst) == 1
    assert not verschil.herformuleerd
