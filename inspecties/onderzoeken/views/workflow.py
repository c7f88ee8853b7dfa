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
from inspecties.onderzoeken.services import NietCompleet
from inspecties.onderzoeken.views.pagina import (
    PAGINA,
    pagina_context,
)


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def status_wijzigen(request, pk: int, actie: str):
    """Ter review, vaststellen, heropenen (with a reason); publishing is rapporten:publiceren."""
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    form = HeropenenForm(request.POST) if actie == "heropenen" else None
    if form is not None and not form.is_valid():  # the page again, with the reason and the error
        return render(request, PAGINA, pagina_context(request, pk, heropenen_form=form), status=400)
    try:
        if actie == "ter-review":
            onderzoek = services.onderzoek_ter_review_sturen(onderzoek=onderzoek, door=request.user)
        elif actie == "vaststellen":
            onderzoek = services.onderzoek_vaststellen(onderzoek=onderzoek, door=request.user)
        elif actie == "heropenen":
            reden = form.cleaned_data["reden"]
            onderzoek = services.onderzoek_heropenen(
                onderzoek=onderzoek, door=request.user, reden=reden
            )
        else:
            raise Http404
    except NietCompleet as fout:  # the page again, listing what is missing
        context = pagina_context(request, pk, ontbrekend=fout.problemen)
        return render(request, PAGINA, context, status=400)
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Status: {onderzoek.get_status_display().lower()}.")
    return redirect("inspecties:onderzoek_scoren", pk=pk)
