"""Lists of studies: the inspectors' list with its filters, exports, what the portal shows."""

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from inspecties.onderzoeken.models import Beoordeling, Onderzoek, gescoord

PER_PAGINA = 50


def onderzoeken_overzicht(
    *,
    zoek: str = "",
    jaar: int | None = None,
    gemeente: str = "",
    aanpak: str = "",
    soort: str = "",
    status: str = "",
    kader=None,
) -> QuerySet[Onderzoek]:
    """The list of studies, filtered in the database as the list's form asks (`zoek` looks in
    the names of the approach and of the municipality), in the list's order. Nothing is counted
    here: `onderzoeken_pagina` counts for the rows of one page only."""
    onderzoeken = Onderzoek.objects.all()
    if zoek:
        onderzoeken = onderzoeken.filter(
            Q(aanpak__naam__icontains=zoek) | Q(aanpak__gemeente__naam__icontains=zoek)
        )
    if gemeente:
        onderzoeken = onderzoeken.filter(aanpak__gemeente__naam__icontains=gemeente)
    if aanpak:
        onderzoeken = onderzoeken.filter(aanpak__naam__icontains=aanpak)
    gelijk = {"jaar": jaar, "soort": soort, "status": status, "kader": kader}
    onderzoeken = onderzoeken.filter(**{veld: w for veld, w in gelijk.items() if w})
    return onderzoeken.order_by("-jaar", "aanpak__gemeente__naam", "aanpak__naam", "pk")


def met_voortgang(onderzoeken: QuerySet[Onderzoek]) -> QuerySet[Onderzoek]:
    """What a list row shows of a study's progress, counted in the database: its indicators
    (aantal_indicatoren) and how many are scored (aantal_gescoord). Use it on a bounded set."""
    return (
        onderzoeken.select_related("aanpak__gemeente", "kader")
        .prefetch_related("inspecteurs")
        .annotate(
            aantal_indicatoren=Count("beoordelingen", distinct=True),
            aantal_gescoord=Count(
                "beoordelingen", filter=gescoord("beoordelingen__"), distinct=True
            ),
        )
    )


def onderzoeken_pagina(onderzoeken: QuerySet[Onderzoek], *, pagina, per_pagina: int | None = None):
    """One page of a list of studies (Django's Paginator: a count and one page of ids; a page
    number that is no number or too large gives the first or last page), its rows with what the
    list shows, counted in the database for these rows only. Three queries at any size."""
    per_pagina = per_pagina or PER_PAGINA
    page = Paginator(onderzoeken.values_list("pk", flat=True), per_pagina).get_page(pagina)
    ids = list(page.object_list)
    rijen = met_voortgang(Onderzoek.objects.filter(pk__in=ids))
    volgorde = {pk: i for i, pk in enumerate(ids)}
    page.object_list = sorted(rijen, key=lambda o: volgorde[o.pk])
    # The page numbers to link to ("1 2 … 7 8 9 … 34 35"); a template cannot pass the argument.
    page.reeks = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
    return page


def in_portaal() -> QuerySet[Onderzoek]:
    """The studies the portal may show: published ones, and those reopened after publication
    for a correction (the portal shows their last published version, kept with the frozen
    report). A study published before publications kept that is not shown while reopened."""
    return Onderzoek.objects.filter(
        Q(status=Onderzoek.Status.GEPUBLICEERD)
        | Q(gepubliceerd_rapport__verbeterpunten__isnull=False)
    )


def gepubliceerd_zonder_publicatie(*, cbs_codes) -> QuerySet[Onderzoek]:
    """The published studies of these gemeenten without a frozen publication (just loaded, or
    published by an older version of Toezicht), in the order they were made."""
    return (
        Onderzoek.objects.gepubliceerd()
        .filter(aanpak__gemeente__cbs_code__in=cbs_codes, gepubliceerd_rapport=None)
        .select_related("aanpak__gemeente")
        .order_by("pk")
    )


def gescoorde_beoordelingen(
    *, jaar: int | None = None, status: str | None = None
) -> QuerySet[Beoordeling]:
    """Every scored Beoordeling (an option or niet getoetst) with its study, indicator and
    finding, by year, municipality, study and framework order; for exports of all scores."""
    qs = (
        Beoordeling.objects.gescoord()
        .select_related(
            "onderzoek__aanpak__gemeente",
            "onderzoek__kader",
            "indicator__criterium__thema",
            "optie",
            "bevinding",
        )
        .order_by(
            "onderzoek__jaar",
            "onderzoek__aanpak__gemeente__naam",
            "onderzoek_id",
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        )
    )
    if jaar:
        qs = qs.filter(onderzoek__jaar=jaar)
    if status:
        qs = qs.filter(onderzoek__status=status)
    return qs


def onderzoeken_gefilterd(*, status: str, jaar: int | None = None) -> QuerySet[Onderzoek]:
    """The studies of one status (and year), for a bulk export."""
    onderzoeken = Onderzoek.objects.filter(status=status)
    return onderzoeken.filter(jaar=jaar) if jaar else onderzoeken
