"""Writes of the reports app: freezing a published study's PDF."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from inspecties.models import Onderzoek
from rapporten.context import rapport_context
from rapporten.models import GepubliceerdRapport
from rapporten.pdf import render_pdf


def rapport_pdf(*, onderzoek: Onderzoek | int) -> bytes:
    """A fresh rendering of the study's report (for concepts, previews, bulk of unpublished)."""
    template, context = rapport_context(onderzoek)
    return render_pdf(template, context)[1]


@transaction.atomic
def rapport_bevriezen(*, onderzoek: Onderzoek) -> GepubliceerdRapport:
    """Render the published study's report once and store it; replaces an older frozen copy
    (a study that was reopened and published again)."""
    pdf = rapport_pdf(onderzoek=onderzoek)
    oud = GepubliceerdRapport.objects.filter(onderzoek_id=onderzoek.pk).first()
    if oud is not None:
        oud.pdf.delete(save=False)
        oud.delete()
    rapport = GepubliceerdRapport(onderzoek_id=onderzoek.pk, sha256=hashlib.sha256(pdf).hexdigest())
    rapport.pdf.save("rapport.pdf", ContentFile(pdf), save=True)
    return rapport


def bevroren_pdf(*, onderzoek: Onderzoek) -> bytes:
    """The frozen PDF of a published study, made on first request if it has none (demo data)."""
    rapport = GepubliceerdRapport.objects.filter(onderzoek_id=onderzoek.pk).first()
    if rapport is None:
        rapport = rapport_bevriezen(onderzoek=onderzoek)
    with rapport.pdf.open("rb") as f:
        return f.read()
