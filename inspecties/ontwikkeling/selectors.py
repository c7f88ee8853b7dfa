"""One municipality's development: its completed studies per approach, what became of every
earlier X (the rule is `regels.ontwikkeling.uitkomst`), the progress reports per study, and per
theme the √ and X counts per year. A fixed number of queries, whatever the amount of data."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from gemeenten.models import Aanpak, Gemeente
from inspecties.onderzoeken.models import AFGEROND, Beoordeling, Onderzoek
from inspecties.ontwikkeling.grafiek import Staafdiagram, staafdiagram
from inspecties.regels.ontwikkeling import Herbeoordeling, Uitkomst, tellingen, uitkomst
from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.selectors import voortgang_deadline_van
from toetsingskader.models import Indicator


@dataclass
class Verbeterpunt:
    """An X in `onderzoek` and what became of it in `vervolg` (its first completed follow-up)."""

    onderzoek: Onderzoek
    thema: str
    sleutel: str
    tekst: str
    bevinding: str
    vervolg: Onderzoek | None
    vervolg_bevinding: str
    uitkomst: Uitkomst


@dataclass
class AanpakOntwikkeling:
    aanpak: Aanpak
    onderzoeken: list[Onderzoek] = field(default_factory=list)
    verbeterpunten: list[Verbeterpunt] = field(default_factory=list)


@dataclass
class ThemaReeks:
    """One theme's counts per year: (jaar, aantal X, aantal √), every year of the page."""

    sleutel: str
    naam: str
    per_jaar: list[tuple[int, int, int]]


@dataclass
class Ontwikkeling:
    gemeente: Gemeente
    aanpakken: list[AanpakOntwikkeling]
    themas: list[ThemaReeks]
    jaren: list[int]
    tellingen: dict[Uitkomst, int]

    @property
    def verbeterpunten(self) -> list[Verbeterpunt]:
        return [v for a in self.aanpakken for v in a.verbeterpunten]

    @property
    def grafieken(self) -> list[tuple[ThemaReeks, Staafdiagram]]:
        """One bar chart of X per year for each theme, all on one scale."""
        grootste = max((x for t in self.themas for _, x, _ in t.per_jaar), default=0)
        return [
            (t, staafdiagram([(j, x) for j, x, _ in t.per_jaar], maximum=grootste))
            for t in self.themas
        ]


def gemeenten_met_onderzoeken() -> QuerySet[Gemeente]:
    """The municipalities with at least one completed study, by name (one query)."""
    return (
        Gemeente.objects.filter(aanpakken__onderzoeken__status__in=AFGEROND)
        .distinct()
        .order_by("naam")
    )


def _onderzoeken(gemeente: Gemeente) -> list[Onderzoek]:
    rapportages = Voortgangsrapportage.objects.order_by("ingediend_op", "id")
    qs = (
        Onderzoek.objects.afgerond()
        .filter(aanpak__gemeente=gemeente)
        .select_related("aanpak", "kader")
        .prefetch_related(Prefetch("voortgangsrapportages", queryset=rapportages))
        .order_by("jaar", "id")
    )
    onderzoeken = list(qs)
    for o in onderzoeken:
        o.deadline = voortgang_deadline_van(o)
    return onderzoeken


def _herbeoordeling(b: Beoordeling, vervolg_scores: dict, kader_teksten: dict) -> Herbeoordeling:
    tekst = kader_teksten.get(b.indicator.sleutel)
    nieuw = vervolg_scores.get(b.indicator.sleutel)
    verbeterpunt = nieuw.optie.is_verbeterpunt if nieuw is not None and nieuw.optie_id else None
    return Herbeoordeling(
        in_kader=tekst is not None,
        zelfde_tekst=tekst == b.indicator.tekst,
        verbeterpunt=verbeterpunt,
    )


def _themas(beoordelingen, jaar_van: dict[int, int], jaren: list[int]) -> list[ThemaReeks]:
    telling: dict[str, dict[int, list[int]]] = defaultdict(lambda: {j: [0, 0] for j in jaren})
    namen: dict[str, tuple[int, str]] = {}
    for b in beoordelingen:
        if not b.optie_id:
            continue
        thema = b.indicator.criterium.thema
        namen.setdefault(thema.sleutel, (thema.volgorde, thema.naam))
        telling[thema.sleutel][jaar_van[b.onderzoek_id]][0 if b.optie.is_verbeterpunt else 1] += 1
    volgorde = sorted(namen, key=lambda s: namen[s])
    return [ThemaReeks(s, namen[s][1], [(j, *telling[s][j]) for j in jaren]) for s in volgorde]


def ontwikkeling_van_gemeente(gemeente: Gemeente) -> Ontwikkeling:
    """Everything the development page and its CSV show; five queries."""
    onderzoeken = _onderzoeken(gemeente)
    per_id = {o.pk: o for o in onderzoeken}
    beoordelingen = list(
        Beoordeling.objects.filter(onderzoek__in=onderzoeken)
        .select_related("indicator__criterium__thema", "optie", "bevinding")
        .order_by(
            "onderzoek__jaar",
            "onderzoek_id",
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        )
    )
    scores: dict[int, dict[str, Beoordeling]] = defaultdict(dict)
    for b in beoordelingen:
        scores[b.onderzoek_id][b.indicator.sleutel] = b
    vervolg_van: dict[int, Onderzoek] = {}
    for o in onderzoeken:  # ordered by year: the first completed follow-up decides
        if o.vorig_onderzoek_id in per_id:
            vervolg_van.setdefault(o.vorig_onderzoek_id, o)
    teksten: dict[int, dict[str, str]] = defaultdict(dict)
    for i in Indicator.objects.filter(kader__in={o.kader_id for o in onderzoeken}).values(
        "kader_id", "sleutel", "tekst"
    ):
        teksten[i["kader_id"]][i["sleutel"]] = i["tekst"]

    aanpakken: dict[int, AanpakOntwikkeling] = {}
    for o in onderzoeken:
        aanpakken.setdefault(o.aanpak_id, AanpakOntwikkeling(o.aanpak)).onderzoeken.append(o)
    for b in beoordelingen:
        if not (b.optie_id and b.optie.is_verbeterpunt):
            continue
        o = per_id[b.onderzoek_id]
        vervolg = vervolg_van.get(o.pk)
        nieuw = scores[vervolg.pk].get(b.indicator.sleutel) if vervolg else None
        aanpakken[o.aanpak_id].verbeterpunten.append(
            Verbeterpunt(
                onderzoek=o,
                thema=b.indicator.criterium.thema.naam,
                sleutel=b.indicator.sleutel,
                tekst=b.indicator.tekst,
                bevinding=b.bevinding.tekst if b.bevinding_id else "",
                vervolg=vervolg,
                vervolg_bevinding=nieuw.bevinding.tekst if nieuw and nieuw.bevinding_id else "",
                uitkomst=uitkomst(
                    _herbeoordeling(b, scores[vervolg.pk], teksten[vervolg.kader_id])
                    if vervolg
                    else None
                ),
            )
        )
    jaren = sorted({o.jaar for o in onderzoeken})
    lijst = list(aanpakken.values())
    return Ontwikkeling(
        gemeente=gemeente,
        aanpakken=lijst,
        themas=_themas(beoordelingen, {o.pk: o.jaar for o in onderzoeken}, jaren),
        jaren=jaren,
        tellingen=tellingen(v.uitkomst for a in lijst for v in a.verbeterpunten),
    )
