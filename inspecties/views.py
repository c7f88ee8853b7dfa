from collections import Counter
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspecties import services
from inspecties.beveiliging.services import BEWAARDE_INVOER, invoer_bij_verlopen_sessie_bewaren
from inspecties.forms import (
    HeropenenForm,
    HoofdstukForm,
    OnderzoekAanmakenForm,
    OnderzoekFilterForm,
    OnderzoekTekstenForm,
)
from inspecties.models import Beoordeling, Hoofdstuk, Onderzoek, ThemaConclusie
from inspecties.rollen import Rol, heeft_rol, rol_vereist
from inspecties.selectors import onderzoek_voor_rapport, onderzoeken_overzicht
from inspecties.services import OnderzoekFout, VersieConflict

INTERN = (Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER)
PAGINA = "inspecties/onderzoek_scoren.html"


@require_GET
@login_required
def start(request):
    """Send each user to the page their role starts on."""
    if heeft_rol(request.user, *INTERN):
        return redirect("inspecties:onderzoek_lijst")
    if heeft_rol(request.user, Rol.GEMEENTE):
        return redirect("portaal:home")
    return render(request, "inspecties/geen_rol.html", status=403)


@require_GET
@rol_vereist(*INTERN)
def onderzoek_lijst(request):
    filters = OnderzoekFilterForm(request.GET or None)
    onderzoeken = onderzoeken_overzicht()
    if filters.is_valid():
        f = filters.cleaned_data
        if f["zoek"]:
            onderzoeken = onderzoeken.filter(
                Q(aanpak__naam__icontains=f["zoek"])
                | Q(aanpak__gemeente__naam__icontains=f["zoek"])
            )
        if f["jaar"]:
            onderzoeken = onderzoeken.filter(jaar=f["jaar"])
        if f["gemeente"]:
            onderzoeken = onderzoeken.filter(aanpak__gemeente__naam__icontains=f["gemeente"])
        if f["aanpak"]:
            onderzoeken = onderzoeken.filter(aanpak__naam__icontains=f["aanpak"])
        for veld in ("soort", "status", "kader"):
            if f[veld]:
                onderzoeken = onderzoeken.filter(**{veld: f[veld]})
    return render(
        request,
        "inspecties/onderzoek_lijst.html",
        {
            "onderzoeken": onderzoeken,
            "filters": filters,
            "mag_bewerken": heeft_rol(request.user, Rol.INSPECTEUR),
        },
    )


def _inspecteurs():
    return get_user_model().objects.filter(groups__name=Rol.INSPECTEUR).order_by("username")


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.INSPECTEUR)
def onderzoek_nieuw(request):
    form = OnderzoekAanmakenForm(request.POST or None, inspecteurs=_inspecteurs())
    if request.method == "POST" and form.is_valid():
        try:
            onderzoek = services.onderzoek_aanmaken(**form.cleaned_data, door=request.user)
        except OnderzoekFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "Het onderzoek is aangemaakt.")
            return redirect("inspecties:onderzoek_scoren", pk=onderzoek.pk)
    return render(request, "inspecties/onderzoek_nieuw.html", {"form": form})


def _pagina_context(request, onderzoek_id: int, **extra) -> dict:
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek_id)
    onderzoek = inhoud.onderzoek
    mag = heeft_rol(request.user, Rol.INSPECTEUR) and onderzoek.is_bewerkbaar
    opties = list(onderzoek.kader.schaal.all())
    per_bevinding = Counter(r.beoordeling.bevinding_id for r in inhoud.rijen)
    for rij in inhoud.rijen:
        rij.gedeeld = (
            bool(rij.beoordeling.bevinding_id) and per_bevinding[rij.beoordeling.bevinding_id] > 1
        )
    teksten = extra.pop("teksten_form", None) or OnderzoekTekstenForm(
        soort=onderzoek.soort,
        initial={
            "versie": onderzoek.versie,
            **{veld: getattr(onderzoek, veld) for veld in services.ONDERZOEK_TEKSTEN},
            "respondenten": [r.pk for r in onderzoek.respondenten.all()],
        },
    )
    hoofdstukken = []
    if onderzoek.is_toezichtonderzoek:
        for h in onderzoek.hoofdstukken.all():
            h.form = HoofdstukForm(
                prefix=f"h{h.pk}",
                initial={"versie": h.versie, **{v: getattr(h, v) for v in Hoofdstuk.TEKSTEN}},
            )
            hoofdstukken.append(h)
    return {
        "inhoud": inhoud,
        "onderzoek": onderzoek,
        "opties": opties,
        "mag_bewerken": mag,
        "is_inspecteur": heeft_rol(request.user, Rol.INSPECTEUR),
        "teksten_form": teksten,
        "hoofdstukken": hoofdstukken,
        "heropenen_form": HeropenenForm(),
        **extra,
    }


@require_GET
@rol_vereist(*INTERN)
def onderzoek_scoren(request, pk: int):
    get_object_or_404(Onderzoek, pk=pk)
    context = _pagina_context(request, pk)
    _bewaarde_invoer_terugzetten(request, context)
    return render(request, PAGINA, context)


def _rij_antwoord(request, onderzoek_id: int, beoordeling_id: int, **rij_extra):
    """The saved row as an htmx fragment, or the whole page when there is no JavaScript."""
    context = _pagina_context(request, onderzoek_id)
    rij = next((r for r in context["inhoud"].rijen if r.beoordeling.pk == beoordeling_id), None)
    if rij is None:
        raise Http404
    for sleutel, waarde in rij_extra.items():
        setattr(rij, sleutel, waarde)
    if request.htmx:
        context["rij"] = rij
        return render(request, PAGINA + "#beoordeling-rij", context)
    status = 409 if rij_extra.get("conflict") else 400 if rij_extra.get("fout") else 200
    return render(request, PAGINA, context, status=status)


def _rij_invoer(data) -> dict:
    """What the user typed in one row, to show again instead of the saved values."""
    return {
        "oordeel": data.get("oordeel", ""),
        "tekst": data.get("tekst", ""),
        "let_op": data.get("let_op", ""),
        "bevinding_versie": data.get("bevinding_versie") or None,
    }


def bewaar_invoer_bij_verlopen_sessie(view):
    """A save from a session that ended for age or idleness keeps what was typed (at most
    BEWAARDE_INVOER_MAX_BYTES) and sends the user to log in; the scoring page then shows the
    input again, unsaved (works without JS). Anyone else's POST stores nothing: only a session
    that was logged in carries the "expired" mark (see beveiliging.services)."""

    @wraps(view)
    def wrapper(request, pk: int, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            invoer_bij_verlopen_sessie_bewaren(
                request=request,
                invoer={
                    "onderzoek": pk,
                    "soort": request.resolver_match.url_name,
                    "kwargs": kwargs,
                    "data": {
                        k: request.POST.get(k) for k in request.POST if k != "csrfmiddlewaretoken"
                    },
                },
            )
            return redirect_to_login(reverse("inspecties:onderzoek_scoren", args=[pk]))
        return view(request, pk, **kwargs)

    return wrapper


def _bewaarde_invoer_terugzetten(request, context: dict) -> None:
    bewaard = request.session.get(BEWAARDE_INVOER)
    if not bewaard or bewaard["onderzoek"] != context["onderzoek"].pk:
        return
    del request.session[BEWAARDE_INVOER]
    data = bewaard["data"]
    if bewaard["soort"] == "beoordeling_opslaan":
        for rij in context["inhoud"].rijen:
            if rij.beoordeling.pk == bewaard["kwargs"].get("beoordeling_pk"):
                rij.invoer = _rij_invoer(data)
                rij.hersteld = True
    elif bewaard["soort"] == "conclusie_opslaan":
        for blok in context["inhoud"].themas:
            if blok.conclusie and blok.conclusie.pk == bewaard["kwargs"].get("conclusie_pk"):
                blok.invoer = {
                    "gaat_goed": data.get("gaat_goed", ""),
                    "kan_beter": data.get("kan_beter", ""),
                    "versie": data.get("versie", ""),
                }
                blok.hersteld = True
    elif bewaard["soort"] == "hoofdstuk_opslaan":
        for h in context["hoofdstukken"]:
            if h.pk == bewaard["kwargs"].get("hoofdstuk_pk"):
                h.form = HoofdstukForm(data, prefix=f"h{h.pk}")
                h.hersteld = True


def _int_of_none(waarde: str | None) -> int | None:
    try:
        return int(waarde) if waarde not in (None, "") else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
def beoordeling_opslaan(request, pk: int, beoordeling_pk: int):
    """Save one indicator row: its score and its finding, each against its loaded version."""
    beoordeling = get_object_or_404(
        Beoordeling.objects.select_related("bevinding", "optie"), pk=beoordeling_pk, onderzoek_id=pk
    )
    if request.method == "GET":
        if request.htmx:
            return _rij_antwoord(request, pk, beoordeling.pk)
        return redirect(
            reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#rij-{beoordeling.pk}"
        )

    keuze = request.POST.get("oordeel", "")
    niet_getoetst = keuze == "niet_getoetst"
    optie = None
    if keuze and not niet_getoetst:
        optie = beoordeling.onderzoek.kader.schaal.filter(pk=_int_of_none(keuze)).first()
        if optie is None:
            return _rij_antwoord(request, pk, beoordeling.pk, fout="Kies een geldig oordeel.")
    tekst = request.POST.get("tekst", "")
    let_op = request.POST.get("let_op", "")
    try:
        if (
            optie and optie.pk
        ) != beoordeling.optie_id or niet_getoetst != beoordeling.niet_getoetst:
            versie = _int_of_none(request.POST.get("beoordeling_versie"))
            services.beoordeling_opslaan(
                beoordeling=beoordeling,
                optie=optie,
                niet_getoetst=niet_getoetst,
                versie=versie or 0,
                door=request.user,
            )
        huidig = beoordeling.bevinding
        if "tekst" in request.POST and (
            huidig is None
            and (tekst.strip() or let_op.strip())
            or huidig is not None
            and (huidig.tekst != tekst or huidig.let_op != let_op)
        ):
            services.bevinding_opslaan(
                beoordeling=beoordeling,
                tekst=tekst,
                let_op=let_op,
                versie=_int_of_none(request.POST.get("bevinding_versie")),
                door=request.user,
            )
    except VersieConflict as conflict:
        invoer = _rij_invoer(request.POST)
        is_oordeel = isinstance(conflict.actueel, Beoordeling)
        if not is_oordeel:
            invoer["bevinding_versie"] = conflict.actueel.versie or None
        return _rij_antwoord(
            request,
            pk,
            beoordeling.pk,
            conflict=conflict.actueel,
            conflict_oordeel=is_oordeel,
            invoer=invoer,
        )
    except OnderzoekFout as fout:
        return _rij_antwoord(request, pk, beoordeling.pk, fout=str(fout))
    if request.htmx:
        return _rij_antwoord(request, pk, beoordeling.pk, opgeslagen=True)
    messages.success(request, "Opgeslagen.")
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#rij-{beoordeling.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def bevinding_delen(request, pk: int):
    ids = [i for i in (_int_of_none(v) for v in request.POST.getlist("beoordelingen")) if i]
    beoordelingen = list(
        Beoordeling.objects.filter(onderzoek_id=pk, pk__in=ids).select_related("indicator")
    )
    try:
        services.bevinding_delen(
            beoordelingen=beoordelingen,
            tekst=request.POST.get("tekst", ""),
            let_op=request.POST.get("let_op", ""),
            door=request.user,
        )
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, "De gedeelde bevinding is opgeslagen.")
    return redirect("inspecties:onderzoek_scoren", pk=pk)


@require_POST
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
def conclusie_opslaan(request, pk: int, conclusie_pk: int):
    conclusie = get_object_or_404(ThemaConclusie, pk=conclusie_pk, onderzoek_id=pk)
    gaat_goed = request.POST.get("gaat_goed", "")
    kan_beter = request.POST.get("kan_beter", "")
    try:
        services.conclusie_opslaan(
            conclusie=conclusie,
            gaat_goed=gaat_goed,
            kan_beter=kan_beter,
            versie=_int_of_none(request.POST.get("versie")) or 0,
            door=request.user,
        )
    except VersieConflict as conflict:
        context = _pagina_context(request, pk)
        for blok in context["inhoud"].themas:
            if blok.conclusie and blok.conclusie.pk == conclusie.pk:
                blok.conflict = conflict.actueel
                blok.invoer = {
                    "gaat_goed": gaat_goed,
                    "kan_beter": kan_beter,
                    "versie": conflict.actueel.versie,
                }
        return render(request, PAGINA, context, status=409)
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, "De conclusie is opgeslagen.")
    return redirect(
        reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#conclusie-{conclusie.pk}"
    )


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def teksten_opslaan(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    form = OnderzoekTekstenForm(request.POST, soort=onderzoek.soort)
    if form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie")
        respondenten = data.pop("respondenten", None)
        try:
            services.onderzoek_teksten_opslaan(
                onderzoek=onderzoek,
                versie=versie,
                respondenten=respondenten,
                door=request.user,
                **data,
            )
        except VersieConflict as conflict:
            form.add_error(
                None,
                "Iemand anders heeft de teksten intussen gewijzigd. Hieronder staat uw tekst; "
                "de opgeslagen tekst staat ernaast. Sla opnieuw op om uw tekst te bewaren.",
            )
            form.data = form.data.copy()
            form.data["versie"] = conflict.actueel.versie
            return render(
                request,
                PAGINA,
                _pagina_context(
                    request,
                    pk,
                    teksten_form=form,
                    teksten_conflict=[
                        (veld.label, getattr(conflict.actueel, veld.name, ""))
                        for veld in form.visible_fields()
                        if veld.name != "respondenten"
                    ],
                ),
                status=409,
            )
        except OnderzoekFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, "De teksten zijn opgeslagen.")
            return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + "#teksten")
    return render(request, PAGINA, _pagina_context(request, pk, teksten_form=form), status=400)


def _naar_hoofdstukken(pk: int, anker: str = "hoofdstukken"):
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#{anker}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def hoofdstuk_toevoegen(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    try:
        hoofdstuk = services.hoofdstuk_toevoegen(
            onderzoek=onderzoek, titel=request.POST.get("titel", ""), door=request.user
        )
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
        return _naar_hoofdstukken(pk)
    messages.success(request, f"Hoofdstuk ‘{hoofdstuk.titel}’ is toegevoegd.")
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


def _hoofdstuk_pagina(request, pk: int, hoofdstuk: Hoofdstuk, form, status: int, **extra):
    """The page with this chapter's form showing what the user typed (and why it was refused)."""
    context = _pagina_context(request, pk)
    for h in context["hoofdstukken"]:
        if h.pk == hoofdstuk.pk:
            h.form = form
            for sleutel, waarde in extra.items():
                setattr(h, sleutel, waarde)
    return render(request, PAGINA, context, status=status)


@require_POST
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
def hoofdstuk_opslaan(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukForm(request.POST, prefix=f"h{hoofdstuk.pk}")
    if not form.is_valid():
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 400)
    data = dict(form.cleaned_data)
    versie = data.pop("versie")
    try:
        services.hoofdstuk_opslaan(hoofdstuk=hoofdstuk, versie=versie, door=request.user, **data)
    except VersieConflict as conflict:
        form.data = form.data.copy()
        form.data[form.add_prefix("versie")] = conflict.actueel.versie
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 409, conflict=conflict.actueel)
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, "Het hoofdstuk is opgeslagen.")
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def hoofdstuk_verplaatsen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    try:
        services.hoofdstuk_verplaatsen(
            hoofdstuk=hoofdstuk, omhoog=request.POST.get("richting") == "omhoog", door=request.user
        )
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def hoofdstuk_verwijderen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    try:
        services.hoofdstuk_verwijderen(
            hoofdstuk=hoofdstuk,
            versie=_int_of_none(request.POST.get("versie")) or 0,
            door=request.user,
        )
    except VersieConflict:
        messages.error(
            request,
            f"Hoofdstuk ‘{hoofdstuk.titel}’ is niet verwijderd: iemand anders heeft het intussen "
            "gewijzigd. Bekijk de wijziging en verwijder het zo nodig opnieuw.",
        )
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Hoofdstuk ‘{hoofdstuk.titel}’ is verwijderd.")
    return _naar_hoofdstukken(pk)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def status_wijzigen(request, pk: int, actie: str):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    try:
        if actie == "ter-review":
            problemen = services.ontbrekend(onderzoek=onderzoek)
            if problemen:
                context = _pagina_context(request, pk, ontbrekend=problemen)
                return render(request, PAGINA, context, status=400)
            services.onderzoek_ter_review_sturen(onderzoek=onderzoek, door=request.user)
        elif actie == "vaststellen":
            services.onderzoek_vaststellen(onderzoek=onderzoek, door=request.user)
        elif actie == "publiceren":
            services.onderzoek_publiceren(onderzoek=onderzoek, door=request.user)
        elif actie == "heropenen":
            form = HeropenenForm(request.POST)
            if not form.is_valid():  # the page again, with the reason typed and the error
                context = _pagina_context(request, pk, heropenen_form=form)
                return render(request, PAGINA, context, status=400)
            services.onderzoek_heropenen(
                onderzoek=onderzoek, door=request.user, reden=form.cleaned_data["reden"]
            )
        else:
            raise Http404
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    else:
        onderzoek.refresh_from_db()
        messages.success(request, f"Status: {onderzoek.get_status_display().lower()}.")
    return redirect("inspecties:onderzoek_scoren", pk=pk)


@require_GET
@rol_vereist(*INTERN)
def onderzoek_historie(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    opties = {o.pk: f"{o.symbool} {o.label}" for o in onderzoek.kader.schaal.all()}

    def leesbaar(model, veld: str, waarde):
        """A changed field as the users say it: its Dutch label, a score as √/X."""
        if veld == "optie":
            waarde = opties.get(waarde, "–")
        elif isinstance(waarde, bool):
            waarde = "ja" if waarde else "nee"
        return str(model._meta.get_field(veld).verbose_name), waarde

    regels = []
    for naam, qs in (
        ("Onderzoek", Onderzoek.history.filter(id=pk)),
        ("Beoordeling", Beoordeling.history.filter(onderzoek_id=pk).select_related("indicator")),
        ("Bevinding", onderzoek.bevindingen.model.history.filter(onderzoek_id=pk)),
        ("Conclusie", ThemaConclusie.history.filter(onderzoek_id=pk)),
        ("Hoofdstuk", Hoofdstuk.history.filter(onderzoek_id=pk)),
    ):
        records = list(qs.select_related("history_user").order_by("id", "history_date"))
        vorige = {}
        for record in records:
            oud = vorige.get(record.id)
            wijzigingen = []
            if oud is not None:
                delta = record.diff_against(oud, excluded_fields=["versie"])
                wijzigingen = [
                    (
                        *leesbaar(qs.model.instance_type, c.field, c.old),
                        leesbaar(qs.model.instance_type, c.field, c.new)[1],
                    )
                    for c in delta.changes
                ]
            vorige[record.id] = record
            if oud is None or wijzigingen:
                regels.append(
                    {
                        "soort": naam,
                        "record": record,
                        "wijzigingen": wijzigingen,
                        "nieuw": oud is None,
                    }
                )
    regels.sort(key=lambda r: r["record"].history_date, reverse=True)
    statussen = onderzoek.statuswijzigingen.select_related("door")
    return render(
        request,
        "inspecties/onderzoek_historie.html",
        {"onderzoek": onderzoek, "regels": regels, "statussen": statussen},
    )
