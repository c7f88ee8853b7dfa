"""Account pages: second factor setup and verification, active sessions, password change."""

import base64

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

import qrcode
import qrcode.image.svg
from django_otp import devices_for_user
from django_otp import login as otp_login

from inspecties.beveiliging.selectors import actieve_sessies
from inspecties.beveiliging.services import (
    beveiligingslog_schrijven,
    sessie_sleutel_vervangen,
    sessies_beeindigen,
    totp_apparaat_voor_instellen,
)
from inspecties.models import BeveiligingsGebeurtenis

Soort = BeveiligingsGebeurtenis.Soort


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Verificatiecode",
        max_length=8,
        min_length=6,
        help_text="De code van zes cijfers uit uw authenticator-app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _volgende(request) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse_lazy("start")


def _qr_svg(tekst: str) -> str:
    img = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, box_size=20)
    return img.to_string(encoding="unicode")


@require_http_methods(["GET", "POST"])
@login_required
def tweefactor_instellen(request):
    if request.user.is_verified():
        return redirect("start")
    apparaat = totp_apparaat_voor_instellen(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"].strip()):
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
            otp_login(request, apparaat)
            beveiligingslog_schrijven(soort=Soort.TWEEDE_FACTOR_INGESTELD, request=request)
            messages.success(request, "De tweede factor is ingesteld.")
            return redirect(_volgende(request))
        beveiligingslog_schrijven(soort=Soort.TWEEDE_FACTOR_MISLUKT, request=request)
        form.add_error("code", "Deze code klopt niet. Probeer de volgende code uit de app.")
    context = {
        "form": form,
        "qr_svg": _qr_svg(apparaat.config_url),
        "geheim": base64.b32encode(apparaat.bin_key).decode(),
        "next": request.GET.get("next", ""),
    }
    return render(request, "beveiliging/tweefactor_instellen.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def tweefactor_verifieren(request):
    if request.user.is_verified():
        return redirect(_volgende(request))
    apparaten = list(devices_for_user(request.user, confirmed=True))
    if not apparaten:
        return redirect("beveiliging:tweefactor_instellen")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for apparaat in apparaten:
            if apparaat.verify_token(code):
                otp_login(request, apparaat)
                return redirect(_volgende(request))
        beveiligingslog_schrijven(soort=Soort.TWEEDE_FACTOR_MISLUKT, request=request)
        form.add_error("code", "Deze code klopt niet. Probeer de volgende code uit de app.")
    return render(
        request,
        "beveiliging/tweefactor_verifieren.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def sessies(request):
    huidige = request.session.session_key
    if request.method == "POST":
        if "alle" not in request.POST and "sessie" in request.POST:
            ids = [int(i) for i in request.POST.getlist("sessie") if i.isdigit()]
            aantal = sessies_beeindigen(user=request.user, behalve=huidige, sessie_ids=ids)
        else:
            aantal = sessies_beeindigen(user=request.user, behalve=huidige)
        beveiligingslog_schrijven(soort=Soort.SESSIE_BEEINDIGD, request=request, aantal=aantal)
        messages.success(request, f"{aantal} andere sessie(s) beëindigd.")
        return redirect("beveiliging:sessies")
    return render(
        request,
        "beveiliging/sessies.html",
        {"sessies": actieve_sessies(request.user), "huidige": huidige},
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
