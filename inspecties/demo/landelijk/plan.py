"""The plan of the national dataset, before anything is stored: names, codes, which studies
each municipality gets in which year and in which status. Pure: no database."""

import random
from dataclasses import dataclass

from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.models import (
    AFGEROND,  # noqa: F401  (the national dataset's tests use it)
    Onderzoek,
)

# Real CBS codes run from GM0003 to GM1991 (2025): generated municipalities start above them, so
# they never pass for a real one, and stay below GM9000 (the test factories and the load test).
EERSTE_NUMMER = 2001
LAATSTE_NUMMER = 8999
GGSR = "ggsr-beleid"
WIJKTEAMS = "stelseltoezicht-wijkteams"
STANDAARD_SEED = 16

Soort = Onderzoek.Soort
Status = Onderzoek.Status
STAPPEN = (Status.TER_REVIEW, Status.VASTGESTELD, Status.GEPUBLICEERD)

PROVINCIES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
NAAM_BEGIN = (
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Hoog",
    "Laag",
    "Oud",
    "Nieuw",
    "Groot",
    "Klein",
    "Midden",
    "Wester",
    "Ooster",
    "Zuider",
    "Noorder",
    "Boven",
    "Neder",
    "Beek",
    "Berg",
)
NAAM_EIND = (
    "veen",
    "horst",
    "wijk",
    "dam",
    "dorp",
    "broek",
    "hoven",
    "zand",
    "meer",
    "berg",
    "stein",
    "rode",
    "lo",
    "schoten",
    "woude",
    "dijk",
    "hout",
    "velde",
    "mond",
)

AANPAKNAMEN = (
    "MPG-overleg",
    "Signalerings- en vangnetfunctie",
    "Gezinsmanagement",
    "Bemoeizorg",
    "Zorgnetwerk",
    "Multiprobleemgezinnen-aanpak",
)
OPVOLGERNAMEN = ("Sociale Wijkteams", "Centrum voor Jeugd en Gezin", "Eén gezin, één plan")
NETWERKPARTNERS = (
    "GGD",
    "MEE",
    "Bureau jeugdzorg",
    "AMK",
    "Maatschappelijk werk",
    "Politie",
    "Woningcorporatie",
    "Leger des Heils",
    "Veilig Thuis",
    "Schuldhulpverlening",
)

VOLDOET = (
    "Dit is het geval. De gemeente en de ondervraagde netwerkpartners zijn hierover eenduidig; "
    "de afspraken zijn vastgelegd en worden in de praktijk gevolgd.",
    "In de documenten van {gemeente} is dit beschreven en de netwerkpartners herkennen dit in de "
    "uitvoering van {aanpak}. Zij noemen dit uit zichzelf als sterk punt.",
    "De gemeente heeft dit opgenomen in haar beleidsnota. Twee van de drie netwerkpartners "
    "bevestigen dat hiernaar wordt gewerkt.",
    "De netwerkpartners geven aan dat dit binnen {aanpak} vanzelfsprekend is. De gemeente "
    "onderbouwt dit met de werkafspraken en het jaarverslag.",
)
VERBETERPUNT = (
    "Dit is niet het geval. De netwerkpartners geven aan dat hierover binnen {aanpak} geen "
    "afspraken zijn gemaakt; de gemeente bevestigt dit.",
    "De gemeente geeft aan dat hieraan wordt gewerkt, maar dit is nog niet vastgelegd. De "
    "netwerkpartners zijn het hierover niet met elkaar eens.",
    "Er is geen zicht op de mate waarin dit gebeurt. {gemeente} heeft dit niet onderzocht en de "
    "netwerkpartners kunnen het niet onderbouwen.",
    "Alleen in een deel van de gezinnen is dit het geval. Een eenduidige werkwijze ontbreekt en "
    "de netwerkpartners noemen dit als knelpunt.",
)
VERBETERD = (
    "Sinds het vorige onderzoek heeft {gemeente} dit vastgelegd in werkafspraken; de "
    "netwerkpartners bevestigen dat hiernaar wordt gewerkt.",
    "De gemeente heeft dit opgepakt. In de presentatie is getoond hoe {aanpak} dit nu regelt.",
)
LET_OP = (
    "Eén netwerkpartner omschrijft dit veel breder dan de gemeente.",
    "De afspraken zijn nog niet geëvalueerd.",
    "Dit hangt nu af van één coördinator; borg het in de werkwijze.",
)
GAAT_GOED = (
    "De netwerkpartners kennen elkaar en weten elkaar te vinden.",
    "Het gezin staat centraal; er wordt gewerkt met één plan per gezin.",
    "De gemeente voert de regie en spreekt partners aan op hun inzet.",
)
KAN_BETER = (
    "Leg de afspraken over de doelgroep vast en deel ze met alle partners.",
    "Evalueer de aanpak met de netwerkpartners en stuur bij op de resultaten.",
    "Betrek de gezinnen zelf bij de evaluatie van de aanpak.",
)
HOOFDSTUKKEN = (
    "Eén Gezin, één plan, één regisseur",
    "Toegang en toeleiding",
    "Samenwerking in de wijk",
)


class LandelijkeDatasetFout(ToezichtFout):
    """The data set cannot be generated here; the message says why, in Dutch."""


def cbs_codes(*, aantal: int, eerste_nummer: int = EERSTE_NUMMER) -> list[str]:
    """`aantal` codes from GM<eerste_nummer> on, within the generator's own range."""
    if aantal < 1 or eerste_nummer < EERSTE_NUMMER or eerste_nummer + aantal - 1 > LAATSTE_NUMMER:
        raise LandelijkeDatasetFout(
            f"Kies gemeenten met nummers van {EERSTE_NUMMER} tot en met {LAATSTE_NUMMER}."
        )
    return [f"GM{n:04d}" for n in range(eerste_nummer, eerste_nummer + aantal)]


def gemeentenaam(nummer: int) -> str:
    """A Dutch-sounding, unique name per number (Noordveen, Zuidveen, ..., Noordhorst, ...)."""
    i = nummer - EERSTE_NUMMER
    per_ronde = len(NAAM_BEGIN) * len(NAAM_EIND)
    naam = NAAM_BEGIN[i % len(NAAM_BEGIN)] + NAAM_EIND[(i // len(NAAM_BEGIN)) % len(NAAM_EIND)]
    return naam if i < per_ronde else f"{naam} {i // per_ronde + 1}"


@dataclass(frozen=True)
class Gepland:
    """One study in a municipality's plan: which year, what kind, on which approach."""

    jaar: int
    soort: str
    aanpak: int  # index into the municipality's approaches
    status: str
    vervolg_op: int | None = None  # index into the plan of the study it follows up


def status_kiezen(rng: random.Random, *, jaren_voor_einde: int) -> str:
    """Older years are published; the last two years hold what is still under way."""
    if jaren_voor_einde >= 2:
        return Status.GEPUBLICEERD
    r = rng.random()
    if jaren_voor_einde == 1:
        return Status.GEPUBLICEERD if r < 0.9 else Status.VASTGESTELD
    if r < 0.5:
        return Status.GEPUBLICEERD
    if r < 0.65:
        return Status.VASTGESTELD
    if r < 0.8:
        return Status.TER_REVIEW
    return Status.CONCEPT


def gemeente_plan(
    rng: random.Random, *, eerste_jaar: int, jaren: int, aanpakken: int, opvolger: bool
) -> list[Gepland]:
    """A beleidstoets, a year later its vervolgonderzoek, then the next approach's beleidstoets,
    its follow-up, and in the last year sometimes a toezichtonderzoek (wijkteams).

    With `opvolger` the second approach replaced the first, and the first follow-up is already
    on the successor (as Oosterhout's). A follow-up only follows an approved beleidstoets.
    """
    plan: list[Gepland] = []
    for k in range(jaren):
        status = status_kiezen(rng, jaren_voor_einde=jaren - 1 - k)
        aanpak = 1 if aanpakken > 1 and k >= 2 else 0
        vorige = plan[-1] if plan else None
        if (
            k % 2 == 1
            and vorige is not None
            and vorige.soort == Soort.BELEIDSTOETS
            and vorige.status in AFGEROND
        ):
            aanpak = 1 if opvolger else vorige.aanpak
            plan.append(Gepland(eerste_jaar + k, Soort.VERVOLGONDERZOEK, aanpak, status, k - 1))
        elif k == jaren - 1 and k > 0 and rng.random() < 0.35:
            plan.append(Gepland(eerste_jaar + k, Soort.TOEZICHTONDERZOEK, aanpak, status))
        else:
            plan.append(Gepland(eerste_jaar + k, Soort.BELEIDSTOETS, aanpak, status))
    return plan


def klein_pdf(regels: list[str]) -> bytes:
    """A valid one-page PDF with a few lines of text, written by hand (no renderer needed)."""

    def tekst(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stroom = (
        "BT /F1 12 Tf 16 TL 72 770 Td " + " ".join(f"({tekst(r)}) '" for r in regels) + " ET"
    ).encode("cp1252", "replace")
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stroom) + stroom + b"\nendstream",
    ]
    uit = bytearray(b"%PDF-1.4\n")
    posities = []
    for nummer, obj in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n" % nummer + obj + b"\nendobj\n"
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    uit += b"".join(b"%010d 00000 n \n" % p for p in posities)
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return bytes(uit)
