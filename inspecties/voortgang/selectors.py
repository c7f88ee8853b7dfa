"""Reads of progress reports and their due dates (the inspectors' inbox, the portal)."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import QuerySet

from gemeenten.models import Gemeente
from inspecties.onderzoeken.models import Beoordeling, Onderzoek
from inspecties.regels.deadlines import (
    deadline_status,
    standaard_voortgang_deadline,
    verbeterpunt_status,
)
from inspecties.voortgang.models import Verbeterplan, Voortgangsrapportage


def met_deadline(onderzoeken, vandaag):
    """Each study with its progress deadline and status; a study whose follow-up is published
    is no longer overdue (its points live on in the follow-up). One query."""
    opgevolgd = set(
        Onderzoek.objects.filter(
            vervolgonderzoeken__status=Onderzoek.Status.GEPUBLICEERD,
            pk__in=[o.pk for o in onderzoeken],
        ).values_list("pk", flat=True)
    )
    for o in onderzoeken:
        o.deadline = voortgang_deadline_van(o)
        o.deadline_status = (
            "" if o.pk in opgevolgd else deadline_status(o.deadline, vandaag=vandaag)
        )
    return onderzoeken


def inbox_rapportages(*, onderzoek: Onderzoek | None = None) -> QuerySet[Voortgangsrapportage]:
    qs = Voortgangsrapportage.objects.select_related(
        "onderzoek__aanpak__gemeente", "ingediend_door", "gelezen_door"
    )
    if onderzoek is not None:
        qs = qs.filter(onderzoek=onderzoek)
    return qs


PER_PAGINA = 50


def inbox_pagina(rapportages: QuerySet[Voortgangsrapportage], *, pagina):
    """One page of the inbox, newest first (Django's Paginator), with the number of unread
    reports counted in the database: the inbox does not grow with the years of reports."""
    page = Paginator(rapportages, PER_PAGINA).get_page(pagina)
    page.reeks = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
    page.aantal_ongelezen = rapportages.filter(gelezen_op__isnull=True).count()
    return page


def voortgang_deadline_van(onderzoek: Onderzoek) -> date | None:
    """The set due date, or one year after publication when none was set."""
    if onderzoek.voortgang_deadline:
        return onderzoek.voortgang_deadline
    if onderzoek.publicatiedatum:
        return standaard_voortgang_deadline(onderzoek.publicatiedatum)
    return None


@dataclass(frozen=True)
class Verbeterpunt:
    """An improvement point as the portal shows it; kept in this form with a publication."""

    sleutel: str
    indicator: str
    symbool: str
    label: str
    bevinding: str = ""
    let_op: str = ""


def verbeterpunten_van(beoordelingen) -> list[Verbeterpunt]:
    """The X-scored ones of these scores, in the order given (pure)."""
    return [
        Verbeterpunt(
            sleutel=b.indicator.sleutel,
            indicator=b.indicator.tekst,
            symbool=b.optie.symbool,
            label=b.optie.label,
            bevinding=b.bevinding.tekst if b.bevinding else "",
            let_op=b.bevinding.let_op if b.bevinding else "",
        )
        for b in beoordelingen
        if b.optie is not None and b.optie.is_verbeterpunt
    ]


def punten_van_onderzoek(onderzoek: Onderzoek) -> list[Verbeterpunt]:
    """The improvement points of one published study, as published (live for a study published
    before publications kept them: it is still published, so live is the same)."""
    punten = (
        Onderzoek.objects.filter(
            pk=onderzoek.pk, gepubliceerd_rapport__verbeterpunten__isnull=False
        )
        .values_list("gepubliceerd_rapport__verbeterpunten", flat=True)
        .first()
    )
    if punten is not None:
        return [Verbeterpunt(**p) for p in punten]
    return verbeterpunten_van(
        Beoordeling.objects.filter(onderzoek=onderzoek, optie__is_verbeterpunt=True)
        .select_related("indicator__criterium__thema", "optie", "bevinding")
        .order_by(
            "indicator__criterium__thema__volgorde",
            "indicator__criterium__volgorde",
            "indicator__volgorde",
        )
    )


def is_opgevolgd(onderzoek: Onderzoek) -> bool:
    """A published follow-up re-scored this study's points: they live on there."""
    return onderzoek.vervolgonderzoeken.filter(status=Onderzoek.Status.GEPUBLICEERD).exists()


def open_verbeterpunten_van(*, onderzoek: Onderzoek, gebruiker) -> list[Verbeterpunt]:
    """The points of a published study of the user's own gemeente that still need a plan or
    progress: none for another gemeente's study, an unpublished one or one followed up."""
    eigen = Gemeente.objects.voor_gebruiker(gebruiker).filter(pk=onderzoek.aanpak.gemeente_id)
    if onderzoek.status != Onderzoek.Status.GEPUBLICEERD or not eigen.exists():
        return []
    if is_opgevolgd(onderzoek):
        return []
    return punten_van_onderzoek(onderzoek)


@dataclass
class PuntMetPlan:
    punt: Verbeterpunt
    plan: Verbeterplan | None
    status: str  # deadline_status of the point: '' once its plan is accepted


def punten_met_plan(*, onderzoek: Onderzoek, punten: list[Verbeterpunt], vandaag: date):
    """Each point with its plan (one query) and whether it is overdue: a point whose plan the
    inspectors accepted is not; otherwise the plan's date, or the report's deadline, counts."""
    plannen = {p.sleutel: p for p in Verbeterplan.objects.filter(onderzoek=onderzoek)}
    deadline = voortgang_deadline_van(onderzoek)
    uit = []
    for punt in punten:
        plan = plannen.get(punt.sleutel)
        uit.append(
            PuntMetPlan(
                punt=punt,
                plan=plan,
                status=verbeterpunt_status(
                    plan.uiterlijk if plan else deadline,
                    vandaag=vandaag,
                    geaccepteerd=bool(plan and plan.geaccepteerd_op),
                ),
            )
        )
    return uit


def plannen_van(onderzoek_pk: int) -> dict[str, Verbeterplan]:
    """The plans of one study by indicator key (one query), for the follow-up's scoring page."""
    return {
        p.sleutel: p
        for p in Verbeterplan.objects.filter(onderzoek_id=onderzoek_pk)
        .select_related("geaccepteerd_door")
        .order_by()  # a dict needs no order; Meta's ("onderzoek") would join the study's own
    }


def gekoppelde_rapportages(onderzoek_pk: int) -> list[Voortgangsrapportage]:
    """The progress reports linked to this follow-up, with their assessment."""
    return list(
        Voortgangsrapportage.objects.filter(vervolgonderzoek_id=onderzoek_pk).select_related(
            "beoordeeld_door", "ingediend_door"
        )
    )
