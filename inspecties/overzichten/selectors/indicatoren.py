"""Which indicators score X most often, and what follow-ups resolved. Each aggregates in the
database with a plain GROUP BY (no correlated subquery per row): two queries at any size."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from inspecties.onderzoeken.models import AFGEROND, Beoordeling, Onderzoek
from toetsingskader.models import Indicator


@dataclass(frozen=True)
class IndicatorTelling:
    sleutel: str
    tekst: str
    thema: str
    verbeterpunten: int
    beoordeeld: int
    kader_sleutel: str = ""

    @property
    def procent(self) -> int:
        return round(100 * self.verbeterpunten / self.beoordeeld) if self.beoordeeld else 0


def eerste_beoordelingen(*, statussen=AFGEROND):
    """Scores with an option in first assessments (beleidstoets, toezichtonderzoek).

    Follow-ups are left out: they re-score only last time's X, which would count those twice
    and leave out every √."""
    return Beoordeling.objects.filter(onderzoek__status__in=statussen, optie__isnull=False).exclude(
        onderzoek__soort=Onderzoek.Soort.VERVOLGONDERZOEK
    )


def per_indicatorversie(qs, *groepen: str):
    """X and scored counts per indicator version (and `groepen`), in one GROUP BY."""
    return (
        qs.values("indicator_id", *groepen)
        .annotate(
            verbeterpunten=Count("pk", filter=Q(optie__is_verbeterpunt=True)),
            beoordeeld=Count("pk"),
            laatste_jaar=Max("onderzoek__jaar"),
        )
        .order_by()
    )


def indicatorgegevens(ids) -> dict[int, dict]:
    """Key, text, framework and theme of the given indicator versions: one query."""
    return {
        i["pk"]: i
        for i in Indicator.objects.filter(pk__in=set(ids)).values(
            "pk",
            "sleutel",
            "tekst",
            "kader_id",
            "kader__sleutel",
            "kader__naam",
            "criterium__thema__sleutel",
            "criterium__thema__naam",
            "criterium__thema__volgorde",
            "criterium__volgorde",
            "volgorde",
        )
    }


def verbeterpunten_per_indicator(
    *, jaar: int | None = None, kader_sleutel: str | None = None
) -> list[IndicatorTelling]:
    """Per indicator key (stable across framework versions): how often it was scored, and how
    often X, in first assessments; most X first. The text and theme shown are those of the
    version used in the newest study. Two queries."""
    qs = eerste_beoordelingen()
    if jaar:
        qs = qs.filter(onderzoek__jaar=jaar)
    if kader_sleutel:
        qs = qs.filter(onderzoek__kader__sleutel=kader_sleutel)
    rijen = list(per_indicatorversie(qs))
    gegevens = indicatorgegevens(r["indicator_id"] for r in rijen)
    per_sleutel: dict[tuple[str, str], dict] = {}
    for r in rijen:
        i = gegevens[r["indicator_id"]]
        sleutel = (i["kader__sleutel"], i["sleutel"])
        som = per_sleutel.setdefault(sleutel, {"x": 0, "n": 0, "nieuwste": None, "rang": None})
        som["x"] += r["verbeterpunten"]
        som["n"] += r["beoordeeld"]
        rang = (r["laatste_jaar"], i["kader_id"])
        if som["rang"] is None or rang > som["rang"]:
            som["rang"], som["nieuwste"] = rang, i
    tellingen = [
        IndicatorTelling(
            sleutel=sleutel,
            tekst=som["nieuwste"]["tekst"],
            thema=som["nieuwste"]["criterium__thema__naam"],
            verbeterpunten=som["x"],
            beoordeeld=som["n"],
            kader_sleutel=kader,
        )
        for (kader, sleutel), som in per_sleutel.items()
    ]
    return sorted(tellingen, key=lambda t: (-t.verbeterpunten, t.sleutel, t.kader_sleutel))


def ontwikkeling_per_gemeente(*, jaar: int | None = None) -> list[Onderzoek]:
    """Every completed follow-up with the X count of the study it followed and its own: how
    many improvement points were resolved. Two queries: the follow-ups, and one GROUP BY over
    the scores of the follow-ups and the studies they followed."""
    vervolgen = Onderzoek.objects.filter(
        soort=Onderzoek.Soort.VERVOLGONDERZOEK, status__in=AFGEROND
    )
    if jaar:
        vervolgen = vervolgen.filter(jaar=jaar)
    lijst = list(
        vervolgen.select_related("aanpak__gemeente", "vorig_onderzoek__aanpak").order_by(
            "aanpak__gemeente__naam", "jaar", "pk"
        )
    )
    tellingen = {
        r["onderzoek_id"]: r
        for r in Beoordeling.objects.filter(
            Q(onderzoek__in=vervolgen.order_by().values("pk"))
            | Q(onderzoek__in=vervolgen.order_by().values("vorig_onderzoek_id"))
        )
        .values("onderzoek_id")
        .annotate(
            x=Count("pk", filter=Q(optie__is_verbeterpunt=True)),
            gescoord=Count("pk", filter=Q(optie__isnull=False)),
        )
        .order_by()
    }
    leeg = {"x": 0, "gescoord": 0}
    for o in lijst:
        nu = tellingen.get(o.pk, leeg)
        o.verbeterpunten_voor = tellingen.get(o.vorig_onderzoek_id, leeg)["x"]
        o.verbeterpunten_nu = nu["x"]
        o.opnieuw_getoetst = nu["gescoord"]
        o.opgelost = o.opnieuw_getoetst - o.verbeterpunten_nu
    return lijst
