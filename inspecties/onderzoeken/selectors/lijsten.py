"""Lists of studies: the inspectors' list with its filters, exports, what the portal shows."""

from django.db.models import Count, Q, QuerySet

from inspecties.onderzoeken.models import Beoordeling, Onderzoek, gescoord


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
    """The list of studies, filtered as the list's form asks (`zoek` looks in the names of the
    approach and of the municipality), with what the list shows counted in the database."""
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
