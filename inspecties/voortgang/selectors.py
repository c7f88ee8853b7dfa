"""Reads of progress reports and their due dates (the inspectors' inbox, the portal)."""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import QuerySet

from inspecties.onderzoeken.models import Onderzoek
from inspecties.regels.deadlines import deadline_status, standaard_voortgang_deadline
from inspecties.voortgang.models import Voortgangsrapportage


def met_deadline(onderzoeken, vandaag):
    for o in onderzoeken:
        o.deadline = voortgang_deadline_van(o)
        o.deadline_status = deadline_status(o.deadline, vandaag=vandaag)
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
