"""The development page of a municipality as a PDF: the same content as the page
(inspecties' template `ontwikkeling/_inhoud.html`), in the reports' print styles."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import INTERN, rol_vereist
from inspecties.ontwikkeling.selectors import ontwikkeling_van_gemeente
from rapporten.pdf import render_pdf


@require_GET
@rol_vereist(*INTERN)
def ontwikkeling_pdf(request, gemeente_pk: int):
    gemeente = get_object_or_404(Gemeente, pk=gemeente_pk)
    ontwikkeling = ontwikkeling_van_gemeente(gemeente)
    _, pdf = render_pdf("rapporten/ontwikkeling.html", {"o": ontwikkeling})
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = f"ontwikkeling-{slugify(gemeente.naam) or gemeente.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
