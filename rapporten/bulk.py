"""Bulk export: many studies' PDFs in one ZIP, rendered in the background.

The task runs in the db_worker. Database reads and template rendering happen in the worker
process; the CPU-heavy HTML→PDF step runs in a ProcessPoolExecutor (two processes, one per core)
that never touches the database and runs at a lower CPU priority, so the web server stays quick
while an export runs. A published study goes in as its frozen bytes; the export never freezes
anything itself (that is publishing's job, rapporten.services.rapport_bevriezen).
"""

import io
import logging
import os
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from django_tasks import task

from inspecties.models import Onderzoek
from rapporten.context import rapport_context
from rapporten.models import BulkExport
from rapporten.pdf import html_naar_pdf

logger = logging.getLogger(__name__)

WERKERS = 2
# Niceness of the rendering processes: the web server (niceness 0) goes first on a busy CPU.
WERKER_PRIORITEIT = 10


def bestandsnaam(onderzoek: Onderzoek) -> str:
    delen = [str(onderzoek.jaar), onderzoek.aanpak.gemeente.naam, onderzoek.aanpak.naam]
    return f"{slugify('-'.join(delen))}-{onderzoek.pk}.pdf"


def bulk_export_aanvragen(*, onderzoeken, door) -> BulkExport:
    """Create the export record and queue its rendering (after the transaction commits)."""
    onderzoeken = list(onderzoeken)
    export = BulkExport.objects.create(totaal=len(onderzoeken), aangevraagd_door=door)
    export.onderzoeken.set(onderzoeken)
    transaction.on_commit(lambda: bulk_export_maken.enqueue(export_id=export.pk))
    return export


def oude_exports_opruimen(*, ouder_dan: timedelta) -> int:
    """Delete exports (and their ZIPs) requested longer than `ouder_dan` ago; returns how many."""
    grens = timezone.now() - ouder_dan
    oud = list(BulkExport.objects.filter(aangemaakt_op__lt=grens))
    for export in oud:
        export.delete()
    return len(oud)


def _html(onderzoek: Onderzoek) -> str:
    template, context = rapport_context(onderzoek)
    return render_to_string(template, {**context, "voor_pdf": True})


def _lagere_prioriteit() -> None:
    """Initializer of the rendering processes: yield the CPU to the web server."""
    os.setpriority(os.PRIO_PROCESS, 0, max(os.getpriority(os.PRIO_PROCESS, 0), WERKER_PRIORITEIT))


def _vooruit(export_id: int) -> None:
    BulkExport.objects.filter(pk=export_id).update(klaar=F("klaar") + 1)


@task()
def bulk_export_maken(*, export_id: int) -> int:
    export = BulkExport.objects.get(pk=export_id)
    BulkExport.objects.filter(pk=export_id).update(status=BulkExport.Status.BEZIG, klaar=0)
    onderzoeken = list(
        export.onderzoeken.select_related("aanpak__gemeente", "gepubliceerd_rapport").order_by(
            "jaar", "aanpak__gemeente__naam", "pk"
        )
    )
    pdfs: dict[int, bytes] = {}
    te_renderen: dict[int, str] = {}
    try:
        for o in onderzoeken:
            bevroren = getattr(o, "gepubliceerd_rapport", None)
            if o.status == Onderzoek.Status.GEPUBLICEERD and bevroren is not None:
                with bevroren.pdf.open("rb") as f:
                    pdfs[o.pk] = f.read()
                _vooruit(export_id)
            else:
                if o.status == Onderzoek.Status.GEPUBLICEERD:
                    logger.warning(
                        "Gepubliceerd onderzoek %s heeft geen bevroren rapport; voor de export "
                        "vers gerenderd, niet opgeslagen.",
                        o.pk,
                    )
                te_renderen[o.pk] = _html(o)
        if len(te_renderen) > 1:
            with ProcessPoolExecutor(max_workers=WERKERS, initializer=_lagere_prioriteit) as pool:
                futures = {pool.submit(html_naar_pdf, html): pk for pk, html in te_renderen.items()}
                for future in as_completed(futures):
                    pdfs[futures[future]] = future.result()
                    _vooruit(export_id)
        else:
            for pk, html in te_renderen.items():
                pdfs[pk] = html_naar_pdf(html)
                _vooruit(export_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for o in onderzoeken:
                zf.writestr(bestandsnaam(o), pdfs[o.pk])
        export.refresh_from_db()
        export.zip.save("export.zip", ContentFile(buffer.getvalue()), save=False)
        export.status = BulkExport.Status.KLAAR
        export.save(update_fields=["zip", "status"])
    except Exception as fout:
        BulkExport.objects.filter(pk=export_id).update(
            status=BulkExport.Status.MISLUKT, fout=str(fout)[:2000]
        )
        raise
    return len(onderzoeken)
