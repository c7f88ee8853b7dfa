"""The real URLs plus views that fail on purpose, for the error pages (test only)."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from inspecties.urls import urlpatterns as echte_urls


def kapot(request):
    raise RuntimeError("Een fout die niemand verwachtte")


def verdacht(request):
    raise SuspiciousOperation("Een verzoek dat niet klopt")


urlpatterns = [*echte_urls, path("test-kapot/", kapot), path("test-verdacht/", verdacht)]
