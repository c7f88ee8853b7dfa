"""Bulk export: many studies' PDFs in one ZIP, rendered in the background.

The task runs in the db_worker. Database reads and template rendering happen in the worker
process; the CPU-heavy HTML→PDF step runs in a ProcessPoolExecutor (two processes, one per core)
that never touches the database and runs at a lower CPU priority, so the web server stays quick
while an export runs. A published study goes in as its frozen bytes; the export never freezes
anything itself (that is publishing's job, rapporten.services.rapport_bevriezen).

Any worker on any machine may run it (issue 16), and a worker may die half-way. So each run is
one `poging` (attempt): it writes progress, its heartbeat (`bijgewerkt_op`) and its result only
while the export is still BEZIG with its own attempt number; an export that made no progress for
BULK_EXPORT_STIL_SECONDEN is shown as MISLUKT and can be tried again (a new attempt, which a
late zombie of the old one cannot overwrite). The ZIP is built in a temporary file and stored
whole; the record points to it only after it is stored, so a half-written ZIP is never served.
"""

import logging
import os
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from django_tasks import task

from inspecties.fouten import ToezichtFout
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
    transaction.on_commit(lambda: bulk_export_maken.enqueue(export_id=export.pk, poging=1))
    return export


class PogingVervallen(Exception):
    """This attempt is no longer the export's current one (given up as stalled, or retried)."""


def vastgelopen_afsluiten(exports) -> int:
    """Mark those of these exports whose worker stopped (no progress for
    BULK_EXPORT_STIL_SECONDEN while BEZIG) as MISLUKT, in one update; returns how many."""
    grens = timezone.now() - timedelta(seconds=settings.BULK_EXPORT_STIL_SECONDEN)
    return exports.filter(status=BulkExport.Status.BEZIG, bijgewerkt_op__lt=grens).update(
        status=BulkExport.Status.MISLUKT,
        fout="De taakwerker is gestopt tijdens deze export (geen voortgang meer).",
    )


def bulk_export_opnieuw(*, export: BulkExport) -> BulkExport:
    """Try a failed export again: a new attempt, queued after the transaction commits. Only
    a MISLUKT export can be retried, once (a double click finds it WACHTEND)."""
    with transaction.atomic():
        bijgewerkt = BulkExport.objects.filter(
            pk=export.pk, status=BulkExport.Status.MISLUKT
        ).update(
            status=BulkExport.Status.WACHTEND,
            poging=F("poging") + 1,
            klaar=0,
            fout="",
            bijgewerkt_op=timezone.now(),
        )
        if not bijgewerkt:
            raise ToezichtFout("Deze export is niet mislukt; hij wordt al (opnieuw) gemaakt.")
        export.refresh_from_db()
        poging = export.poging
        transaction.on_commit(lambda: bulk_export_maken.enqueue(export_id=export.pk, poging=poging))
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


def _van_deze_poging(export_id: int, poging: int):
    return BulkExport.objects.filter(pk=export_id, poging=poging, status=BulkExport.Status.BEZIG)


def _vooruit(export_id: int, poging: int) -> None:
    """One more PDF done, and a heartbeat; stops the run when it is no longer current."""
    if not _van_deze_poging(export_id, poging).update(
        klaar=F("klaar") + 1, bijgewerkt_op=timezone.now()
    ):
        raise PogingVervallen(f"export {export_id}, poging {poging}")


def _pdfs(onderzoeken, export_id: int, poging: int) -> dict[int, bytes]:
    pdfs: dict[int, bytes] = {}
    te_renderen: dict[int, str] = {}
    for o in onderzoeken:
        bevroren = getattr(o, "gepubliceerd_rapport", None)
        if o.status == Onderzoek.Status.GEPUBLICEERD and bevroren is not None:
            with bevroren.pdf.open("rb") as f:
                pdfs[o.pk] = f.read()
            _vooruit(export_id, poging)
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
                _vooruit(export_id, poging)
    else:
        for pk, html in te_renderen.items():
            pdfs[pk] = html_naar_pdf(html)
            _vooruit(export_id, poging)
    return pdfs


@task()
def bulk_export_maken(*, export_id: int, poging: int = 1) -> int:
    export = BulkExport.objects.get(pk=export_id)
    gestart = BulkExport.objects.filter(
        pk=export_id, poging=poging, status=BulkExport.Status.WACHTEND
    ).update(status=BulkExport.Status.BEZIG, klaar=0, bijgewerkt_op=timezone.now())
    if not gestart:
        logger.warning("Bulkexport %s poging %s is niet (meer) aan de beurt.", export_id, poging)
        return 0
    onderzoeken = list(
        export.onderzoeken.select_related("aanpak__gemeente", "gepubliceerd_rapport").order_by(
            "jaar", "aanpak__gemeente__naam", "pk"
        )
    )
    try:
        pdfs = _pdfs(onderzoeken, export_id, poging)
        with tempfile.TemporaryFile() as tijdelijk:
            with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as zf:
                for o in onderzoeken:
                    zf.writestr(bestandsnaam(o), pdfs[o.pk])
            tijdelijk.seek(0)
            naam = export.zip.storage.save(
                export.zip.field.generate_filename(export, "x.zip"), File(tijdelijk)
            )
        # Point to the stored ZIP only now, and only if this attempt is still the current one.
        if not _van_deze_poging(export_id, poging).update(
            zip=naam, status=BulkExport.Status.KLAAR, bijgewerkt_op=timezone.now()
        ):
            export.zip.storage.delete(naam)
            raise PogingVervallen(f"export {export_id}, poging {poging}")
    except PogingVervallen:
        logger.warning("Bulkexport %s poging %s is opgegeven; gestopt.", export_id, poging)
        return 0
    except Exception as fout:
        _van_deze_poging(export_id, poging).update(
            status=BulkExport.Status.MISLUKT, fout=str(fout)[:2000]
        )
        raise
    return len(onderzoeken)
