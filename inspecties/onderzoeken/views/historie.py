"""The change history of a study."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from inspecties.beveiliging.rollen import INTERN, rol_vereist
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.selectors import onderzoek_historie as historie


@require_GET
@rol_vereist(*INTERN)
def onderzoek_historie(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    return render(
        request,
        "inspecties/onderzoek_historie.html",
        {
            "onderzoek": onderzoek,
            "regels": historie(onderzoek=onderzoek),
            "statussen": onderzoek.statuswijzigingen.select_related("door"),
        },
    )
