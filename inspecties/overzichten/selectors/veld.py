"""The field summary (veldoverzicht) of one year: per indicator and per theme, the share of X
across the year's first assessments, against the year before (the newest earlier year with
first assessments). Three queries at any size:
the years, one GROUP BY over the scores of both years, and the indicators' texts."""

from dataclasses import dataclass, field

from django.db.models import Count

from inspecties.overzichten.selectors.indicatoren import (
    eerste_beoordelingen,
    indicatorgegevens,
    per_indicatorversie,
)


@dataclass
class Regel:
    """One indicator or theme: its X and scored counts this year and the year before."""

    sleutel: str
    naam: str
    kader: str
    thema: str = ""
    volgorde: tuple = ()
    x: int = 0
    n: int = 0
    vorig_x: int = 0
    vorig_n: int = 0

    @property
    def procent(self) -> float | None:
        return round(100 * self.x / self.n, 1) if self.n else None

    @property
    def vorig_procent(self) -> float | None:
        return round(100 * self.vorig_x / self.vorig_n, 1) if self.vorig_n else None

    @property
    def verschil(self) -> float | None:
        """Change in percentage points; None when either year has no score."""
        if self.procent is None or self.vorig_procent is None:
            return None
        return round(self.procent - self.vorig_procent, 1)


@dataclass
class Veldoverzicht:
    jaar: int | None
    jaren: list[int]
    vorig_jaar: int | None = None
    onderzoeken: int = 0
    vorig_onderzoeken: int = 0
    indicatoren: list[Regel] = field(default_factory=list)
    themas: list[Regel] = field(default_factory=list)


def _gesorteerd(regels) -> list[Regel]:
    """What was scored this year, highest share of X first (ties in the framework's order)."""
    return sorted(
        (r for r in regels if r.n),
        key=lambda r: (-r.procent, r.kader, r.volgorde, r.sleutel),
    )


def veldoverzicht(*, jaar: int | None = None) -> Veldoverzicht:
    """The field summary of `jaar` (by default the newest year with completed first
    assessments), vastgesteld and published studies only."""
    # The years with scored first assessments, and how many studies scored in each.
    per_jaar = dict(
        eerste_beoordelingen()
        .values_list("onderzoek__jaar")
        .annotate(n=Count("onderzoek_id", distinct=True))
        .order_by()
    )
    jaren = sorted(per_jaar, reverse=True)
    if jaar is None:
        jaar = jaren[0] if jaren else None
    if jaar is None:
        return Veldoverzicht(jaar=None, jaren=jaren)
    # The year before: the newest earlier year with scored first assessments (first
    # assessments and follow-ups often alternate), else simply the calendar year before.
    vorig = max((j for j in jaren if j < jaar), default=jaar - 1)
    uit = Veldoverzicht(jaar=jaar, jaren=jaren, vorig_jaar=vorig)
    uit.onderzoeken, uit.vorig_onderzoeken = per_jaar.get(jaar, 0), per_jaar.get(vorig, 0)
    rijen = list(
        per_indicatorversie(
            eerste_beoordelingen().filter(onderzoek__jaar__in=(jaar, vorig)), "onderzoek__jaar"
        )
    )
    gegevens = indicatorgegevens(r["indicator_id"] for r in rijen)
    indicatoren: dict[tuple, Regel] = {}
    themas: dict[tuple, Regel] = {}
    for r in sorted(rijen, key=lambda r: (r["onderzoek__jaar"], r["indicator_id"])):
        i = gegevens[r["indicator_id"]]
        kader = i["kader__naam"]
        # The newest version's wording wins (rows come oldest year and version first).
        ind = indicatoren.setdefault(
            (i["kader__sleutel"], i["sleutel"]), Regel(i["sleutel"], "", kader)
        )
        ind.naam, ind.thema, ind.kader = i["tekst"], i["criterium__thema__naam"], kader
        ind.volgorde = (i["criterium__thema__volgorde"], i["criterium__volgorde"], i["volgorde"])
        thema = themas.setdefault(
            (i["kader__sleutel"], i["criterium__thema__sleutel"]),
            Regel(i["criterium__thema__sleutel"], "", kader),
        )
        thema.naam, thema.kader = i["criterium__thema__naam"], kader
        thema.volgorde = (i["criterium__thema__volgorde"],)
        for regel in (ind, thema):
            if r["onderzoek__jaar"] == jaar:
                regel.x += r["verbeterpunten"]
                regel.n += r["beoordeeld"]
            else:
                regel.vorig_x += r["verbeterpunten"]
                regel.vorig_n += r["beoordeeld"]
    uit.indicatoren = _gesorteerd(indicatoren.values())
    uit.themas = _gesorteerd(themas.values())
    return uit
