"""All scores as a table: one row per scored indicator of each study.

Every text in it was typed by someone (findings, names, the framework's wording), so no cell may
start a formula when the file is opened in a spreadsheet (OWASP, "CSV Injection"): in the CSV a
text starting with = + - @ tab or CR gets a leading apostrophe; in the XLSX every text is a
string cell, and those texts are marked "quote prefix", as Excel does when one types '=.

Neither file is held in memory: the CSV is streamed as it is read from the database, the XLSX
is written to a temporary file that is then streamed (issue 16: 51k scores were 19 MB in memory).
"""

import csv

from inspecties.onderzoeken.selectors import gescoorde_beoordelingen

# The safe CSV rule lives in inspecties.regels.spreadsheet, so inspecties' own pages use it too.
from inspecties.regels.spreadsheet import csv_veilig, is_formuleachtig

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
# Rows per chunk of the streamed CSV (a few hundred KB), read from the database in chunks of
# the same size: memory does not grow with the number of scores.
RIJEN_PER_STUK = 1000


def score_rijen(*, jaar: int | None = None, status: str | None = None):
    """Yield one list per scored Beoordeling (an option or niet getoetst), in KOLOMMEN order;
    filterable by year and status. Unscored indicators (a concept, or a toezichtonderzoek that
    tells its report in chapters) have nothing to analyse and are left out."""
    # Plain tuples, not model instances with six related ones each: memory per chunk stays
    # small (issue 16), and the columns come straight from the one query.
    qs = gescoorde_beoordelingen(jaar=jaar, status=status).values_list(
        "onderzoek__aanpak__gemeente__naam",
        "onderzoek__aanpak__gemeente__cbs_code",
        "onderzoek__aanpak__naam",
        "onderzoek_id",
        "onderzoek__soort",
        "onderzoek__jaar",
        "onderzoek__status",
        "onderzoek__kader__sleutel",
        "onderzoek__kader__versie",
        "indicator__criterium__thema__naam",
        "indicator__criterium__naam",
        "indicator__sleutel",
        "indicator__tekst",
        "optie__symbool",
        "bevinding__tekst",
        "bevinding__let_op",
    )
    for *begin, symbool, tekst, let_op in qs.iterator(chunk_size=RIJEN_PER_STUK):
        score = symbool if symbool is not None else "niet getoetst"
        yield [*begin, score, tekst or "", let_op or ""]


class _Regel:
    """A file-like object that hands back what csv.writer writes to it, for streaming."""

    def write(self, tekst: str) -> str:
        return tekst


def scores_csv(**filters):
    """The CSV, streamed: yields bytes in chunks of RIJEN_PER_STUK rows, so memory does not
    grow with the number of scores. It starts with a byte order mark: without it Excel reads
    UTF-8 as Windows-1252 and shows √ as garbage."""
    schrijver = csv.writer(_Regel(), delimiter=";")
    stuk = ["\ufeff", schrijver.writerow(KOLOMMEN)]
    for rij in score_rijen(**filters):
        stuk.append(schrijver.writerow([csv_veilig(w) for w in rij]))
        if len(stuk) >= RIJEN_PER_STUK:
            yield "".join(stuk).encode("utf-8")
            stuk = []
    if stuk:
        yield "".join(stuk).encode("utf-8")


def scores_xlsx(bestand, **filters) -> None:
    """Write the workbook to `bestand` (a binary file, e.g. a temporary file the view then
    streams). openpyxl's write-only mode keeps rows on disk, not in memory."""
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
    boek.save(bestand)
