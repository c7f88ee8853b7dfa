"""Account pages: login, the second factor (setup, verification, the user's own devices),
active sessions, password change."""

import base64
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp import user_has_device

from inspecties.beveiliging.forms import (
    ApparaatVervangenForm,
    ApparaatVerwijderenForm,
    CodeForm,
    SessiesBeeindigenForm,
)
from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.oidc.provider import oidc_aan
from inspecties.beveiliging.selectors import (
    eigen_sessies,
    sessies_beschreven,
    tweede_factor_apparaten,
)
from inspecties.beveiliging.services import (
    SESSIE_VERLOPEN,
    TeVeelPogingen,
    beveiligingslog_schrijven,
    sessie_sleutel_vervangen,
    sessie_sleutel_wisselen,
    sessies_beeindigen,
    totp_apparaat_voor_instellen,
    tweede_factor_instellen,
    tweede_factor_verifieren,
    tweede_factor_vervangen,
    tweede_factor_verwijderen,
)
from inspecties.fouten import ToezichtFout

Soort = BeveiligingsGebeurtenis.Soort


def sessie_verlopen_melding(reden: str) -> str:
    if reden == "inactief":
        return (
            f"U bent uitgelogd omdat u {settings.SESSIE_INACTIEF_MINUTEN} minuten niets heeft "
            "gedaan. Log opnieuw in."
        )
    return (
        f"Uw sessie is verlopen: na {settings.SESSIE_MAX_UREN} uur moet u opnieuw inloggen. "
        "Log opnieuw in."
    )


class InloggenView(auth_views.LoginView):
    """Django's login view (one message for every wrong combination); says why a session ended
    when it ended for age or idleness."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        verlopen = self.request.session.get(SESSIE_VERLOPEN)
        if verlopen:
            context["sessie_verlopen"] = sessie_verlopen_melding(verlopen.get("reden", ""))
        if oidc_aan():  # single sign-on for staff (issue 17)
            context["oidc_naam"] = settings.OIDC_NAAM
        return context


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse_lazy("start")


def _met_volgende(url: str, request) -> str:
    volgende = request.GET.get("next") or request.POST.get("next")
    return f"{url}?{urlencode({'next': volgende})}" if volgende else url


def _qr_svg(tekst: str) -> str:
    img = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, box_size=20)
    return img.to_string(encoding="unicode")


def _instel_context(apparaat) -> dict:
    return {
        "qr_svg": _qr_svg(apparaat.config_url),
        "geheim": base64.b32encode(apparaat.bin_key).decode(),
    }


def _tweede_factor_geslaagd(request, apparaat) -> None:
    """The session now counts as verified, under a new key."""
    otp_login(request, apparaat)
    sessie_sleutel_wisselen(request=request)


def geverifieerd_vereist(view):
    """The user must be logged in and have passed their second factor in this session."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_verified():
            if user_has_device(request.user, confirmed=True):
                messages.info(request, "Vul eerst de code van uw tweede factor in.")
                doel = reverse("beveiliging:tweefactor_verifieren")
            else:
                messages.info(request, "U heeft nog geen tweede factor. Stel die eerst in.")
                doel = reverse("beveiliging:tweefactor_instellen")
            return redirect(f"{doel}?{urlencode({'next': reverse('beveiliging:apparaten')})}")
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@login_required
def tweefactor_instellen(request):
    """The first second factor. While one is confirmed, nobody gets a new secret here: that
    would let a password alone replace it."""
    if user_has_device(request.user, confirmed=True):
        if request.user.is_verified():
            messages.info(request, "U heeft al een tweede factor. Hier kunt u die vervangen.")
            return redirect("beveiliging:apparaten")
        return redirect(_met_volgende(reverse("beveiliging:tweefactor_verifieren"), request))
    apparaat = totp_apparaat_voor_instellen(user=request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            apparaat = tweede_factor_instellen(
                request=request,
                user=request.user,
                apparaat=apparaat,
                code=form.cleaned_data["code"].strip(),
            )
        except TeVeelPogingen as fout:
            form.add_error("code", str(fout))
            status = 429
        except ToezichtFout as fout:
            form.add_error("code", str(fout))
        else:
            _tweede_factor_geslaagd(request, apparaat)
            messages.success(request, "De tweede factor is ingesteld.")
            return redirect(_volgende(request))
    context = {"form": form, "next": request.GET.get("next", ""), **_instel_context(apparaat)}
    return render(request, "beveiliging/tweefactor_instellen.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def tweefactor_verifieren(request):
    if request.user.is_verified():
        return redirect(_volgende(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect(_met_volgende(reverse("beveiliging:tweefactor_instellen"), request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            apparaat = tweede_factor_verifieren(
                request=request, user=request.user, code=form.cleaned_data["code"].strip()
            )
        except TeVeelPogingen as fout:
            form.add_error("code", str(fout))
            status = 429
        except ToezichtFout as fout:
            form.add_error("code", str(fout))
        else:
            _tweede_factor_geslaagd(request, apparaat)
            return redirect(_volgende(request))
    return render(
        request,
        "beveiliging/tweefactor_verifieren.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


def _apparaten_pagina(request, *, verwijder_form=None, status=200):
    return render(
        request,
        "beveiliging/apparaten.html",
        {
            "apparaten": tweede_factor_apparaten(user=request.user),
            "geverifieerd": request.user.is_verified(),
            "verwijder_form": verwijder_form,
        },
        status=status,
    )


@require_http_methods(["GET"])
@login_required
def apparaten(request):
    """The user's own second-factor devices: name, created, last used."""
    return _apparaten_pagina(request)


@require_http_methods(["GET", "POST"])
@geverifieerd_vereist
def apparaat_vervangen(request):
    """A new authenticator in place of a confirmed one: verified session, password and a code
    of the new app."""
    nieuw = totp_apparaat_voor_instellen(user=request.user)
    form = ApparaatVervangenForm(
        request.POST or None, request=request, initial={"apparaat": request.GET.get("apparaat")}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                apparaat = tweede_factor_vervangen(
                    request=request,
                    user=request.user,
                    vervangt=form.cleaned_data["apparaat"],
                    nieuw=nieuw,
                    code=form.cleaned_data["code"].strip(),
                )
            except TeVeelPogingen as fout:
                form.add_error("code", str(fout))
                status = 429
            except ToezichtFout as fout:
                form.add_error("code", str(fout))
            else:
                _tweede_factor_geslaagd(request, apparaat)
                messages.success(request, "Uw tweede factor is vervangen.")
                return redirect("beveiliging:apparaten")
    context = {"form": form, **_instel_context(nieuw)}
    return render(request, "beveiliging/apparaat_vervangen.html", context, status=status)


@require_POST
@geverifieerd_vereist
def apparaat_verwijderen(request):
    form = ApparaatVerwijderenForm(request.POST, request=request)
    if not form.is_valid():
        return _apparaten_pagina(request, verwijder_form=form, status=400)
    try:
        tweede_factor_verwijderen(
            request=request, user=request.user, apparaat=form.cleaned_data["apparaat"]
        )
    except ToezichtFout as fout:
        form.add_error(None, str(fout))
        return _apparaten_pagina(request, verwijder_form=form, status=400)
    messages.success(request, "Het apparaat is verwijderd.")
    return redirect("beveiliging:apparaten")


@require_http_methods(["GET", "POST"])
@login_required
def sessies(request):
    huidige = request.session.session_key
    if request.method == "POST":
        form = SessiesBeeindigenForm(request.POST, sessies=eigen_sessies(user=request.user))
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("sessie", [])))
            return redirect("beveiliging:sessies")
        ids = form.sessie_ids()
        aantal = sessies_beeindigen(user=request.user, behalve=huidige, sessie_ids=ids)
        beveiligingslog_schrijven(soort=Soort.SESSIE_BEEINDIGD, request=request, aantal=aantal)
        messages.success(
            request,
            "De gekozen sessie is beëindigd."
            if ids and aantal == 1
            else f"{aantal} andere sessie(s) beëindigd.",
        )
        return redirect("beveiliging:sessies")
    return render(
        request,
        "beveiliging/sessies.html",
        {
            "sessies": sessies_beschreven(request.user),
            "huidige": huidige,
            "max_uren": settings.SESSIE_MAX_UREN,
            "inactief_minuten": settings.SESSIE_INACTIEF_MINUTEN,
        },
    )


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    """Django's password change; afterwards every other session of the user is ended."""

    template_name = "beveiliging/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("beveiliging:sessies")

    def form_valid(self, form):
        oud = self.request.session.session_key
        response = super().form_valid(form)  # update_session_auth_hash: new key for this session
        nieuw = self.request.session.session_key
        sessie_sleutel_vervangen(oud=oud, nieuw=nieuw)
        sessies_beeindigen(user=self.request.user, behalve=nieuw)
        beveiligingslog_schrijven(soort=Soort.WACHTWOORD_GEWIJZIGD, request=self.request)
        messages.success(
            self.request, "Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd."
        )
        return response
