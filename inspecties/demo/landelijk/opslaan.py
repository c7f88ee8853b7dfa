"""Storing the national dataset fast: bulk inserts with their history rows, users, scores."""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from gemeenten.models import Aanpak
from inspecties.beveiliging.rollen import rol_groep
from inspecties.demo.landelijk.plan import (
    GGSR,
    LET_OP,
    STANDAARD_SEED,
    VERBETERD,
    VERBETERPUNT,
    VOLDOET,
    LandelijkeDatasetFout,
    Soort,
)
from inspecties.onderzoeken.models import Beoordeling, Bevinding, Onderzoek
from inspecties.onderzoeken.services import onderzoek_aanmaken
from toetsingskader.models import Schaaloptie, Toetsingskader


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
    cbs_codes: list[str] = field(default_factory=list)  # of the gemeenten made

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
