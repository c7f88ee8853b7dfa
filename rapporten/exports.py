"""All scores as a table: one row per scored indicator of each study.

Every text in it was typed by someone (findings, names, the framework's wording), so no cell may
start a formula when the file is opened in a spreadsheet (OWASP, "CSV Injection"): in the CSV a
text starting with = + - @ tab or CR gets a leading apostrophe; in the XLSX every text is a
string cell, and those texts are marked "quote prefix", as Excel does when one types '=.
"""

import io

from inspecties.onderzoeken.selectors import gescoorde_beoordelingen

# The safe CSV rule lives in inspecties.regels.spreadsheet, so inspecties' own pages use it too.
from inspecties.regels.spreadsheet import csv_tekst, csv_veilig, is_formuleachtig  # noqa: F401

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
    "let_op",
]


def score_rijen(*, jaar: int | None = None, status: str | None = None):
    """Yield one list per scored Beoordeling (an option or niet getoetst), in KOLOMMEN order;
    filterable by year and status. Unscored indicators (a concept, or a toezichtonderzoek that
    tells its report in chapters) have nothing to analyse and are left out."""
    qs = gescoorde_beoordelingen(jaar=jaar, status=status)
    for b in qs.iterator(chunk_size=2000):
        o = b.onderzoek
        score = b.optie.symbool if b.optie_id else "niet getoetst"
        bevinding = b.bevinding if b.bevinding_id else None
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
            bevinding.tekst if bevinding else "",
            bevinding.let_op if bevinding else "",
        ]


def scores_csv(**filters) -> str:
    """The CSV text, starting with a byte order mark: without it Excel reads UTF-8 as
    Windows-1252 and shows √ as garbage."""
    return csv_tekst(KOLOMMEN, score_rijen(**filters))


def scores_xlsx(**filters) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Scores")

    def cel(waarde):
        # openpyxl stores a str starting with "=" as a formula; other texts are already plain
        # strings. A typed string cell never is one, and the quote prefix keeps it so when
        # someone edits the cell in Excel.
        if not isinstance(waarde, str) or not is_formuleachtig(waarde):
            return waarde
        c = WriteOnlyCell(blad)
        c.value = waarde
        c.data_type = "s"
        c.quotePrefix = True
        return c

    blad.append(KOLOMMEN)
    for rij in score_rijen(**filters):
        blad.append([cel(w) for w in rij])
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()
