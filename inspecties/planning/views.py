"""The inspection calendar: the month view with the proposal list, the page where an inspector
makes or revokes the link of their agenda feed, and the feed itself (no login: the token)."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import INTERN, Rol, rol_vereist
from inspecties.planning.forms import AgendaTokenForm, MaandForm
from inspecties.planning.ics import agenda_ics
from inspecties.planning.kalender import buurmaanden, maand_weken, vul_weken
from inspecties.planning.selectors import (
    agenda_items,
    heeft_agenda_token,
    inspecteur_bij_token,
    voorstellen,
)
from inspecties.planning.services import agenda_token_intrekken, agenda_token_maken


@require_GET
@rol_vereist(*INTERN)
def kalender(request):
    vandaag = timezone.localdate()
    form = MaandForm(request.GET or None)
    eerste = vandaag.replace(day=1)
    if form.is_bound and form.is_valid():
        eerste = date(form.cleaned_data["jaar"], form.cleaned_data["maand"], 1)
    elif form.is_bound:
        messages.error(request, "Deze maand bestaat niet; u ziet de huidige maand.")
    weken = maand_weken(eerste.year, eerste.month)
    items = agenda_items(van=weken[0][0], tot=weken[-1][-1])
    vorige, volgende = buurmaanden(eerste.year, eerste.month)
    context = {
        "eerste": eerste,
        "weken": vul_weken(weken, eerste.month, items),
        "items": [i for i in items if i.van < volgende and i.tot >= eerste],
        "vorige": vorige,
        "volgende": volgende,
        "voorstellen": voorstellen(vandaag=vandaag),
    }
    return render(request, "planning/kalender.html", context)


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def agenda_link(request):
    form = AgendaTokenForm(request.POST or None)
    token = None
    if form.is_valid():
        if form.cleaned_data["actie"] == "maken":
            token = agenda_token_maken(door=request.user)
        elif agenda_token_intrekken(door=request.user):
            messages.success(request, "De agendalink is ingetrokken; de oude link werkt niet meer.")
    feed = None
    if token:
        feed = request.build_absolute_uri(
            f"{reverse('planning:feed')}?{urlencode({'sleutel': token})}"
        )
    context = {"form": AgendaTokenForm(), "feed": feed, "actief": heeft_agenda_token(request.user)}
    return render(request, "planning/agenda_link.html", context)


@require_safe
def feed(request):
    """No login: the token is the key. It travels in the query string, which our request logs
    leave out (inspecties.beheer.logboek), so it does not end up in them."""
    inspecteur = inspecteur_bij_token(request.GET.get("sleutel", ""))
    if inspecteur is None:
        raise Http404("Onbekende agendalink")
    naam = inspecteur.get_full_name() or inspecteur.username
    ics = agenda_ics(
        agenda_items(inspecteur=inspecteur),
        naam=naam,
        domein=request.get_host(),
        link=lambda o: request.build_absolute_uri(
            reverse("inspecties:onderzoek_scoren", args=[o.pk])
        ),
    )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="inspectieplanning.ics"'
    return response
