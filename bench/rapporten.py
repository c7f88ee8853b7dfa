"""Benchmark: render the demo factsheet and follow-up N times; print time, pages/s, peak memory.

Run: .venv/bin/python bench/rapporten.py [N]   (uses its own throwaway SQLite database)
"""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp()
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main(n: int) -> None:
    from pypdf import PdfReader

    from inspecties.models import Onderzoek
    from rapporten.services import rapport_renderen

    call_command("migrate", verbosity=0)
    call_command("laad_toetsingskader", verbosity=0)
    call_command("laad_demo", verbosity=0)
    for onderzoek in Onderzoek.objects.order_by("pk"):
        rapport_renderen(onderzoek=onderzoek)  # warm up (WeasyPrint import, fonts)
        start = time.perf_counter()
        paginas = 0
        for _ in range(n):
            _, pdf = rapport_renderen(onderzoek=onderzoek)
            paginas += len(PdfReader(io.BytesIO(pdf)).pages)
        duur = time.perf_counter() - start
        print(
            f"{onderzoek}: {duur / n:.3f} s per document, {paginas / duur:.1f} pages/s "
            f"({paginas // n} pages)"
        )
    # Bulk: 100 studies (the demo studies repeated; published ones are not frozen here, so
    # every one is rendered), once in one process and once on two worker processes.
    from rapporten.bulk import bulk_zip

    ids = list(Onderzoek.objects.values_list("pk", flat=True))
    honderd = [ids[i % len(ids)] for i in range(100)]
    for workers in (1, 2):
        start = time.perf_counter()
        zip_bytes = bulk_zip(onderzoek_ids=honderd, workers=workers)
        duur = time.perf_counter() - start
        print(
            f"bulk export 100 studies, {workers} process(es): {duur:.1f} s, {len(zip_bytes)} bytes"
        )
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kind = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {piek:.0f} MiB (main process), {kind:.0f} MiB (largest worker)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
