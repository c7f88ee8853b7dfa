"""The scoring page of a study and its saves: one indicator row (htmx or a whole page), a
finding shared by several indicators, a theme's conclusion, the study's own texts."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import INTERN, Rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import (
    BeoordelingForm,
    BevindingDelenForm,
    ConclusieForm,
    LoskoppelenForm,
    OnderzoekTekstenForm,
)
from inspecties.onderzoeken.models import Beoordeling, Onderzoek, ThemaConclusie
from inspecties.onderzoeken.services import (
    DelenGeweigerd,
    RijConflict,
    VersieConflict,
)
from inspecties.onderzoeken.views.pagina import (
    CONCEPT_OPGESLAGEN,
    PAGINA,
    bewaar_invoer_bij_verlopen_sessie,
    bewaarde_invoer_terugzetten,
    concept_opgeslagen,
    formulierfouten,
    pagina_context,
    rij_invoer,
    rijen_context,
    verschillen_met,
)


@require_GET
@rol_vereist(*INTERN)
def onderzoek_scoren(request, pk: int):
    get_object_or_404(Onderzoek, pk=pk)
    context = pagina_context(request, pk)
    bewaarde_invoer_terugzetten(request, context)
    context["concept_opgeslagen"] = request.session.pop(CONCEPT_OPGESLAGEN, [])
    return render(request, PAGINA, context)


def _rij_antwoord(request, onderzoek_id: int, beoordeling_id: int, **rij_extra):
    """The saved row as an htmx fragment, or the whole page when there is no JavaScript."""
    context = (rijen_context if request.htmx else pagina_context)(request, onderzoek_id)
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
    if request.htmx:  # the row, and out of band: the counter, the outline, the live region
        context.update(rij=rij, oob=True)
        return render(request, PAGINA + "#beoordeling-rij", context)
    status = 409 if rij_extra.get("conflict") else 400 if rij_extra.get("fout") else 200
    return render(request, PAGINA, context, status=status)


@require_http_methods(["GET", "POST"])
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def beoordeling_opslaan(request, pk: int, beoordeling_pk: int):
    """Save one indicator row: its score and its finding, each against what was loaded."""
    beoordeling = get_object_or_404(
        Beoordeling.objects.select_related("onderzoek"), pk=beoordeling_pk, onderzoek_id=pk
    )
    if request.method == "GET":  # htmx reloads the row; without JavaScript: the page, at the row
        return (
            _rij_antwoord(request, pk, beoordeling.pk)
            if request.htmx
            else _naar_rij(pk, beoordeling)
        )
    form = BeoordelingForm(request.POST, opties=beoordeling.onderzoek.kader.schaal.all())
    if not form.is_valid():
        invoer = rij_invoer(form.data)
        return _rij_antwoord(request, pk, beoordeling.pk, fout=formulierfouten(form), invoer=invoer)
    try:
        services.beoordelingsrij_opslaan(beoordeling=beoordeling, door=request.user, **form.rij())
    except RijConflict as conflict:
        invoer = rij_invoer(form.data, getoond=conflict.actueel)
        return _rij_antwoord(request, pk, beoordeling.pk, conflict=conflict, invoer=invoer)
    except ToezichtFout as fout:
        invoer = rij_invoer(form.data)
        return _rij_antwoord(request, pk, beoordeling.pk, fout=str(fout), invoer=invoer)
    if request.htmx:
        return _rij_antwoord(request, pk, beoordeling.pk, opgeslagen=True)
    messages.success(request, "Opgeslagen.")
    concept_opgeslagen(request, f"rij-{beoordeling.pk}")
    return _naar_rij(pk, beoordeling)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def bevinding_loskoppelen(request, pk: int, beoordeling_pk: int):
    """One indicator stops sharing its finding (it keeps a copy); the page is shown again,
    with htmx by a reload, since other rows' "gedeeld" marks change too."""
    beoordeling = get_object_or_404(Beoordeling, pk=beoordeling_pk, onderzoek_id=pk)
    form = LoskoppelenForm(request.POST)
    try:
        if not form.is_valid():
            raise ToezichtFout(formulierfouten(form))
        services.bevinding_loskoppelen(
            beoordeling=beoordeling,
            bevinding_id=form.cleaned_data["bevinding_id"],
            versie=form.cleaned_data["bevinding_versie"],
            door=request.user,
        )
    except VersieConflict:
        messages.error(
            request, "De bevinding is intussen gewijzigd; bekijk haar en probeer opnieuw."
        )
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, "Deze indicator heeft nu een eigen bevinding.")
    if request.htmx:
        return HttpResponse(headers={"HX-Refresh": "true"})
    return _naar_rij(pk, beoordeling)


def _naar_rij(pk: int, beoordeling: Beoordeling):
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#rij-{beoordeling.pk}")


def _delen_pagina(request, pk: int, form, status: int, *, fout: str = "", geweigerd=None):
    """The page with the 'one finding for several indicators' form of one criterion open,
    holding what the user typed and chose, with what stands in the way (and will be replaced)."""
    context = pagina_context(request, pk)
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
    messages.error(request, fout or formulierfouten(form))
    return redirect("inspecties:onderzoek_scoren", pk=pk)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def bevinding_delen(request, pk: int):
    rijen = Beoordeling.objects.filter(onderzoek_id=pk).select_related("indicator", "bevinding")
    form = BevindingDelenForm(request.POST, beoordelingen=rijen)
    if not form.is_valid():
        return _delen_pagina(request, pk, form, 400, fout=formulierfouten(form))
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
    except ToezichtFout as fout:
        return _delen_pagina(request, pk, form, 400, fout=str(fout))
    messages.success(request, "De gedeelde bevinding is opgeslagen.")
    concept_opgeslagen(request, f"delen-{pk}-{gekozen[0].indicator.criterium_id}")
    return redirect("inspecties:onderzoek_scoren", pk=pk)


def _conclusie_pagina(request, pk: int, conclusie_pk: int, data, status: int, **extra):
    """The page with this conclusion showing what the user typed (and why it was not saved)."""
    context = pagina_context(request, pk)
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
            request, pk, conclusie.pk, form.data, 400, fout=formulierfouten(form)
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
    except ToezichtFout as fout:
        return _conclusie_pagina(request, pk, conclusie.pk, form.data, 400, fout=str(fout))
    messages.success(request, "De conclusie is opgeslagen.")
    concept_opgeslagen(request, f"conclusie-{conclusie.pk}")
    return redirect(
        reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#conclusie-{conclusie.pk}"
    )


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def teksten_opslaan(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    form = OnderzoekTekstenForm(
        request.POST, soort=onderzoek.soort, gemeente_id=onderzoek.aanpak.gemeente_id
    )
    if not form.is_valid():
        return render(request, PAGINA, pagina_context(request, pk, teksten_form=form), status=400)
    try:
        services.onderzoek_teksten_opslaan(
            onderzoek=onderzoek, door=request.user, **form.cleaned_data
        )
    except VersieConflict as conflict:
        return _teksten_conflict(request, pk, form, conflict.actueel)
    except ToezichtFout as fout:
        form.add_error(None, str(fout))
        return render(request, PAGINA, pagina_context(request, pk, teksten_form=form), status=400)
    messages.success(request, "De teksten zijn opgeslagen.")
    concept_opgeslagen(request, f"teksten-{pk}")
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + "#teksten")


def _teksten_conflict(request, pk: int, form, actueel: Onderzoek):
    """The page with the user's texts in the form and what the other saved above it."""
    form.add_error(
        None,
        "Iemand anders heeft de teksten intussen gewijzigd. Hieronder staat uw tekst; "
        "wat de ander opsloeg staat erboven. Sla opnieuw op om uw tekst te bewaren.",
    )
    verschillen = verschillen_met(form, actueel, form.fields.keys() - {"versie"})
    form.data = form.data.copy()
    form.data["versie"] = actueel.versie
    context = pagina_context(request, pk, teksten_form=form, teksten_conflict=verschillen)
    return render(request, PAGINA, context, status=409)
