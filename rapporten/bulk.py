"""Bulk export: many studies' PDFs in one ZIP, rendered on both cores."""

import io
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.db import connections

from inspecties.models import Onderzoek
from rapporten.models import GepubliceerdRapport


def _render_chunk(ids: list[int]) -> list[tuple[int, str, bytes]]:
    """Render a chunk of studies in a worker process (a forked copy of the Django process)."""
    from rapporten.services import rapport_bestandsnaam, rapport_renderen

    connections.close_all()  # a forked child must open its own database connection
    uit = []
    for pk in ids:
        onderzoek = Onderzoek.objects.select_related("aanpak__gemeente").get(pk=pk)
        uit.append((pk, rapport_bestandsnaam(onderzoek), rapport_renderen(onderzoek=onderzoek)[1]))
    return uit


def bulk_zip(*, onderzoek_ids: list[int], workers: int = 2, voortgang=None) -> bytes:
    """One ZIP with a PDF per study; published studies contribute their frozen PDF."""
    bevroren = {
        r.onderzoek_id: r
        for r in GepubliceerdRapport.objects.filter(onderzoek_id__in=onderzoek_ids)
    }
    te_renderen = [pk for pk in onderzoek_ids if pk not in bevroren]
    resultaten: list[tuple[int, str, bytes]] = []
    for pk in onderzoek_ids:
        if pk in bevroren:
            rapport = bevroren[pk]
            with rapport.pdf.open("rb") as f:
                resultaten.append((pk, rapport.pdf.name.rsplit("/", 1)[-1], f.read()))
    if workers > 1 and len(te_renderen) > 1:
        # Small chunks keep both cores busy and let the progress bar move as chunks finish.
        grootte = max(1, min(10, len(te_renderen) // (workers * 4)))
        chunks = [te_renderen[i : i + grootte] for i in range(0, len(te_renderen), grootte)]
        connections.close_all()
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            for deel in pool.map(_render_chunk, chunks):
                resultaten.extend(deel)
                if voortgang:
                    voortgang(len(resultaten), len(onderzoek_ids))
    else:
        for pk in te_renderen:
            resultaten.extend(_render_chunk_in_process(pk))
            if voortgang:
                voortgang(len(resultaten), len(onderzoek_ids))
    buffer = io.BytesIO()
    namen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (_, naam, pdf) in enumerate(resultaten):
            if naam in namen:
                naam = f"{i}-{naam}"
            namen.add(naam)
            zf.writestr(naam, pdf)
    return buffer.getvalue()


def _render_chunk_in_process(pk: int) -> list[tuple[int, str, bytes]]:
    from rapporten.services import rapport_bestandsnaam, rapport_renderen

    onderzoek = Onderzoek.objects.select_related("aanpak__gemeente").get(pk=pk)
    return [(pk, rapport_bestandsnaam(onderzoek), rapport_renderen(onderzoek=onderzoek)[1])]
