"""The search page (and the search box in the menu sends here)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspecties.zoeken.forms import ZoekForm
from inspecties.zoeken.selectors import zoeken as zoeken_in


@require_GET
@login_required
def zoeken(request):
    form = ZoekForm(request.GET or None)
    tekst = form.cleaned_data["zoek"] if form.is_valid() else ""
    treffers = zoeken_in(gebruiker=request.user, tekst=tekst) if tekst else []
    return render(
        request, "zoeken/zoeken.html", {"form": form, "tekst": tekst, "treffers": treffers}
    )
