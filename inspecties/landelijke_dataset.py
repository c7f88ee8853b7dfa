"""A national-scale data set (issue 16): 342 municipalities with five years of studies.

Fills a database that holds the frameworks (and optionally the demo) with generated
municipalities, approaches, studies in every status, scores, findings, theme conclusions,
chapters, status history, progress reports and users, so that pages, exports and overviews can be
measured and query-bound tested at the size the inspectorates work at. Each study is made by
`onderzoek_aanmaken`, which decides its rows (a follow-up re-scores exactly last time's X); the
volume of scores and findings is then written in bulk, with simple-history records as the app's
own saves would leave them. `manage.py landelijke_dataset` runs it.
"""

import hashlib
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.demo import DEMO_WACHTWOORD
from inspecties.models import (
    Beoordeling,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    StatusWijziging,
    ThemaConclusie,
    Voortgangsrapportage,
    voortgangsrapportage_pad,
)
from inspecties.rollen import Rol, rol_groep
from inspecties.services import onderzoek_aanmaken, standaard_voortgang_deadline
from inspecties.uploads import PDF
from toetsingskader.models import Schaaloptie, Toetsingskader

# Real CBS codes run from GM0003 to GM1991 (2025): generated municipalities start above them, so
# they never pass for a real one, and stay below GM9000 (the test factories and the load test).
EERSTE_NUMMER = 2001
LAATSTE_NUMMER = 8999
GGSR = "ggsr-beleid"
WIJKTEAMS = "stelseltoezicht-wijkteams"
STANDAARD_SEED = 16

Soort = Onderzoek.Soort
Status = Onderzoek.Status
AFGEROND = (Status.VASTGESTELD, Status.GEPUBLICEERD)
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


class LandelijkeDatasetFout(Exception):
    """The data set cannot be generated here; the message says why, in Dutch."""


# --- Pure parts: names, codes and the plan of each municipality's five years ---------------


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


# --- Writing --------------------------------------------------------------------------------


@dataclass
class Samenvatting:
    """What a run made, for the command to print."""

    gemeenten: int = 0
    aanpakken: int = 0
    onderzoeken: Counter = field(default_factory=Counter)  # (soort, status) -> count
    beoordelingen: int = 0
    gescoord: int = 0
    bevindingen: int = 0
    voortgangsrapportages: int = 0
    gebruikers: int = 0
    bevroren: int = 0
    seconden: float = 0.0

    @property
    def aantal_onderzoeken(self) -> int:
        return sum(self.onderzoeken.values())


@dataclass
class _Kader:
    kader: Toetsingskader
    voldoet: Schaaloptie
    verbeterpunt: Schaaloptie


def _kader(sleutel: str) -> _Kader:
    kader = (
        Toetsingskader.objects.filter(sleutel=sleutel, status=Toetsingskader.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )
    if kader is None:
        raise LandelijkeDatasetFout(
            f"Het toetsingskader ‘{sleutel}’ is niet geladen of niet vastgesteld. "
            "Draai eerst: manage.py laad_toetsingskader"
        )
    schaal = list(kader.schaal.all())
    return _Kader(
        kader=kader,
        voldoet=next(o for o in schaal if not o.is_verbeterpunt),
        verbeterpunt=next(o for o in schaal if o.is_verbeterpunt),
    )


def _moment(jaar: int, rng: random.Random, *, na: datetime | None = None) -> datetime:
    """A working-hours moment in `jaar` (after `na`, if given), as an aware datetime."""
    if na is not None:
        return na + timedelta(days=rng.randint(3, 30), hours=rng.randint(0, 6))
    dag = date(jaar, 1, 1) + timedelta(days=rng.randint(20, 200))
    return timezone.make_aware(
        datetime.combine(dag, time(9 + rng.randint(0, 7), rng.randint(0, 59)))
    )


def _rollen_geven(gebruikers, rol: str) -> None:
    """Group membership in bulk: a generated user is no role change worth an audit entry."""
    groep = rol_groep(rol)
    Through = get_user_model().groups.through
    Through.objects.bulk_create(
        [Through(user_id=g.pk, group_id=groep.pk) for g in gebruikers], ignore_conflicts=True
    )


def _gebruikers(namen: list[tuple[str, str, str]], rol: str, wachtwoord: str) -> list:
    """Users by (username, first name, last name), created when missing, all in role `rol`."""
    User = get_user_model()
    bestaand = {u.username: u for u in User.objects.filter(username__in=[n[0] for n in namen])}
    nieuw = [
        User(
            username=naam,
            first_name=voornaam,
            last_name=achternaam,
            email=f"{naam}@example.org",
            password=wachtwoord,
        )
        for naam, voornaam, achternaam in namen
        if naam not in bestaand
    ]
    User.objects.bulk_create(nieuw)
    gebruikers = list(User.objects.filter(username__in=[n[0] for n in namen]).order_by("username"))
    _rollen_geven(gebruikers, rol)
    return gebruikers


@dataclass
class _Gescoord:
    beoordelingen: list[Beoordeling] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)
    koppelingen: list[tuple[Beoordeling, Bevinding]] = field(default_factory=list)


def _rijen_scoren(
    uit: _Gescoord,
    *,
    onderzoek: Onderzoek,
    rijen: list[Beoordeling],
    kader: _Kader,
    rng: random.Random,
    aantal: int,
    kans_x: float,
    door,
    moment: datetime,
) -> None:
    """Score the first `aantal` rows with a finding each, as inspectors leave them.

    Adjacent indicators of one criterion with the same score sometimes share one finding (as
    the Gouda factsheet does), and some findings carry a LET OP. In a follow-up every row was
    an X last time: most are now resolved.
    """
    woorden = {"gemeente": onderzoek.aanpak.gemeente.naam, "aanpak": onderzoek.aanpak.naam}
    vorige: Beoordeling | None = None
    vorige_bevinding: Bevinding | None = None
    for b in rijen[:aantal]:
        if onderzoek.is_vervolg:
            x = rng.random() < 0.4
            zinnen = VERBETERPUNT if x else VERBETERD
        else:
            x = rng.random() < kans_x
            zinnen = VERBETERPUNT if x else VOLDOET
        b.optie = kader.verbeterpunt if x else kader.voldoet
        b.versie += 1
        b._history_user, b._history_date = door, moment
        if (
            vorige is not None
            and vorige_bevinding is not None
            and vorige.indicator.criterium_id == b.indicator.criterium_id
            and vorige.optie_id == b.optie.pk
            and rng.random() < 0.2
        ):
            bevinding = vorige_bevinding  # one text for adjacent indicators
        else:
            bevinding = Bevinding(
                onderzoek=onderzoek,
                tekst=rng.choice(zinnen).format(**woorden),
                let_op=rng.choice(LET_OP) if rng.random() < 0.12 else "",
            )
            bevinding._history_user, bevinding._history_date = door, moment
            uit.bevindingen.append(bevinding)
        uit.koppelingen.append((b, bevinding))
        uit.beoordelingen.append(b)
        vorige, vorige_bevinding = b, bevinding


def _bijwerken(model, objecten: list, velden: list[str], *, historie: bool = True) -> None:
    """UPDATE `velden` of each object by its pk in one executemany, and (`historie`) write the
    history record a save would, as simple-history's bulk_update_with_history does.

    Django's bulk_update builds a CASE WHEN per row and field, which took most of the time of
    the whole generator; a prepared UPDATE per row is an order of magnitude faster.
    """
    if not objecten:
        return
    kolommen = [model._meta.get_field(v) for v in velden]
    naam = connection.ops.quote_name
    sql = (
        f"UPDATE {naam(model._meta.db_table)} SET "
        + ", ".join(f"{naam(k.column)} = %s" for k in kolommen)
        + f" WHERE {naam(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [k.get_db_prep_save(getattr(o, k.attname), connection) for k in kolommen] + [o.pk]
                for o in objecten
            ],
        )
    if historie:
        get_history_manager_for_model(model).bulk_history_create(
            objecten, batch_size=1000, update=True
        )


def _gescoord_opslaan(uit: _Gescoord) -> None:
    bulk_create_with_history(uit.bevindingen, Bevinding, batch_size=1000)
    for b, bevinding in uit.koppelingen:
        b.bevinding_id = bevinding.pk
    _bijwerken(Beoordeling, uit.beoordelingen, ["optie", "bevinding", "versie"])


def _rijen_per_onderzoek(onderzoek_ids) -> dict[int, list[Beoordeling]]:
    rijen: dict[int, list[Beoordeling]] = defaultdict(list)
    for b in (
        Beoordeling.objects.filter(onderzoek_id__in=onderzoek_ids)
        .select_related("indicator")
        .order_by(
            "onderzoek_id",
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
            "indicator_id",
        )
    ):
        rijen[b.onderzoek_id].append(b)
    return rijen


def concept_beleidstoets_maken(
    *, aanpak: Aanpak, jaar: int, inspecteurs, gescoord: int = 24, seed: int = STANDAARD_SEED
) -> Onderzoek:
    """A concept beleidstoets on the GGSR framework as inspectors leave it midway: the first
    `gescoord` indicators scored with findings. The benchmarks' scoring page uses one."""
    kader = _kader(GGSR)
    rng = random.Random(f"{seed}-concept-{aanpak.pk}-{jaar}")
    onderzoek = onderzoek_aanmaken(
        aanpak=aanpak,
        kader=kader.kader,
        soort=Soort.BELEIDSTOETS,
        jaar=jaar,
        inspecteurs=inspecteurs,
    )
    uit = _Gescoord()
    _rijen_scoren(
        uit,
        onderzoek=onderzoek,
        rijen=_rijen_per_onderzoek([onderzoek.pk])[onderzoek.pk],
        kader=kader,
        rng=rng,
        aantal=gescoord,
        kans_x=0.35,
        door=inspecteurs[0] if inspecteurs else None,
        moment=timezone.now(),
    )
    _gescoord_opslaan(uit)
    return onderzoek


class _Generator:
    """One run. Per year: create that year's studies through onderzoek_aanmaken, then write
    their scores, texts and status history in bulk, so next year's follow-ups find them."""

    def __init__(self, *, codes, eerste_jaar, jaren, seed, aantal_inspecteurs, melden):
        self.codes = codes
        self.eerste_jaar = eerste_jaar
        self.jaren = jaren
        self.seed = seed
        self.aantal_inspecteurs = aantal_inspecteurs
        self.melden = melden
        self.samenvatting = Samenvatting()
        self.opgeslagen_bestanden: list[str] = []

    def rng(self, *delen) -> random.Random:
        """A generator per municipality (and purpose): its data do not depend on how many
        other municipalities are generated, so a small set is the start of a large one."""
        return random.Random("-".join(str(d) for d in (self.seed, *delen)))

    def draaien(self) -> Samenvatting:
        self.ggsr = _kader(GGSR)
        self.wijkteams = _kader(WIJKTEAMS)
        self.wachtwoord = make_password(DEMO_WACHTWOORD)
        self.inspecteurs = _gebruikers(
            [
                (f"landelijk-inspecteur-{i:02d}", "Inspecteur", f"{i:02d}")
                for i in range(1, self.aantal_inspecteurs + 1)
            ],
            Rol.INSPECTEUR,
            self.wachtwoord,
        )
        self.partners = [Netwerkpartner.objects.get_or_create(naam=n)[0] for n in NETWERKPARTNERS]
        self.gemeenten_maken()
        self.gemeentegebruikers_maken()
        self.plannen = {
            g.pk: gemeente_plan(
                self.rng(g.cbs_code, "plan"),
                eerste_jaar=self.eerste_jaar,
                jaren=self.jaren,
                aanpakken=len(self.aanpakken[g.pk]),
                opvolger=g.pk in self.met_opvolger,
            )
            for g in self.gemeenten
        }
        # Per gemeente, in the order of its plan (a follow-up names its study by that index).
        self.onderzoeken: dict[int, list[Onderzoek]] = defaultdict(list)
        for k in range(self.jaren):
            self.jaar_maken(k)
            self.melden(
                f"  {self.eerste_jaar + k}: {self.samenvatting.aantal_onderzoeken} onderzoeken"
            )
        self.voortgang_maken()
        return self.samenvatting

    def gemeenten_maken(self) -> None:
        gemeenten = []
        for code in self.codes:
            rng = self.rng(code, "gemeente")
            provincie = PROVINCIES[int(code[2:]) % len(PROVINCIES)]
            naam = gemeentenaam(int(code[2:]))
            inwoners = int(10 ** rng.uniform(3.8, 5.6))
            g = Gemeente(
                naam=naam,
                cbs_code=code,
                provincie=provincie,
                inwoners=inwoners,
                regio=f"{provincie} {rng.choice(('Noord', 'Zuid', 'Oost', 'West', 'Midden'))}",
                context=(
                    f"{naam} is een gemeente met ongeveer {inwoners:,} inwoners in de provincie "
                    f"{provincie}.".replace(",", ".")
                    + "\n\nDe gemeente geeft aan dat zij beperkt zicht heeft op de omvang van de "
                    "groep gezinnen met geringe sociale redzaamheid."
                ),
            )
            g.full_clean()  # the model's own rules: a valid, unique CBS code
            gemeenten.append(g)
        self.gemeenten = Gemeente.objects.bulk_create(gemeenten)
        self.samenvatting.gemeenten = len(self.gemeenten)

        aanpakken, opvolgers = [], []
        self.met_opvolger: set[int] = set()
        for g in self.gemeenten:
            rng = self.rng(g.cbs_code, "aanpak")
            eerste = Aanpak(
                gemeente=g,
                naam=rng.choice(AANPAKNAMEN),
                beschrijving=f"{g.naam} werkt met een integrale aanpak rondom het gezin: "
                "‘1 huishouden, 1 plan, 1 zorgcoördinator’.",
            )
            aanpakken.append(eerste)
            if rng.random() < 0.6:
                tweede = Aanpak(
                    gemeente=g,
                    naam=rng.choice(OPVOLGERNAMEN),
                    beschrijving=f"Sinds de decentralisaties werkt {g.naam} met wijkteams.",
                )
                aanpakken.append(tweede)
                if rng.random() < 0.5:
                    opvolgers.append((tweede, eerste))
                    self.met_opvolger.add(g.pk)
        Aanpak.objects.bulk_create(aanpakken)
        Through = Aanpak.vervangt.through
        Through.objects.bulk_create(
            [Through(from_aanpak_id=nieuw.pk, to_aanpak_id=oud.pk) for nieuw, oud in opvolgers]
        )
        self.aanpakken: dict[int, list[Aanpak]] = defaultdict(list)
        for a in aanpakken:
            self.aanpakken[a.gemeente_id].append(a)
        self.samenvatting.aanpakken = len(aanpakken)

    def gemeentegebruikers_maken(self) -> None:
        """One civil servant per municipality, and per province a regional one for up to five."""
        per_naam = {f"gemeente-{g.cbs_code.lower()}": g for g in self.gemeenten}
        gebruikers = _gebruikers(
            [(naam, "Medewerker", g.naam) for naam, g in per_naam.items()],
            Rol.GEMEENTE,
            self.wachtwoord,
        )
        per_provincie = defaultdict(list)
        for g in self.gemeenten:
            per_provincie[g.provincie].append(g)
        regionaal = _gebruikers(
            [
                (f"regio-{p.lower().replace(' ', '-').replace('â', 'a')}", "Regio", p)
                for p in sorted(per_provincie)
            ],
            Rol.GEMEENTE,
            self.wachtwoord,
        )
        Through = Gemeente.gebruikers.through
        rijen = [Through(gemeente_id=per_naam[u.username].pk, user_id=u.pk) for u in gebruikers]
        for u, provincie in zip(regionaal, sorted(per_provincie), strict=True):
            rijen += [Through(gemeente_id=g.pk, user_id=u.pk) for g in per_provincie[provincie][:5]]
        Through.objects.bulk_create(rijen, ignore_conflicts=True)
        self.gemeentegebruiker = {per_naam[u.username].pk: u for u in gebruikers}
        self.samenvatting.gebruikers = len(self.inspecteurs) + len(gebruikers) + len(regionaal)

    def jaar_maken(self, k: int) -> None:
        jaar = self.eerste_jaar + k
        nieuw: list[tuple[Onderzoek, Gepland, random.Random, list]] = []
        for g in self.gemeenten:
            gepland = self.plannen[g.pk][k]
            rng = self.rng(g.cbs_code, jaar)
            kader = self.wijkteams if gepland.soort == Soort.TOEZICHTONDERZOEK else self.ggsr
            vorig = (
                self.onderzoeken[g.pk][gepland.vervolg_op]
                if gepland.vervolg_op is not None
                else None
            )
            # Two inspectors: the first writes and sends for review, the second approves.
            inspecteurs = rng.sample(self.inspecteurs, k=2)
            onderzoek = onderzoek_aanmaken(
                aanpak=self.aanpakken[g.pk][gepland.aanpak],
                kader=kader.kader,
                soort=gepland.soort,
                jaar=jaar,
                inspecteurs=inspecteurs,
                vorig_onderzoek=vorig,
            )
            self.onderzoeken[g.pk].append(onderzoek)
            nieuw.append((onderzoek, gepland, rng, inspecteurs))

        rijen = _rijen_per_onderzoek([o.pk for o, *_ in nieuw])
        conclusies = defaultdict(list)
        for c in ThemaConclusie.objects.filter(onderzoek__in=[o.pk for o, *_ in nieuw]):
            conclusies[c.onderzoek_id].append(c)
        gescoord = _Gescoord()
        bij_te_werken_conclusies, hoofdstukken, statussen, respondenten = [], [], [], []
        for onderzoek, gepland, rng, (eerste, tweede) in nieuw:
            begin = _moment(jaar, rng)
            eigen = rijen[onderzoek.pk]
            self.samenvatting.beoordelingen += len(eigen)
            compleet = gepland.status != Status.CONCEPT
            if gepland.soort != Soort.TOEZICHTONDERZOEK:  # its report is told in chapters
                aantal = len(eigen) if compleet else rng.randint(0, len(eigen))
                _rijen_scoren(
                    gescoord,
                    onderzoek=onderzoek,
                    rijen=eigen,
                    kader=self.ggsr,
                    rng=rng,
                    aantal=aantal,
                    kans_x=rng.uniform(0.25, 0.5),
                    door=eerste,
                    moment=begin,
                )
                self.samenvatting.gescoord += aantal
            if compleet:
                for c in conclusies[onderzoek.pk]:
                    c.gaat_goed, c.kan_beter = rng.choice(GAAT_GOED), rng.choice(KAN_BETER)
                    c.versie += 1
                    c._history_user, c._history_date = eerste, begin
                    bij_te_werken_conclusies.append(c)
            if gepland.soort == Soort.BELEIDSTOETS:
                respondenten += [
                    Onderzoek.respondenten.through(
                        onderzoek_id=onderzoek.pk, netwerkpartner_id=p.pk
                    )
                    for p in rng.sample(self.partners, k=rng.randint(1, 3))
                ]
            if gepland.soort == Soort.TOEZICHTONDERZOEK:
                hoofdstukken += self._hoofdstukken(onderzoek, rng, compleet=compleet)
            self._teksten(onderzoek, gepland, rng)
            statussen += self._status_geven(onderzoek, gepland.status, eerste, tweede, begin, rng)
            onderzoek._history_user, onderzoek._history_date = eerste, begin
            self.samenvatting.onderzoeken[(gepland.soort, gepland.status)] += 1

        _gescoord_opslaan(gescoord)
        self.samenvatting.bevindingen += len(gescoord.bevindingen)
        _bijwerken(ThemaConclusie, bij_te_werken_conclusies, ["gaat_goed", "kan_beter", "versie"])
        bulk_create_with_history(hoofdstukken, Hoofdstuk, batch_size=1000)
        Onderzoek.respondenten.through.objects.bulk_create(respondenten)
        _bijwerken(
            Onderzoek,
            [o for o, *_ in nieuw],
            [
                "status",
                "versie",
                "publicatiedatum",
                "voortgang_deadline",
                "presentatiedatum",
                "ontwikkeling",
                "titel",
                "samenvatting",
                "oordeel",
                "kansen",
                "bronnen",
            ],
        )
        # `op` is set on insert (auto_now_add); give each transition its moment afterwards.
        momenten = [w.op for w in statussen]
        StatusWijziging.objects.bulk_create(statussen, batch_size=1000)
        for w, op in zip(statussen, momenten, strict=True):
            w.op = op
        _bijwerken(StatusWijziging, statussen, ["op"], historie=False)

    def _hoofdstukken(self, onderzoek, rng, *, compleet: bool) -> list[Hoofdstuk]:
        gemeente = onderzoek.aanpak.gemeente.naam
        uit = []
        for volgorde, titel in enumerate(HOOFDSTUKKEN, start=1):
            if not compleet and volgorde > 1:
                break
            h = Hoofdstuk(
                onderzoek=onderzoek,
                volgorde=volgorde,
                titel=titel,
                verwachting="De inspecties verwachten dat professionals samen met het gezin één "
                "plan maken en dat één regisseur de hulp coördineert.",
                beleid=f"{gemeente} heeft dit uitgewerkt in het beleidsplan sociaal domein.",
                bevindingen=rng.choice(VOLDOET + VERBETERPUNT).format(
                    gemeente=gemeente, aanpak=onderzoek.aanpak.naam
                ),
                conclusie=rng.choice(KAN_BETER) if compleet else "",
            )
            h._history_date = _moment(onderzoek.jaar, rng)
            uit.append(h)
        return uit

    def _teksten(self, onderzoek: Onderzoek, gepland: Gepland, rng: random.Random) -> None:
        gemeente = onderzoek.aanpak.gemeente.naam
        if gepland.soort == Soort.VERVOLGONDERZOEK:
            onderzoek.ontwikkeling = (
                f"Sinds het vorige onderzoek heeft {gemeente} de verbeterpunten besproken met de "
                "netwerkpartners en een plan van aanpak opgesteld."
            )
            if rng.random() < 0.5:
                onderzoek.presentatiedatum = date(
                    onderzoek.jaar, rng.randint(1, 6), rng.randint(1, 28)
                )
        if gepland.soort == Soort.TOEZICHTONDERZOEK:
            onderzoek.titel = "Toezicht wijkteams: Zorg en ondersteuning aan kwetsbare gezinnen"
            if gepland.status != Status.CONCEPT:
                onderzoek.samenvatting = (
                    f"De inspecties onderzochten hoe de wijkteams in {gemeente} kwetsbare gezinnen "
                    "ondersteunen."
                )
                onderzoek.oordeel = rng.choice(KAN_BETER)
                onderzoek.kansen = rng.choice(GAAT_GOED)
                onderzoek.bronnen = (
                    f"{rng.randint(4, 12)} jeugdprofessionals wijkteam\n"
                    f"{rng.randint(1, 3)} beleidsmedewerkers gemeente\n"
                    f"{rng.randint(2, 8)} dossiers"
                )
                onderzoek.voortgang_deadline = date(onderzoek.jaar + 1, 5, 1)

    def _status_geven(self, onderzoek, status, eerste, tweede, begin, rng) -> list[StatusWijziging]:
        """The transitions the workflow would have recorded: the first inspector sends the study
        for review, the second approves it (never the same person), then it is published."""
        wijzigingen = []
        van, op = Status.CONCEPT, begin
        for stap in STAPPEN:
            if Status.values.index(stap) > Status.values.index(status):
                break
            op = _moment(onderzoek.jaar, rng, na=op)
            if stap == Status.GEPUBLICEERD:
                onderzoek.publicatiedatum = timezone.localdate(op)
                if onderzoek.voortgang_deadline is None:
                    onderzoek.voortgang_deadline = standaard_voortgang_deadline(
                        onderzoek.publicatiedatum
                    )
            door = tweede if stap == Status.VASTGESTELD else eerste
            wijzigingen.append(
                StatusWijziging(onderzoek=onderzoek, van=van, naar=stap, door=door, op=op)
            )
            van = stap
        onderzoek.status = status
        onderzoek.versie += len(wijzigingen)
        return wijzigingen

    def voortgang_maken(self) -> None:
        """About half the published first assessments got a progress report once it was due: a
        small PDF stored under a random name, as an upload is; the inspectors read half."""
        rapportages, nu = [], timezone.now()
        for g in self.gemeenten:
            for onderzoek in self.onderzoeken[g.pk]:
                rng = self.rng(g.cbs_code, "voortgang", onderzoek.jaar)
                if onderzoek.status != Status.GEPUBLICEERD or onderzoek.is_vervolg:
                    continue
                ingediend = timezone.make_aware(
                    datetime.combine(onderzoek.publicatiedatum, time(14))
                ) + timedelta(days=rng.randint(200, 360))
                if rng.random() >= 0.5 or ingediend > nu:
                    continue
                naam = f"Voortgangsrapportage {g.naam} {onderzoek.jaar + 1}.pdf"
                pdf = klein_pdf(
                    [
                        f"Voortgangsrapportage {g.naam}",
                        f"Aanpak: {onderzoek.aanpak.naam}",
                        f"Onderzoek {onderzoek.jaar}: stand van zaken verbeterpunten.",
                    ]
                )
                r = Voortgangsrapportage(
                    onderzoek=onderzoek,
                    oorspronkelijke_naam=naam,
                    inhoudstype=PDF,
                    grootte=len(pdf),
                    sha256=hashlib.sha256(pdf).hexdigest(),
                    bericht="Hierbij onze voortgangsrapportage." if rng.random() < 0.5 else "",
                    ingediend_door=self.gemeentegebruiker[g.pk],
                )
                if rng.random() < 0.5:
                    r.gelezen_op = ingediend + timedelta(days=rng.randint(1, 20))
                    r.gelezen_door = rng.choice(self.inspecteurs)
                r.bestand.name = r.bestand.storage.save(
                    voortgangsrapportage_pad(r, naam), ContentFile(pdf)
                )
                self.opgeslagen_bestanden.append(r.bestand.name)
                rapportages.append((r, ingediend))
        Voortgangsrapportage.objects.bulk_create([r for r, _ in rapportages], batch_size=1000)
        for r, ingediend in rapportages:  # `ingediend_op` is set on insert (auto_now_add)
            r.ingediend_op = ingediend
        _bijwerken(
            Voortgangsrapportage, [r for r, _ in rapportages], ["ingediend_op"], historie=False
        )
        self.samenvatting.voortgangsrapportages = len(rapportages)

    def bestanden_opruimen(self) -> None:
        opslag = Voortgangsrapportage._meta.get_field("bestand").storage
        for naam in self.opgeslagen_bestanden:
            opslag.delete(naam)


def landelijke_dataset_maken(
    *,
    gemeenten: int = 342,
    jaren: int = 5,
    eerste_jaar: int | None = None,
    seed: int = STANDAARD_SEED,
    inspecteurs: int = 20,
    eerste_nummer: int = EERSTE_NUMMER,
    bevriezen: bool = False,
    melden: Callable[[str], None] = lambda regel: None,
) -> Samenvatting:
    """Generate `gemeenten` municipalities (GM2001 onwards) with `jaren` years of studies each.

    Refuses (LandelijkeDatasetFout) when one of its CBS codes already exists, so running it twice
    never doubles the data; with another `eerste_nummer` it adds municipalities after an earlier
    run, each exactly as it would be in one larger run. With `bevriezen` the PDF of every
    published study is rendered and stored (about a second per study); without it a published
    study gets its frozen PDF the way the application gives one to a study that has none.
    """
    if jaren < 1:
        raise LandelijkeDatasetFout("Kies ten minste één jaar.")
    eerste_jaar = eerste_jaar or timezone.localdate().year - jaren  # up to last year
    codes = cbs_codes(aantal=gemeenten, eerste_nummer=eerste_nummer)
    bestaand = list(
        Gemeente.objects.filter(cbs_code__in=codes)
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)[:3]
    )
    if bestaand:
        raise LandelijkeDatasetFout(
            f"De database bevat al gemeenten met deze CBS-codes ({', '.join(bestaand)}, ...): de "
            "landelijke dataset is er al. Begin met een lege database, of kies met "
            "--eerste-nummer gemeenten die er nog niet zijn."
        )
    start = timezone.now()
    generator = _Generator(
        codes=codes,
        eerste_jaar=eerste_jaar,
        jaren=jaren,
        seed=seed,
        aantal_inspecteurs=max(2, inspecteurs),
        melden=melden,
    )
    try:
        with transaction.atomic():
            samenvatting = generator.draaien()
    except BaseException:
        generator.bestanden_opruimen()  # the rows are rolled back; their files go too
        raise
    if bevriezen:
        from rapporten.services import rapport_bevriezen  # rendering lives in rapporten

        gepubliceerd = Onderzoek.objects.gepubliceerd().filter(aanpak__gemeente__cbs_code__in=codes)
        for i, onderzoek in enumerate(gepubliceerd.iterator(), start=1):
            rapport_bevriezen(onderzoek=onderzoek)
            if i % 50 == 0:
                melden(f"  {i} PDF's bevroren")
            samenvatting.bevroren = i
    samenvatting.seconden = (timezone.now() - start).total_seconds()
    return samenvatting
