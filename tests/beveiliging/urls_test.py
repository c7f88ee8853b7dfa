"""A tiny test-only download view standing in for the portal's (issue 4) until the merge."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path

from inspecties.beveiliging.services import beveiligingslog_schrijven, toegang_geweigerd_loggen
from inspecties.models import Voortgangsrapportage
from inspecties.urls import urlpatterns as echte_urls


def download(request, pk):
    rapportage = get_object_or_404(Voortgangsrapportage, pk=pk)
    gemeente = rapportage.onderzoek.aanpak.gemeente
    if not gemeente.gebruikers.filter(pk=request.user.pk).exists():
        toegang_geweigerd_loggen(
            request, bestand=rapportage.pk, gemeente=gemeente.naam, reden="andere gemeente"
        )
        raise Http404
    beveiligingslog_schrijven(soort="download", request=request, bestand=rapportage.pk)
    return FileResponse(rapportage.bestand.open("rb"))


def verboden(request):
    raise PermissionDenied("geen toegang")


urlpatterns = [
    *echte_urls,
    path("test-download/<int:pk>/", download),
    path("test-verboden/", verboden),
]
