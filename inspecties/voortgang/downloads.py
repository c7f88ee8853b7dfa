"""A stored progress report as a download."""

from django.http import FileResponse

from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.uploads import downloadnaam


def bijlage(rapportage: Voortgangsrapportage) -> FileResponse:
    """The stored file as a download that browsers will not render or sniff, named with the
    extension of the type we recognised (a PDF uploaded as x.html downloads as x.pdf)."""
    response = FileResponse(
        rapportage.bestand.open("rb"),
        as_attachment=True,
        filename=downloadnaam(rapportage.oorspronkelijke_naam, rapportage.inhoudstype),
        content_type=rapportage.inhoudstype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
