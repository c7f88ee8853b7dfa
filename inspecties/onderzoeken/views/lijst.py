"""The list of studies and creating a new one."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import INTERN, Rol, heeft_rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import (
    OnderzoekAanmakenForm,
    OnderzoekFilterForm,
)
from inspecties.onderzoeken.selectors import onderzoeken_overzicht


@require_GET
@rol_vereist(*INTERN)
def onderzoek_lijst(request):
    filters = OnderzoekFilterForm(request.GET or None)
    onderzoeken = onderzoeken_overzicht(**(filters.cleaned_data if filters.is_valid() else {}))
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
    return (
        get_user_model()
        .objects.filter(groups__name=Rol.INSPECTEUR)
        .order_by("first_name", "last_name", "username")
    )


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def onderzoek_nieuw(request):
    form = OnderzoekAanmakenForm(request.POST or None, inspecteurs=_inspecteurs())
    if request.method == "POST" and form.is_valid():
        try:
            onderzoek = services.onderzoek_aanmaken(**form.cleaned_data, door=request.user)
        except ToezichtFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "Het onderzoek is aangemaakt.")
            return redirect("inspecties:onderzoek_scoren", pk=onderzoek.pk)
    return render(request, "inspecties/onderzoek_nieuw.html", {"form": form})
