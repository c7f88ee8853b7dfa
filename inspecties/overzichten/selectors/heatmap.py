"""The heatmap: for one framework version and year, every municipality (rows) against every
indicator (columns, grouped by theme), each cell what the study scored. Seven queries at any
size: the choices (framework versions with their years, provinces and regions), the
framework's indicators and scale, the municipalities, the studies and their scores."""

from collections import Counter
from dataclasses import dataclass, field, replace

from django.db.models import Count
from django.urls import reverse

from gemeenten.models import Gemeente
from inspecties.onderzoeken.models import AFGEROND, Beoordeling, Onderzoek
from toetsingskader.models import Indicator, Schaaloptie

# Cell states, in the order a column sort puts them.
VERBETERPUNT, VOLDOET, NIET_GETOETST, OPEN, GEEN = "x", "v", "ng", "open", "geen"
STATUS_TEKST = {
    VERBETERPUNT: "verbeterpunt",
    VOLDOET: "voldoet",
    NIET_GETOETST: "niet getoetst",
    OPEN: "niet gescoord",
    GEEN: "geen onderzoek",
}
STATUS_SYMBOOL = {NIET_GETOETST: "n.g.", OPEN: "?", GEEN: "–"}
STATUSKEUZES = [
    ("afgerond", "Vastgesteld en gepubliceerd"),
    *Onderzoek.Status.choices,
    ("alle", "Alle statussen"),
]
SORTERINGEN = {
    "naam": "gemeente (A–Z)",
    "-naam": "gemeente (Z–A)",
    "x": "meeste verbeterpunten eerst",
    "provincie": "provincie",
}


def statussen(keuze: str) -> tuple[str, ...]:
    if keuze == "alle":
        return tuple(Onderzoek.Status.values)
    if keuze in Onderzoek.Status.values:
        return (keuze,)
    return tuple(AFGEROND)


@dataclass(frozen=True)
class HeatmapFilters:
    kader_id: int | None = None
    jaar: int | None = None
    provincie: str = ""
    regio: str = ""
    status: str = "afgerond"
    sorteer: str = "naam"


@dataclass
class Cel:
    status: str
    symbool: str
    tekst: str
    url: str = ""


@dataclass
class Kolom:
    indicator_id: int
    sleutel: str
    nummer: str
    tekst: str
    thema: str
    tellingen: Counter = field(default_factory=Counter)


@dataclass
class Rij:
    gemeente: str
    cbs_code: str
    provincie: str
    regio: str
    aanpak: str = ""
    onderzoek_id: int | None = None
    soort: str = ""
    status: str = ""
    url: str = ""
    cellen: list[Cel] = field(default_factory=list)
    tellingen: Counter = field(default_factory=Counter)


@dataclass
class Heatmap:
    filters: HeatmapFilters
    kaders: list[dict]  # {"id", "naam", "versie", "jaren": [...]}
    provincies: list[str]
    regios: list[str]
    kader: dict | None = None
    themas: list[tuple[str, int]] = field(default_factory=list)  # (name, number of columns)
    kolommen: list[Kolom] = field(default_factory=list)
    rijen: list[Rij] = field(default_factory=list)
    totalen: Counter = field(default_factory=Counter)

    @property
    def onderzoeken(self) -> int:
        return sum(1 for r in self.rijen if r.onderzoek_id)


def _keuzes(status: str) -> tuple[list[dict], list[str], list[str]]:
    kaders: dict[int, dict] = {}
    for r in (
        Onderzoek.objects.filter(status__in=statussen(status))
        .values("kader_id", "kader__naam", "kader__versie", "kader__sleutel", "jaar")
        .annotate(n=Count("pk"))
        .order_by("kader__sleutel", "kader__versie", "jaar")
    ):
        k = kaders.setdefault(
            r["kader_id"],
            {
                "id": r["kader_id"],
                "naam": r["kader__naam"],
                "versie": r["kader__versie"],
                "jaren": [],
            },
        )
        k["jaren"].append(r["jaar"])
    plaatsen = set(Gemeente.objects.values_list("provincie", "regio").distinct().order_by())
    provincies = sorted({p for p, _r in plaatsen if p})
    regios = sorted({r for _p, r in plaatsen if r})
    return list(kaders.values()), provincies, regios


def _kies(filters: HeatmapFilters, kaders: list[dict]) -> tuple[dict | None, int | None]:
    """The chosen framework version and year; by default the version with the newest studies,
    and its newest year."""
    per_id = {k["id"]: k for k in kaders}
    kader = per_id.get(filters.kader_id) or max(
        kaders, key=lambda k: (k["jaren"][-1], k["id"]), default=None
    )
    if kader is None:
        return None, None
    jaar = filters.jaar if filters.jaar else kader["jaren"][-1]
    return kader, jaar


def _kolommen(kader_id: int) -> tuple[list[Kolom], list[tuple[str, int]]]:
    """The framework's indicators in its order, numbered theme.criterion.indicator from 1."""
    kolommen = []
    themas: list[tuple[str, int]] = []
    nummers: dict[int, tuple[int, dict[int, list[int]]]] = {}  # thema -> (n, criterium -> [n, i])
    for i in (
        Indicator.objects.filter(kader_id=kader_id)
        .select_related("criterium__thema")
        .order_by("criterium__thema__volgorde", "criterium__volgorde", "volgorde", "pk")
    ):
        thema = i.criterium.thema
        if not themas or themas[-1][0] != thema.naam:
            themas.append((thema.naam, 0))
        themas[-1] = (thema.naam, themas[-1][1] + 1)
        t, criteria = nummers.setdefault(thema.pk, (len(nummers) + 1, {}))
        c = criteria.setdefault(i.criterium_id, [len(criteria) + 1, 0])
        c[1] += 1
        kolommen.append(Kolom(i.pk, i.sleutel, f"{t}.{c[0]}.{c[1]}", i.tekst, thema.naam))
    return kolommen, themas


def _gemeenten(filters: HeatmapFilters):
    qs = Gemeente.objects.all()
    if filters.provincie:
        qs = qs.filter(provincie=filters.provincie)
    if filters.regio:
        qs = qs.filter(regio=filters.regio)
    return qs


def _rijen(filters: HeatmapFilters, kader_id: int, jaar: int, kolommen: list[Kolom]) -> list[Rij]:
    schaal = {
        o.pk: o
        for o in Schaaloptie.objects.filter(kader_id=kader_id).only(
            "symbool", "label", "is_verbeterpunt"
        )
    }
    gemeenten = _gemeenten(filters)
    onderzoeken = Onderzoek.objects.filter(
        kader_id=kader_id,
        jaar=jaar,
        status__in=statussen(filters.status),
        aanpak__gemeente__in=gemeenten,
    )
    scores: dict[int, dict[int, tuple]] = {}
    for b in (
        Beoordeling.objects.filter(onderzoek__in=onderzoeken.order_by().values("pk"))
        .values_list("onderzoek_id", "indicator_id", "pk", "optie_id", "niet_getoetst")
        .order_by()
    ):
        scores.setdefault(b[0], {})[b[1]] = b[2:]
    met_onderzoek: dict[int, list[Onderzoek]] = {}
    for o in onderzoeken.select_related("aanpak").order_by("aanpak__naam", "pk"):
        met_onderzoek.setdefault(o.aanpak.gemeente_id, []).append(o)
    # The display names once, not per row (each get_..._display translates a lazy string).
    soorten = {k: str(v) for k, v in Onderzoek.Soort.choices}
    statusnamen = {k: str(v) for k, v in Onderzoek.Status.choices}
    rijen = []
    for g in gemeenten.only("naam", "cbs_code", "provincie", "regio").order_by("naam", "cbs_code"):
        for o in met_onderzoek.get(g.pk, [None]):
            rij = Rij(g.naam, g.cbs_code, g.provincie, g.regio)
            if o is not None:
                rij.aanpak, rij.onderzoek_id = o.aanpak.naam, o.pk
                rij.soort, rij.status = soorten[o.soort], statusnamen[o.status]
                rij.url = reverse("inspecties:onderzoek_scoren", args=[o.pk])
            rij.cellen = [
                _cel(rij, scores.get(rij.onderzoek_id, {}).get(k.indicator_id), schaal)
                for k in kolommen
            ]
            rijen.append(rij)
    return rijen


def _cel(rij: Rij, score: tuple | None, schaal: dict) -> Cel:
    if rij.onderzoek_id is None:
        return Cel(GEEN, STATUS_SYMBOOL[GEEN], STATUS_TEKST[GEEN])
    if score is None:  # a follow-up re-scores only last time's X
        return Cel(NIET_GETOETST, STATUS_SYMBOOL[NIET_GETOETST], "niet opnieuw getoetst", rij.url)
    beoordeling_id, optie_id, niet_getoetst = score
    url = f"{rij.url}#rij-{beoordeling_id}"
    if optie_id is not None:
        optie = schaal[optie_id]
        status = VERBETERPUNT if optie.is_verbeterpunt else VOLDOET
        return Cel(status, optie.symbool, optie.label.lower(), url)
    status = NIET_GETOETST if niet_getoetst else OPEN
    return Cel(status, STATUS_SYMBOOL[status], STATUS_TEKST[status], url)


def _sorteren(rijen: list[Rij], sorteer: str, kolommen: list[Kolom]) -> list[Rij]:
    naam = lambda r: (r.gemeente.casefold(), r.cbs_code, r.aanpak)  # noqa: E731
    if sorteer == "-naam":
        return sorted(rijen, key=naam, reverse=True)
    if sorteer == "x":
        return sorted(rijen, key=lambda r: (-r.tellingen[VERBETERPUNT], naam(r)))
    if sorteer == "provincie":
        return sorted(rijen, key=lambda r: (r.provincie, naam(r)))
    index = {k.sleutel: n for n, k in enumerate(kolommen)}
    if sorteer.startswith("i-") and sorteer[2:] in index:
        n, volgorde = index[sorteer[2:]], list(STATUS_TEKST)
        return sorted(rijen, key=lambda r: (volgorde.index(r.cellen[n].status), naam(r)))
    return sorted(rijen, key=naam)


def heatmap_van(filters: HeatmapFilters) -> Heatmap:
    """Everything the heatmap page, its CSV and its PDF show, in seven queries."""
    kaders, provincies, regios = _keuzes(filters.status)
    uit = Heatmap(filters=filters, kaders=kaders, provincies=provincies, regios=regios)
    uit.kader, jaar = _kies(filters, kaders)
    if uit.kader is None:
        return uit
    uit.filters = replace(filters, kader_id=uit.kader["id"], jaar=jaar)
    uit.kolommen, uit.themas = _kolommen(uit.kader["id"])
    rijen = _rijen(uit.filters, uit.kader["id"], jaar, uit.kolommen)
    for rij in rijen:
        for kolom, cel in zip(uit.kolommen, rij.cellen, strict=True):
            rij.tellingen[cel.status] += 1
            kolom.tellingen[cel.status] += 1
            uit.totalen[cel.status] += 1
    uit.rijen = _sorteren(rijen, filters.sorteer, uit.kolommen)
    return uit
