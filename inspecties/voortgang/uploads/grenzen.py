"""The limits every upload is held to, the error it raises and its Dutch messages."""

import io
import zipfile
from typing import BinaryIO

from inspecties.fouten import ToezichtFout

MAX_GROOTTE = 20 * 1024 * 1024  # 20 MB
MAX_ZIP_ITEMS = 1000
MAX_ZIP_UITGEPAKT = 100 * 1024 * 1024  # 100 MB, all entries together, nested ones included
MAX_ZIP_RATIO = 100  # unpacked / packed, per entry and overall
MAX_PAKKETDEEL = 2 * 1024 * 1024  # a .rels file or manifest we parse
MAX_PDF_OBJECTSTROMEN = 50 * 1024 * 1024  # inflated PDF object streams, all together
LEESBLOK = 256 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

TOEGESTAAN_TEKST = "Alleen PDF, Word (DOCX) en OpenDocument-tekst (ODT) zijn toegestaan."

EXTENSIE = {PDF: "pdf", DOCX: "docx", ODT: "odt"}


class BestandFout(ToezichtFout, ValueError):
    """An upload that is refused, with a Dutch message for the user."""


MELDING = {
    "beschadigd": "Het document is beschadigd en kan niet worden gelezen.",
    "gecomprimeerd": "Het document is verdacht sterk gecomprimeerd en wordt niet geaccepteerd.",
    "te_groot": "Het document is uitgepakt te groot en wordt niet geaccepteerd.",
    "grootte_klopt_niet": (
        "De groottes die het document over zichzelf opgeeft kloppen niet; "
        "het wordt niet geaccepteerd."
    ),
    "naam": "Het document bevat een onderdeel met een onveilige naam en wordt niet geaccepteerd.",
    "macro": "Documenten met macro's worden niet geaccepteerd.",
    "activex": "Documenten met ActiveX-besturingselementen worden niet geaccepteerd.",
    "ingesloten": (
        "Documenten met ingesloten programma's of objecten worden niet geaccepteerd. "
        "Plak de inhoud als tekst of afbeelding in het document."
    ),
    "extern": (
        "Documenten die naar een extern bestand of sjabloon verwijzen worden niet geaccepteerd. "
        "Sla het document op als PDF en upload dat bestand."
    ),
    "dtd": "Documenten met een DTD of eigen entiteiten in de XML worden niet geaccepteerd.",
    "genest": "Het document bevat een ander archief en wordt niet geaccepteerd.",
    "versleuteld": (
        "Beveiligde (versleutelde) documenten kunnen niet worden gecontroleerd en worden niet "
        "geaccepteerd."
    ),
    "pdf_zip": "Een PDF die tegelijk een ZIP-archief is, wordt niet geaccepteerd.",
    "html": "Dit bestand bevat HTML of scripts en wordt niet geaccepteerd.",
    "pdf_actief": (
        "PDF's met JavaScript, startopdrachten of ingesloten bestanden worden niet geaccepteerd. "
        "Sla het document opnieuw op als gewone PDF (bijvoorbeeld via ‘Afdrukken als PDF’)."
    ),
}


def _fout(soort: str) -> BestandFout:
    return BestandFout(MELDING[soort])


def _als_bytes_of_bestand(data: bytes | BinaryIO) -> BinaryIO:
    if isinstance(data, bytes | bytearray):
        return io.BytesIO(data)
    data.seek(0)
    return data


def grootte_controleren(grootte: int) -> None:
    if grootte <= 0:
        raise BestandFout("Het bestand is leeg.")
    if grootte > MAX_GROOTTE:
        raise BestandFout(
            f"Het bestand is te groot ({grootte / 1024 / 1024:.1f} MB); "
            f"het maximum is {MAX_GROOTTE // 1024 // 1024} MB."
        )


def zip_controleren(zf: zipfile.ZipFile, *, verpakte_grootte: int) -> None:
    """Refuse archives whose directory already promises too much, before inflating anything.
    The promise is checked against the real bytes afterwards (`_uitpakken`)."""
    items = zf.infolist()
    if len(items) > MAX_ZIP_ITEMS:
        raise BestandFout("Het document bevat te veel onderdelen en wordt niet geaccepteerd.")
    totaal = 0
    for item in items:
        totaal += item.file_size
        if item.compress_size and item.file_size / item.compress_size > MAX_ZIP_RATIO:
            raise _fout("gecomprimeerd")
        if item.compress_size == 0 and item.file_size > 0:
            raise _fout("beschadigd")
    if totaal > MAX_ZIP_UITGEPAKT:
        raise _fout("te_groot")
    if verpakte_grootte and totaal / verpakte_grootte > MAX_ZIP_RATIO:
        raise _fout("gecomprimeerd")
