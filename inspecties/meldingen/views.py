"""The notifications page: the user's own notifications, newest first, and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.meldingen.forms import GelezenForm
from inspecties.meldingen.selectors import LIJST_MAX, meldingen_van
from inspecties.meldingen.services import meldingen_gelezen


@require_GET
@login_required
def lijst(request):
    meldingen = list(meldingen_van(ontvanger=request.user)[:LIJST_MAX])
    ongelezen = sum(1 for m in meldingen if m.gelezen_op is None)
    return render(
        request, "meldingen/lijst.html", {"meldingen": meldingen, "aantal_ongelezen": ongelezen}
    )


@require_GET
@login_required
def openen(request, melding_pk: int):
    """Follow a notification from the list: it counts as read, and on to where the work is.
    Only one's own (another user's id answers 404)."""
    melding = get_object_or_404(meldingen_van(ontvanger=request.user), pk=melding_pk)
    meldingen_gelezen(ontvanger=request.user, ids=[melding.pk])
    return redirect(melding.pad)


@require_POST
@login_required
@invoer_in_formulier
def gelezen(request):
    form = GelezenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Deze melding bestaat niet.")
        return redirect("meldingen:lijst")
    melding = form.cleaned_data["melding"]
    aantal = meldingen_gelezen(
        ontvanger=request.user, ids=[melding] if melding is not None else None
    )
    if melding is None:
        messages.success(request, f"{aantal} melding(en) als gelezen gemarkeerd.")
    return redirect("meldingen:lijst")
