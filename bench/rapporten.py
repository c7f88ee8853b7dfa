"""Benchmark of the report rendering: python bench/rapporten.py [N]

Sets up a throwaway SQLite database and media directory, loads the frameworks and the demo,
creates 100 published copies of the demo Gouda study, then times
  - the demo factsheet (Gouda), follow-up (Oosterhout) and onderzoeksrapport (Bergen op Zoom)
    rendered N times each,
  - a bulk export (ZIP) of the 100 copies (two worker processes),
and prints time per document, pages per second and peak memory (incl. child processes).
"""

import io
import resource
import shutil
import sys
import time
import zipfile

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10
KOPIEEN = 100

from opzet import wegwerp_django  # noqa: E402

tmp = wegwerp_django("bench-rapporten-")

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from inspecties.models import Beoordeling, Bevinding, Onderzoek, ThemaConclusie  # noqa: E402
from inspecties.onderzoeken.models import JAAR_MAX, JAAR_MIN  # noqa: E402
from inspecties.onderzoeken.services import onderzoek_aanmaken  # noqa: E402
from rapporten.bulk import bulk_export_maken  # noqa: E402
from rapporten.models import BulkExport  # noqa: E402
from rapporten.services import rapport_pdf  # noqa: E402


def maxrss_mb() -> tuple[float, float]:
    eigen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return eigen, kinderen


def kopie(bron: Onderzoek, jaar: int) -> Onderzoek:
    o = onderzoek_aanmaken(aanpak=bron.aanpak, kader=bron.kader, soort="beleidstoets", jaar=jaar)
    bevindingen = {}
    for b in Bevinding.objects.filter(onderzoek=bron):
        bevindingen[b.pk] = Bevinding.objects.create(onderzoek=o, tekst=b.tekst, let_op=b.let_op)
    nieuw = {b.indicator_id: b for b in o.beoordelingen.all()}
    for b in Beoordeling.objects.filter(onderzoek=bron):
        n = nieuw[b.indicator_id]
        n.optie_id = b.optie_id
        n.niet_getoetst = b.niet_getoetst
        n.bevinding = bevindingen.get(b.bevinding_id)
        n.save()
    for c in ThemaConclusie.objects.filter(onderzoek=bron):
        ThemaConclusie.objects.filter(onderzoek=o, thema=c.thema).update(
            gaat_goed=c.gaat_goed, kan_beter=c.kan_beter
        )
    Onderzoek.objects.filter(pk=o.pk).update(
        status=Onderzoek.Status.GEPUBLICEERD,
        publicatiedatum=bron.publicatiedatum,
        inleiding=bron.inleiding,
        context=bron.context,
        aanpak_beschrijving=bron.aanpak_beschrijving,
    )
    return o


def main() -> None:
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("laad_toetsingskader", verbosity=0)
    call_command("laad_demo", verbosity=0)
    gouda = Onderzoek.objects.get(aanpak__gemeente__naam="Gouda", jaar=2013)
    oosterhout = Onderzoek.objects.get(aanpak__gemeente__naam="Oosterhout", jaar=2014)
    bergen_op_zoom = Onderzoek.objects.get(soort=Onderzoek.Soort.TOEZICHTONDERZOEK)
    with transaction.atomic():
        # Years the validators allow (JAAR_MIN..JAAR_MAX), not the original's.
        jaren = [j for j in range(JAAR_MIN, JAAR_MAX + 1) if j != gouda.jaar][:KOPIEEN]
        kopieen = [kopie(gouda, jaar) for jaar in jaren]
    print(f"setup: {time.perf_counter() - t:.1f} s ({tmp})")

    for naam, onderzoek in (
        ("factsheet Gouda", gouda),
        ("verbeterpunten Oosterhout", oosterhout),
        ("onderzoeksrapport Bergen op Zoom", bergen_op_zoom),
    ):
        rapport_pdf(onderzoek=onderzoek)  # warm-up (fonts, imports)
        t = time.perf_counter()
        for _ in range(N):
            pdf = rapport_pdf(onderzoek=onderzoek)
        duur = (time.perf_counter() - t) / N
        paginas = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{naam}: {duur * 1000:.0f} ms per document, {paginas} pages, "
            f"{paginas / duur:.1f} pages/s, {len(pdf) / 1024:.0f} KiB (N={N})"
        )

    export = BulkExport.objects.create(totaal=len(kopieen))
    export.onderzoeken.set(kopieen)
    t = time.perf_counter()
    bulk_export_maken.call(export_id=export.pk)
    duur = time.perf_counter() - t
    export.refresh_from_db()
    with export.zip.open("rb") as f, zipfile.ZipFile(f) as zf:
        paginas = sum(len(PdfReader(io.BytesIO(zf.read(n))).pages) for n in zf.namelist())
        aantal = len(zf.namelist())
    print(
        f"bulk export: {aantal} studies, {paginas} pages in {duur:.1f} s: "
        f"{duur / aantal * 1000:.0f} ms per document, {paginas / duur:.1f} pages/s, "
        f"ZIP {export.zip.size / 1024 / 1024:.1f} MiB"
    )
    eigen, kinderen = maxrss_mb()
    print(f"peak memory (maxrss): main process {eigen:.0f} MiB, largest child {kinderen:.0f} MiB")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
