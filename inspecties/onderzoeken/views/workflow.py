"""Moving a study through its workflow from the scoring page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import (
    HeropenenForm,
)
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.views.pagina import (
    PAGINA,
    pagina_context,
)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def status_wijzigen(request, pk: int, actie: str):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    try:
        if actie == "ter-review":
            problemen = services.ontbrekend(onderzoek=onderzoek)
            if problemen:
                context = pagina_context(request, pk, ontbrekend=problemen)
                return render(request, PAGINA, context, status=400)
            services.onderzoek_ter_review_sturen(onderzoek=onderzoek, door=request.user)
        elif actie == "vaststellen":
            services.onderzoek_vaststellen(onderzoek=onderzoek, door=request.user)
        elif actie == "heropenen":
            form = HeropenenForm(request.POST)
            if not form.is_valid():  # the page again, with the reason typed and the error
                context = pagina_context(request, pk, heropenen_form=form)
                return render(request, PAGINA, context, status=400)
            services.onderzoek_heropenen(
                onderzoek=onderzoek, door=request.user, reden=form.cleaned_data["reden"]
            )
        else:
            raise Http404
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    else:
        onderzoek.refresh_from_db()
        messages.success(request, f"Status: {onderzoek.get_status_display().lower()}.")
    return redirect("inspecties:onderzoek_scoren", pk=pk)
