"""Rendering of factsheets and follow-up reports, freezing of published ones, data export."""

import csv
import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from inspecties.models import Onderzoek
from inspecties.selectors import onderzoek_voor_rapport
from rapporten.models import BulkExport, GepubliceerdRapport
from rapporten.pdf import render_pdf

MAANDEN = [
    "Januari", "Februari", "Maart", "April", "Mei", "Juni",
    "Juli", "Augustus", "September", "Oktober", "November", "December",
]  # fmt: skip


def maand_jaar(datum) -> str:
    return f"{MAANDEN[datum.month - 1]} {datum.year}" if datum else ""


def _aanpak_regel(onderzoek: Onderzoek) -> str:
    aanpak = onderzoek.aanpak
    voorgangers = list(aanpak.vervangt.all())
    if not (onderzoek.is_vervolg and voorgangers and onderzoek.vorig_onderzoek_id):
        return aanpak.naam
    namen = " en ".join(f"aanpak {v.naam}" for v in voorgangers)
    return f"{aanpak.naam} ({onderzoek.vorig_onderzoek.jaar}: {namen})"


def rapport_context(*, onderzoek: Onderzoek, pdf: bool = True) -> tuple[str, dict]:
    """The template and context for a study's report (factsheet or follow-up)."""
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    o = inhoud.onderzoek
    gemeente = o.aanpak.gemeente.naam
    if o.is_vervolg:
        template = "rapporten/verbeterpunten.html"
        titel = f"Uitkomsten verbeterpunten toezichtonderzoek {gemeente}"
    else:
        template = "rapporten/factsheet.html"
        titel = f"Uitkomsten toezichtonderzoek {gemeente}"
    voettekst = f"{titel} - Samenwerkend Toezicht Jeugd {maand_jaar(o.publicatiedatum)}"
    context = {
        "inhoud": inhoud,
        "titel": titel,
        "aanpak_regel": _aanpak_regel(o),
        "respondenten": [str(r) for r in o.respondenten.all()],
        "vorig_jaar": o.vorig_onderzoek.jaar if o.vorig_onderzoek_id else "",
        "maand_jaar": maand_jaar(o.publicatiedatum),
        "voettekst_css": voettekst.replace("\\", "\\\\").replace('"', '\\"'),
        "concept": o.status not in (Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD),
        "pdf": pdf,
    }
    return template, context


def rapport_bestandsnaam(onderzoek: Onderzoek) -> str:
    soort = "verbeterpunten" if onderzoek.is_vervolg else "factsheet"
    return f"{soort}-{slugify(onderzoek.aanpak.gemeente.naam)}-{onderzoek.jaar}-{onderzoek.pk}.pdf"


def rapport_renderen(*, onderzoek: Onderzoek) -> tuple[str, bytes]:
    template, context = rapport_context(onderzoek=onderzoek)
    return render_pdf(template, context)


@transaction.atomic
def rapport_bevriezen(*, onderzoek: Onderzoek, vervangen: bool = False) -> GepubliceerdRapport:
    """Render a published study's PDF once and store it with its checksum (idempotent).

    `vervangen` is for publishing again after an explicit, recorded reopening: the new
    publication gets its own frozen PDF.
    """
    bestaand = GepubliceerdRapport.objects.select_for_update().filter(onderzoek=onderzoek).first()
    if bestaand and not vervangen:
        return bestaand
    if bestaand:
        bestaand.pdf.delete(save=False)
        bestaand.delete()
    _, pdf = rapport_renderen(onderzoek=onderzoek)
    rapport = GepubliceerdRapport(onderzoek=onderzoek, sha256=hashlib.sha256(pdf).hexdigest())
    rapport.pdf.save(rapport_bestandsnaam(onderzoek), ContentFile(pdf), save=False)
    rapport.save()
    return rapport


def gepubliceerd_pdf(*, onderzoek: Onderzoek) -> bytes:
    """The frozen PDF of a published study (frozen lazily on first request)."""
    if onderzoek.status != Onderzoek.Status.GEPUBLICEERD:
        raise ValueError("Alleen gepubliceerde onderzoeken hebben een vastgelegd rapport.")
    rapport = rapport_bevriezen(onderzoek=onderzoek)
    with rapport.pdf.open("rb") as f:
        pdf = f.read()
    if hashlib.sha256(pdf).hexdigest() != rapport.sha256:
        raise ValueError("Het opgeslagen rapport is beschadigd (controlegetal klopt niet).")
    return pdf


def rapport_pdf(*, onderzoek: Onderzoek) -> bytes:
    """Published: the frozen bytes; otherwise a fresh rendering (with CONCEPT if not approved)."""
    if onderzoek.status == Onderzoek.Status.GEPUBLICEERD:
        return gepubliceerd_pdf(onderzoek=onderzoek)
    return rapport_renderen(onderzoek=onderzoek)[1]


SCORE_KOLOMMEN = [
    "gemeente", "cbs_code", "aanpak", "onderzoek_jaar", "kader", "kader_versie", "thema",
    "criterium", "indicator_sleutel", "indicator", "score", "bevinding",
]  # fmt: skip


def score_rijen(*, onderzoeken) -> list[list]:
    """One row per study × indicator in scope."""
    rijen = []
    for onderzoek in onderzoeken:
        inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
        o = inhoud.onderzoek
        for rij in inhoud.rijen:
            b = rij.beoordeling
            bevinding = b.bevinding
            tekst = ""
            if bevinding:
                tekst = bevinding.tekst + (
                    f" LET OP: {bevinding.let_op}" if bevinding.let_op else ""
                )
            rijen.append(
                [
                    o.aanpak.gemeente.naam,
                    getattr(o.aanpak.gemeente, "cbs_code", ""),
                    o.aanpak.naam,
                    o.jaar,
                    o.kader.sleutel,
                    o.kader.versie,
                    rij.indicator.criterium.thema.naam,
                    rij.indicator.criterium.naam,
                    rij.indicator.sleutel,
                    rij.indicator.tekst,
                    b.optie.symbool if b.optie else ("niet getoetst" if b.niet_getoetst else ""),
                    tekst,
                ]
            )
    return rijen


def scores_csv(*, onderzoeken) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SCORE_KOLOMMEN)
    writer.writerows(score_rijen(onderzoeken=onderzoeken))
    return buffer.getvalue().encode("utf-8-sig")


def scores_xlsx(*, onderzoeken) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws.append(SCORE_KOLOMMEN)
    for rij in score_rijen(onderzoeken=onderzoeken):
        ws.append(rij)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class RapportFout(Exception):
    """A report request that cannot be done, with a Dutch message for the user."""


def bulk_export_aanvragen(*, onderzoeken, omschrijving: str, door) -> BulkExport:
    """Queue a ZIP of the given studies' PDFs; the worker renders it in the background."""
    from rapporten.tasks import bulk_export_uitvoeren

    ids = list(
        onderzoeken.order_by("aanpak__gemeente__naam", "jaar", "pk").values_list("pk", flat=True)
    )
    if not ids:
        raise RapportFout("Er zijn geen onderzoeken die bij deze keuze passen.")
    export = BulkExport.objects.create(
        aangevraagd_door=door, omschrijving=omschrijving, onderzoek_ids=ids, totaal=len(ids)
    )
    # With the database backend the task row commits with the export; the worker sees both.
    bulk_export_uitvoeren.enqueue(export.pk)
    return export


def bulk_export_renderen(*, export_id: int) -> None:
    from django.conf import settings

    from rapporten.bulk import bulk_zip

    export = BulkExport.objects.get(pk=export_id)
    BulkExport.objects.filter(pk=export_id).update(status=BulkExport.Status.BEZIG, klaar=0)

    def voortgang(klaar: int, totaal: int) -> None:
        BulkExport.objects.filter(pk=export_id).update(klaar=klaar)

    try:
        data = bulk_zip(
            onderzoek_ids=export.onderzoek_ids,
            workers=getattr(settings, "RAPPORTEN_BULK_WORKERS", 2),
            voortgang=voortgang,
        )
    except Exception as fout:
        BulkExport.objects.filter(pk=export_id).update(
            status=BulkExport.Status.MISLUKT, foutmelding=str(fout)[:2000]
        )
        raise
    export.refresh_from_db()
    export.zip.save(f"toezicht-export-{export.pk}.zip", ContentFile(data), save=False)
    export.status = BulkExport.Status.KLAAR
    export.klaar = export.totaal
    export.save(update_fields=["zip", "status", "klaar"])
