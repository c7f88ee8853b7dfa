from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from toetsingskader.models import Toetsingskader
from toetsingskader.selectors import kader_naar_data
from toetsingskader.verschil import kader_verschil


@require_http_methods(["GET"])
@login_required
# The roles that read frameworks hold this permission (inspecties.beveiliging.rollen gives it).
@permission_required("toetsingskader.view_toetsingskader", raise_exception=True)
def verschil(request, pk: int, ander_pk: int):
    """Two versions of one framework side by side: what was added, removed, reworded, moved."""
    oud = get_object_or_404(Toetsingskader, pk=pk)
    nieuw = get_object_or_404(Toetsingskader, pk=ander_pk, sleutel=oud.sleutel)
    return render(
        request,
        "toetsingskader/verschil.html",
        {
            "oud": oud,
            "nieuw": nieuw,
            "verschil": kader_verschil(kader_naar_data(kader=oud), kader_naar_data(kader=nieuw)),
            "versies": Toetsingskader.objects.filter(sleutel=oud.sleutel),
        },
    )
