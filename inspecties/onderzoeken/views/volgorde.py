"""The order of a follow-up's rows in its report, set on the scoring page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import RijvolgordeForm
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.views.pagina import PAGINA, pagina_context


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def rijvolgorde_opslaan(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    rijen = list(onderzoek.beoordelingen.select_related("indicator"))
    form = RijvolgordeForm(request.POST, rijen=rijen)
    status = 400
    if form.is_valid():
        try:
            services.rijvolgorde_opslaan(
                onderzoek=onderzoek,
                versie=form.cleaned_data["versie"],
                volgorde=form.volgorde(kaderorde="kaderorde" in request.POST),
                door=request.user,
            )
        except services.VersieConflict:
            status = 409
            form.add_error(
                None,
                "Iemand anders heeft het onderzoek intussen gewijzigd. Uw volgorde staat "
                "hieronder; sla opnieuw op om haar te bewaren.",
            )
            form.data = form.data.copy()
            form.data["versie"] = Onderzoek.objects.get(pk=pk).versie
        except ToezichtFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "De volgorde van de rijen is opgeslagen.")
            return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + "#volgorde")
    context = pagina_context(request, pk, volgorde_form=form)
    return render(request, PAGINA, context, status=status)
