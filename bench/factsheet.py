"""Factsheet PDF against the bare WeasyPrint floor: python bench/factsheet.py [N] [--profiel]

Sets up a throwaway SQLite database (as bench/rapporten.py does), loads the frameworks and the
demo, and times the demo Gouda factsheet (rapporten.services.rapport_pdf) warm, median of N.
In the same run it times the floor (../shared/anchors/weasyprint_floor.py, or the path in
$WEASYPRINT_FLOOR) and prints both, their ratio, and pages and pages/s of each. It also splits
one factsheet into its phases: template rendering, each WeasyPrint layout (render), write_pdf.
With --profiel it prints the top of a cProfile of one factsheet.
"""

import cProfile
import importlib.util
import io
import os
import pstats
import shutil
import statistics
import sys
import time
from pathlib import Path

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(ARGS[0]) if ARGS else 10
PROFIEL = "--profiel" in sys.argv

from opzet import ankers, wegwerp_django  # noqa: E402

tmp = wegwerp_django("bench-factsheet-")

from django.core.management import call_command  # noqa: E402

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint.document import Document  # noqa: E402

import rapporten.pdf as pdfmodule  # noqa: E402
from inspecties.models import Onderzoek  # noqa: E402
from rapporten.services import rapport_pdf  # noqa: E402

VLOER = Path(os.environ.get("WEASYPRINT_FLOOR", ankers() / "weasyprint_floor.py"))


def mediaan(functie, n: int) -> tuple[float, object]:
    functie()  # warm-up: fonts, imports, caches
    tijden, uit = [], None
    for _ in range(n):
        t = time.perf_counter()
        uit = functie()
        tijden.append(time.perf_counter() - t)
    return statistics.median(tijden), uit


def vloer(n: int) -> tuple[float, int]:
    spec = importlib.util.spec_from_file_location("weasyprint_floor", VLOER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = module.html()

    def een():
        document = HTML(string=doc).render()
        document.write_pdf()
        return len(document.pages)

    duur, paginas = mediaan(een, n)
    return duur, paginas


def fasen(onderzoek) -> dict[str, list[float]]:
    """Wall time of each phase of one factsheet, by wrapping the calls html_naar_pdf makes."""
    gemeten: dict[str, list[float]] = {}

    def gemeten_als(naam, functie):
        def omhulsel(*args, **kwargs):
            t = time.perf_counter()
            try:
                return functie(*args, **kwargs)
            finally:
                gemeten.setdefault(naam, []).append(time.perf_counter() - t)

        return omhulsel

    origineel = (HTML.render, Document.write_pdf, pdfmodule.render_to_string)
    HTML.render = gemeten_als("render (layout)", HTML.render)
    Document.write_pdf = gemeten_als("write_pdf", Document.write_pdf)
    pdfmodule.render_to_string = gemeten_als("template", pdfmodule.render_to_string)
    try:
        t = time.perf_counter()
        rapport_pdf(onderzoek=onderzoek)
        gemeten["totaal"] = [time.perf_counter() - t]
    finally:
        HTML.render, Document.write_pdf, pdfmodule.render_to_string = origineel
    return gemeten


def main() -> None:
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("laad_toetsingskader", verbosity=0)
    call_command("laad_demo", verbosity=0)
    gouda = Onderzoek.objects.get(aanpak__gemeente__naam="Gouda", jaar=2013)
    print(f"setup: {time.perf_counter() - t:.1f} s ({tmp})")

    duur, pdf = mediaan(lambda: rapport_pdf(onderzoek=gouda), N)
    paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    vloer_duur, vloer_paginas = vloer(N)
    print(f"factsheet Gouda: {duur * 1000:.0f} ms, {paginas} pages, {paginas / duur:.1f} pages/s")
    print(
        f"floor:           {vloer_duur * 1000:.0f} ms, {vloer_paginas} pages, "
        f"{vloer_paginas / vloer_duur:.1f} pages/s"
    )
    print(
        f"ratio (time): {duur / vloer_duur:.2f}x; ratio (pages/s): "
        f"{(vloer_paginas / vloer_duur) / (paginas / duur):.2f}x   (median of N={N}, warm)"
    )
    for naam, tijden in fasen(gouda).items():
        delen = " + ".join(f"{t * 1000:.0f}" for t in tijden)
        print(f"  {naam}: {delen} ms")
    if PROFIEL:
        profiel = cProfile.Profile()
        profiel.runcall(rapport_pdf, onderzoek=gouda)
        pstats.Stats(profiel).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
