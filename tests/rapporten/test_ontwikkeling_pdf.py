"""The development page as a PDF (rapporten.ontwikkeling): the same content, print styles."""

import io

from django.urls import reverse

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_pdf_heeft_dezelfde_inhoud(demo, client_als, medewerker):
    """A real PDF, named after the municipality, with the tables' text in it."""
    gemeente = demo[("Oosterhout", 2013)].aanpak.gemeente
    antwoord = client_als(medewerker).get(reverse("rapporten:ontwikkeling_pdf", args=[gemeente.pk]))
    assert antwoord.status_code == 200
    assert antwoord.content.startswith(b"%PDF-")
    assert 'filename="ontwikkeling-oosterhout.pdf"' in antwoord["Content-Disposition"]
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    assert "Ontwikkeling Oosterhout" in tekst and "Nog open" in tekst
