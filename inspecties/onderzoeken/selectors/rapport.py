"""Everything a page or report about one study shows, read in a constant number of queries."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from inspecties.onderzoeken.models import (
    Beoordeling,
    Bevinding,
    Onderzoek,
    ThemaConclusie,
)
from inspecties.regels.bevindingen import samenvoegen
from inspecties.regels.scope import vervolg_scope
from toetsingskader.models import Criterium, Indicator, Thema


@dataclass
class VorigeScore:
    """Last time's score of the same indicator (matched by key), for a follow-up row."""

    beoordeling: Beoordeling
    bevinding: Bevinding | None
    herformuleerd: bool  # the indicator's wording differs between the two framework versions

    @property
    def indicator_tekst(self) -> str:
        return self.beoordeling.indicator.tekst


@dataclass
class Rij:
    beoordeling: Beoordeling
    vorige: VorigeScore | None = None
    # A finding shared by adjacent rows is printed once: the first row spans the others.
    bevinding_rowspan: int = 1
    toon_bevinding: bool = True
    # A finding shared with an earlier row that is not adjacent: printed there, referred to here.
    zie_bevinding_bij: "Rij | None" = None
    gedeeld: bool = False  # other rows of the study have this finding too

    @property
    def indicator(self) -> Indicator:
        return self.beoordeling.indicator

    @property
    def bevinding(self) -> Bevinding | None:
        return self.beoordeling.bevinding


@dataclass
class CriteriumBlok:
    criterium: Criterium
    rijen: list[Rij] = field(default_factory=list)


@dataclass
class ThemaBlok:
    thema: Thema
    criteria: list[CriteriumBlok] = field(default_factory=list)
    conclusie: ThemaConclusie | None = None

    @property
    def rijen(self) -> list[Rij]:
        return [r for c in self.criteria for r in c.rijen]

    @property
    def heeft_scores(self) -> bool:
        return any(r.beoordeling.is_gescoord for r in self.rijen)


@dataclass
class OnderzoekInhoud:
    onderzoek: Onderzoek
    themas: list[ThemaBlok]
    vervallen: list[VorigeScore]  # earlier verbeterpunten whose indicator no longer exists
    aantal_gescoord: int
    aantal_totaal: int

    @property
    def aantal_open(self) -> int:
        return self.aantal_totaal - self.aantal_gescoord

    @property
    def rijen(self) -> list[Rij]:
        return [r for t in self.themas for r in t.rijen]


def _beoordelingen(onderzoek_id: int) -> QuerySet[Beoordeling]:
    return (
        Beoordeling.objects.filter(onderzoek_id=onderzoek_id)
        .select_related("indicator__criterium__thema", "optie", "bevinding")
        .order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
            "indicator_id",
        )
    )


def onderzoek_met_relaties(*, onderzoek_id: int) -> Onderzoek:
    return (
        Onderzoek.objects.select_related(
            "aanpak__gemeente", "kader", "vorig_onderzoek__aanpak", "vorig_onderzoek__kader"
        )
        .prefetch_related("inspecteurs", "respondenten", "aanpak__vervangt")
        .get(pk=onderzoek_id)
    )


def onderzoek_voor_rapport(*, onderzoek: Onderzoek | int) -> OnderzoekInhoud:
    """Everything a page or report about one study shows, in a constant number of queries."""
    onderzoek_id = onderzoek if isinstance(onderzoek, int) else onderzoek.pk
    onderzoek = onderzoek_met_relaties(onderzoek_id=onderzoek_id)
    beoordelingen = list(_beoordelingen(onderzoek.pk))
    conclusies = {
        c.thema_id: c for c in ThemaConclusie.objects.filter(onderzoek=onderzoek).order_by()
    }

    vorige_per_sleutel: dict[str, VorigeScore] = {}
    vervallen: list[VorigeScore] = []
    if onderzoek.vorig_onderzoek_id:
        vorige = [b for b in _beoordelingen(onderzoek.vorig_onderzoek_id) if b.optie_id]
        huidige_teksten = {b.indicator.sleutel: b.indicator.tekst for b in beoordelingen}
        nieuwe_sleutels = onderzoek.kader.indicatoren.values_list("sleutel", flat=True)
        scope = vervolg_scope(
            vorige_verbeterpunten=[b.indicator.sleutel for b in vorige if b.optie.is_verbeterpunt],
            nieuwe_sleutels=list(nieuwe_sleutels),
        )
        weg = set(scope.vervallen)
        for b in vorige:
            score = VorigeScore(
                beoordeling=b,
                bevinding=b.bevinding,
                herformuleerd=(
                    b.indicator.sleutel in huidige_teksten
                    and huidige_teksten[b.indicator.sleutel] != b.indicator.tekst
                ),
            )
            if b.indicator.sleutel in weg:
                vervallen.append(score)
            else:
                vorige_per_sleutel[b.indicator.sleutel] = score

    themas: list[ThemaBlok] = []
    for b in beoordelingen:
        criterium = b.indicator.criterium
        thema = criterium.thema
        if not themas or themas[-1].thema.pk != thema.pk:
            themas.append(ThemaBlok(thema=thema, conclusie=conclusies.get(thema.pk)))
        blok = themas[-1]
        if not blok.criteria or blok.criteria[-1].criterium.pk != criterium.pk:
            blok.criteria.append(CriteriumBlok(criterium=criterium))
        blok.criteria[-1].rijen.append(
            Rij(beoordeling=b, vorige=vorige_per_sleutel.get(b.indicator.sleutel))
        )
    # Each finding is printed once per criterion; `gedeeld` looks across the whole study.
    gedeeld = samenvoegen([b.bevinding_id for b in beoordelingen])
    for rij, cel in zip([r for t in themas for r in t.rijen], gedeeld, strict=True):
        rij.gedeeld = cel.gedeeld
    for blok in themas:
        for c in blok.criteria:
            for rij, cel in zip(
                c.rijen, samenvoegen([r.beoordeling.bevinding_id for r in c.rijen]), strict=True
            ):
                rij.bevinding_rowspan, rij.toon_bevinding = cel.rowspan, cel.toon
                rij.zie_bevinding_bij = c.rijen[cel.zie_bij] if cel.zie_bij is not None else None

    # Themes without rows (a follow-up re-scores few) still show their conclusion if written.
    gescoord = sum(1 for b in beoordelingen if b.is_gescoord)
    return OnderzoekInhoud(
        onderzoek=onderzoek,
        themas=themas,
        vervallen=vervallen,
        aantal_gescoord=gescoord,
        aantal_totaal=len(beoordelingen),
    )
