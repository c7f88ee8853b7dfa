from collections import Counter
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspecties import services
from inspecties.beveiliging.services import BEWAARDE_INVOER, invoer_bij_verlopen_sessie_bewaren
from inspecties.forms import (
    BeoordelingForm,
    BevindingDelenForm,
    ConclusieForm,
    HeropenenForm,
    HoofdstukForm,
    HoofdstukToevoegenForm,
    HoofdstukVerplaatsenForm,
    HoofdstukVerwijderenForm,
    OnderzoekAanmakenForm,
    OnderzoekFilterForm,
    OnderzoekTekstenForm,
)
from inspecties.middleware import invoer_in_formulier
from inspecties.models import Beoordeling, Hoofdstuk, Onderzoek, ThemaConclusie
from inspecties.rollen import Rol, heeft_rol, rol_vereist
from inspecties.selectors import onderzoek_voor_rapport, onderzoeken_overzicht
from inspecties.services import DelenGeweigerd, OnderzoekFout, RijConflict, VersieConflict

INTERN = (Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER)
PAGINA = "inspecties/onderzoek_scoren.html"
CONCEPT_OPGESLAGEN = "toezicht_concept_opgeslagen"


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
@invoer_in_formulier
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
    context["concept_opgeslagen"] = request.session.pop(CONCEPT_OPGESLAGEN, [])
    return render(request, PAGINA, context)


def _concept_opgeslagen(request, sleutel: str) -> None:
    """Tell the next scoring page that this form (its data-concept) is saved, so the browser
    forgets its draft (static/js/scoren.js); an htmx row says so in the row itself."""
    request.session[CONCEPT_OPGESLAGEN] = [*request.session.get(CONCEPT_OPGESLAGEN, []), sleutel]


def _rij_antwoord(request, onderzoek_id: int, beoordeling_id: int, **rij_extra):
    """The saved row as an htmx fragment, or the whole page when there is no JavaScript."""
    context = _pagina_context(request, onderzoek_id)
    rij = next((r for r in context["inhoud"].rijen if r.beoordeling.pk == beoordeling_id), None)
    if rij is None:
        raise Http404
    for sleutel, waarde in rij_extra.items():
        setattr(rij, sleutel, waarde)
    if rij_extra.get("invoer"):
        keuze = rij.invoer["oordeel"]
        rij.invoer["oordeel_label"] = (
            "niet getoetst"
            if keuze == BeoordelingForm.NIET_GETOETST
            else next(
                (f"{o.symbool} {o.label}" for o in context["opties"] if str(o.pk) == keuze),
                "nog geen",
            )
        )
    if request.htmx:
        context["rij"] = rij
        return render(request, PAGINA + "#beoordeling-rij", context)
    status = 409 if rij_extra.get("conflict") else 400 if rij_extra.get("fout") else 200
    return render(request, PAGINA, context, status=status)


def _rij_invoer(data, *, getoond=None) -> dict:
    """What the user typed in one row, to show again instead of the saved values.

    The finding it was loaded with stays what it was, unless the page now shows another one
    (`getoond`, after a conflict): the next save is then made against what was shown.
    """
    invoer = {
        "oordeel": data.get("oordeel", ""),
        "tekst": data.get("tekst", ""),
        "let_op": data.get("let_op", ""),
        "bevinding_id": data.get("bevinding_id") or None,
        "bevinding_versie": data.get("bevinding_versie") or None,
    }
    if getoond is not None:
        invoer["bevinding_id"] = getoond.bevinding_id
        invoer["bevinding_versie"] = getoond.bevinding.versie if getoond.bevinding else None
    return invoer


def _formulierfouten(form) -> str:
    """A form's errors as one Dutch sentence per field, for a place with no field beside it."""
    return " ".join(
        f"{form.fields[veld].label}: {' '.join(fouten)}"
        if veld in form.fields and form.fields[veld].label
        else " ".join(fouten)
        for veld, fouten in form.errors.items()
    )


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


@require_http_methods(["GET", "POST"])
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def beoordeling_opslaan(request, pk: int, beoordeling_pk: int):
    """Save one indicator row: its score and its finding, each against what was loaded."""
    beoordeling = get_object_or_404(
        Beoordeling.objects.select_related("onderzoek"), pk=beoordeling_pk, onderzoek_id=pk
    )
    if request.method == "GET":
        if request.htmx:
            return _rij_antwoord(request, pk, beoordeling.pk)
        return redirect(
            reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#rij-{beoordeling.pk}"
        )

    form = BeoordelingForm(request.POST, opties=beoordeling.onderzoek.kader.schaal.all())
    if not form.is_valid():
        return _rij_antwoord(
            request, pk, beoordeling.pk, fout=_formulierfouten(form), invoer=_rij_invoer(form.data)
        )
    data = form.cleaned_data
    try:
        services.beoordelingsrij_opslaan(
            beoordeling=beoordeling,
            optie=data["optie"],
            niet_getoetst=data["niet_getoetst"],
            beoordeling_versie=data["beoordeling_versie"],
            bevinding=(data["tekst"], data["let_op"]) if data["met_bevinding"] else None,
            bevinding_id=data["bevinding_id"],
            bevinding_versie=data["bevinding_versie"],
            door=request.user,
        )
    except RijConflict as conflict:
        return _rij_antwoord(
            request,
            pk,
            beoordeling.pk,
            conflict=conflict,
            invoer=_rij_invoer(form.data, getoond=conflict.actueel),
        )
    except OnderzoekFout as fout:
        return _rij_antwoord(
            request, pk, beoordeling.pk, fout=str(fout), invoer=_rij_invoer(form.data)
        )
    if request.htmx:
        return _rij_antwoord(request, pk, beoordeling.pk, opgeslagen=True)
    messages.success(request, "Opgeslagen.")
    _concept_opgeslagen(request, f"rij-{beoordeling.pk}")
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#rij-{beoordeling.pk}")


def _delen_pagina(request, pk: int, form, status: int, *, fout: str = "", geweigerd=None):
    """The page with the 'one finding for several indicators' form of one criterion open,
    holding what the user typed and chose, with what stands in the way (and will be replaced)."""
    context = _pagina_context(request, pk)
    gekozen = set(form.data.getlist("beoordelingen"))
    for blok in context["inhoud"].themas:
        for cblok in blok.criteria:
            if not any(str(r.beoordeling.pk) in gekozen for r in cblok.rijen) and str(
                cblok.criterium.pk
            ) != form.data.get("criterium"):
                continue
            for rij in cblok.rijen:
                rij.delen_gekozen = str(rij.beoordeling.pk) in gekozen
            cblok.delen = {
                "tekst": form.data.get("tekst", ""),
                "let_op": form.data.get("let_op", ""),
                "fout": fout,
                "vervangen": geweigerd.rijen if geweigerd else [],
                "gewijzigd": geweigerd.gewijzigd if geweigerd else set(),
                # Confirming is only asked once the user has seen every text it replaces.
                "bevestigen": geweigerd is not None,
            }
            return render(request, PAGINA, context, status=status)
    messages.error(request, fout or _formulierfouten(form))
    return redirect("inspecties:onderzoek_scoren", pk=pk)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def bevinding_delen(request, pk: int):
    rijen = Beoordeling.objects.filter(onderzoek_id=pk).select_related("indicator", "bevinding")
    form = BevindingDelenForm(request.POST, beoordelingen=rijen)
    if not form.is_valid():
        return _delen_pagina(request, pk, form, 400, fout=_formulierfouten(form))
    data = form.cleaned_data
    gekozen = list(data["beoordelingen"])
    try:
        services.bevinding_delen(
            beoordelingen=gekozen,
            tekst=data["tekst"],
            let_op=data["let_op"],
            geladen=data["geladen"],
            vervangen_bevestigd=data["bevestigd"],
            door=request.user,
        )
    except DelenGeweigerd as geweigerd:
        status = 200 if geweigerd.bevestigen else 409
        return _delen_pagina(request, pk, form, status, fout=str(geweigerd), geweigerd=geweigerd)
    except OnderzoekFout as fout:
        return _delen_pagina(request, pk, form, 400, fout=str(fout))
    messages.success(request, "De gedeelde bevinding is opgeslagen.")
    _concept_opgeslagen(request, f"delen-{pk}-{gekozen[0].indicator.criterium_id}")
    return redirect("inspecties:onderzoek_scoren", pk=pk)


def _conclusie_pagina(request, pk: int, conclusie_pk: int, data, status: int, **extra):
    """The page with this conclusion showing what the user typed (and why it was not saved)."""
    context = _pagina_context(request, pk)
    for blok in context["inhoud"].themas:
        if blok.conclusie and blok.conclusie.pk == conclusie_pk:
            blok.invoer = {
                "gaat_goed": data.get("gaat_goed", ""),
                "kan_beter": data.get("kan_beter", ""),
                "versie": data.get("versie", ""),
            }
            for sleutel, waarde in extra.items():
                setattr(blok, sleutel, waarde)
    return render(request, PAGINA, context, status=status)


@require_POST
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def conclusie_opslaan(request, pk: int, conclusie_pk: int):
    conclusie = get_object_or_404(ThemaConclusie, pk=conclusie_pk, onderzoek_id=pk)
    form = ConclusieForm(request.POST)
    if not form.is_valid():
        return _conclusie_pagina(
            request, pk, conclusie.pk, form.data, 400, fout=_formulierfouten(form)
        )
    try:
        services.conclusie_opslaan(
            conclusie=conclusie,
            gaat_goed=form.cleaned_data["gaat_goed"],
            kan_beter=form.cleaned_data["kan_beter"],
            versie=form.cleaned_data["versie"] or 0,
            door=request.user,
        )
    except VersieConflict as conflict:
        getoond = {**form.data.dict(), "versie": conflict.actueel.versie}
        return _conclusie_pagina(request, pk, conclusie.pk, getoond, 409, conflict=conflict.actueel)
    except OnderzoekFout as fout:
        return _conclusie_pagina(request, pk, conclusie.pk, form.data, 400, fout=str(fout))
    messages.success(request, "De conclusie is opgeslagen.")
    _concept_opgeslagen(request, f"conclusie-{conclusie.pk}")
    return redirect(
        reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#conclusie-{conclusie.pk}"
    )


def _verschillen(form, actueel, namen) -> list[tuple[str, str]]:
    """Each field whose saved value (`actueel`, saved by someone else) differs from what the
    user sent: its label and the saved value as shown, so both versions are on the page."""
    verschillen = []
    for naam in namen:
        mijn = form.cleaned_data.get(naam)
        if naam == "respondenten":
            hun = list(actueel.respondenten.all())
            if {r.pk for r in hun} == {r.pk for r in mijn or ()}:
                continue
            getoond = ", ".join(r.naam for r in hun)
        else:
            hun = getattr(actueel, naam)
            if (hun or None) == (mijn or None):
                continue
            getoond = date_format(hun) if isinstance(hun, date) else hun
        verschillen.append((form.fields[naam].label, getoond or "(leeg)"))
    return verschillen


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
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
                "wat de ander opsloeg staat erboven. Sla opnieuw op om uw tekst te bewaren.",
            )
            verschillen = _verschillen(form, conflict.actueel, form.fields.keys() - {"versie"})
            form.data = form.data.copy()
            form.data["versie"] = conflict.actueel.versie
            return render(
                request,
                PAGINA,
                _pagina_context(request, pk, teksten_form=form, teksten_conflict=verschillen),
                status=409,
            )
        except OnderzoekFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "De teksten zijn opgeslagen.")
            _concept_opgeslagen(request, f"teksten-{pk}")
            return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + "#teksten")
    return render(request, PAGINA, _pagina_context(request, pk, teksten_form=form), status=400)


def _naar_hoofdstukken(pk: int, anker: str = "hoofdstukken"):
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#{anker}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_toevoegen(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    form = HoofdstukToevoegenForm(request.POST)
    if not form.is_valid():
        context = _pagina_context(request, pk, nieuw_hoofdstuk_form=form)
        return render(request, PAGINA, context, status=400)
    try:
        hoofdstuk = services.hoofdstuk_toevoegen(
            onderzoek=onderzoek, titel=form.cleaned_data["titel"], door=request.user
        )
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
        return _naar_hoofdstukken(pk)
    messages.success(request, f"Hoofdstuk ‘{hoofdstuk.titel}’ is toegevoegd.")
    _concept_opgeslagen(request, f"nieuw-hoofdstuk-{pk}")
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
@invoer_in_formulier
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
        verschillen = _verschillen(form, conflict.actueel, Hoofdstuk.TEKSTEN)
        form.data = form.data.copy()
        form.data[form.add_prefix("versie")] = conflict.actueel.versie
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 409, verschillen=verschillen)
    except OnderzoekFout as fout:
        form.add_error(None, str(fout))
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 400)
    messages.success(request, "Het hoofdstuk is opgeslagen.")
    _concept_opgeslagen(request, f"hoofdstuk-{hoofdstuk.pk}")
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_verplaatsen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukVerplaatsenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _formulierfouten(form))
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    try:
        services.hoofdstuk_verplaatsen(
            hoofdstuk=hoofdstuk,
            omhoog=form.cleaned_data["richting"] == "omhoog",
            door=request.user,
        )
    except OnderzoekFout as fout:
        messages.error(request, str(fout))
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_verwijderen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukVerwijderenForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            f"Hoofdstuk ‘{hoofdstuk.titel}’ is niet verwijderd: laad de pagina opnieuw en "
            "probeer het nog eens.",
        )
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    try:
        services.hoofdstuk_verwijderen(
            hoofdstuk=hoofdstuk, versie=form.cleaned_data["versie"], door=request.user
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
@invoer_in_formulier
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
