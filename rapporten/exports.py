"""All scores as a table: one row per scored indicator of each study."""

import csv
import io

from django.db.models import Q

from inspecties.models import Beoordeling

KOLOMMEN = [
    "gemeente",
    "cbs_code",
    "aanpak",
    "onderzoek_id",
    "soort",
    "jaar",
    "status",
    "kader",
    "kader_versie",
    "thema",
    "criterium",
    "indicator",
    "indicator_tekst",
    "score",
    "bevinding",
]


def score_rijen(*, jaar: int | None = None, status: str | None = None):
    """Yield one list per scored Beoordeling (an option or niet getoetst), in KOLOMMEN order;
    filterable by year and status. Unscored indicators (a concept, or a toezichtonderzoek that
    tells its report in chapters) have nothing to analyse and are left out."""
    qs = Beoordeling.objects.filter(Q(optie__isnull=False) | Q(niet_getoetst=True))
    qs = qs.select_related(
        "onderzoek__aanpak__gemeente",
        "onderzoek__kader",
        "indicator__criterium__thema",
        "optie",
        "bevinding",
    ).order_by(
        "onderzoek__jaar",
        "onderzoek__aanpak__gemeente__naam",
        "onderzoek_id",
        "indicator__criterium__thema__volgorde",
        "indicator__criterium__volgorde",
        "indicator__volgorde",
    )
    if jaar:
        qs = qs.filter(onderzoek__jaar=jaar)
    if status:
        qs = qs.filter(onderzoek__status=status)
    for b in qs.iterator(chunk_size=2000):
        o = b.onderzoek
        score = b.optie.symbool if b.optie_id else "niet getoetst"
        bevinding = b.bevinding.tekst if b.bevinding_id else ""
        if b.bevinding_id and b.bevinding.let_op:
            bevinding = f"{bevinding}\nLET OP: {b.bevinding.let_op}".strip()
        yield [
            o.aanpak.gemeente.naam,
            o.aanpak.gemeente.cbs_code,
            o.aanpak.naam,
            o.pk,
            o.soort,
            o.jaar,
            o.status,
            o.kader.sleutel,
            o.kader.versie,
            b.indicator.criterium.thema.naam,
            b.indicator.criterium.naam,
            b.indicator.sleutel,
            b.indicator.tekst,
            score,
            bevinding,
        ]


def scores_csv(**filters) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows(score_rijen(**filters))
    return buffer.getvalue()


def scores_xlsx(**filters) -> bytes:
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Scores")
    blad.append(KOLOMMEN)
    for rij in score_rijen(**filters):
        blad.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()
