"""Safe CSV text (OWASP, "CSV Injection"): every text in an export was typed by someone, so no
cell may start a formula when the file is opened in a spreadsheet. Pure: no database.

A text starting with = + - @ tab or CR (after any leading spaces) gets a leading apostrophe.
"""

import csv
import io

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def is_formuleachtig(tekst: str) -> bool:
    """Would a spreadsheet read this text as a formula? Leading spaces do not protect it."""
    return tekst.startswith(FORMULE_BEGIN) or tekst.lstrip(" ").startswith(FORMULE_BEGIN)


def csv_veilig(waarde):
    if isinstance(waarde, str) and is_formuleachtig(waarde):
        return "'" + waarde
    return waarde


def csv_tekst(kolommen, rijen) -> str:
    """The CSV text (semicolons, as Dutch Excel expects), starting with a byte order mark:
    without it Excel reads UTF-8 as Windows-1252 and shows √ as garbage."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([csv_veilig(w) for w in rij])
    return buffer.getvalue()
