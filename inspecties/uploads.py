"""Pure checks on uploaded progress reports: the type is recognised by content, never by name.

A DOCX or ODT is a zip; before trusting one we look at its directory only (entry count, declared
unpacked size, compression ratio) so a zip bomb is refused without unpacking it.
"""

import io
import zipfile
from typing import BinaryIO

MAX_GROOTTE = 20 * 1024 * 1024  # 20 MB
MAX_ZIP_ITEMS = 1000
MAX_ZIP_UITGEPAKT = 100 * 1024 * 1024  # 100 MB
MAX_ZIP_RATIO = 100  # unpacked / packed, per entry and overall

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

TOEGESTAAN_TEKST = "Alleen PDF, Word (DOCX) en OpenDocument-tekst (ODT) zijn toegestaan."


class BestandFout(ValueError):
    """An upload that is refused, with a Dutch message for the user."""


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
    """Refuse archives whose directory promises too many entries or too much unpacked data."""
    items = zf.infolist()
    if len(items) > MAX_ZIP_ITEMS:
        raise BestandFout("Het document bevat te veel onderdelen en wordt niet geaccepteerd.")
    totaal = 0
    for item in items:
        totaal += item.file_size
        if item.compress_size and item.file_size / item.compress_size > MAX_ZIP_RATIO:
            raise BestandFout(
                "Het document is verdacht sterk gecomprimeerd en wordt niet geaccepteerd."
            )
        if item.compress_size == 0 and item.file_size > 0:
            raise BestandFout("Het document is beschadigd en wordt niet geaccepteerd.")
    if totaal > MAX_ZIP_UITGEPAKT:
        raise BestandFout("Het document is uitgepakt te groot en wordt niet geaccepteerd.")
    if verpakte_grootte and totaal / verpakte_grootte > MAX_ZIP_RATIO:
        raise BestandFout(
            "Het document is verdacht sterk gecomprimeerd en wordt niet geaccepteerd."
        )


def _lees_begrensd(zf: zipfile.ZipFile, naam: str, maximum: int = 1024) -> bytes:
    with zf.open(naam) as f:
        return f.read(maximum)


def bestandstype_herkennen(data: bytes | BinaryIO) -> str:
    """The content type of a PDF, DOCX or ODT, recognised by its content; else BestandFout."""
    f = _als_bytes_of_bestand(data)
    f.seek(0, io.SEEK_END)
    grootte = f.tell()
    grootte_controleren(grootte)
    f.seek(0)
    kop = f.read(8)
    f.seek(0)
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(f) as zf:
                zip_controleren(zf, verpakte_grootte=grootte)
                namen = set(zf.namelist())
                if any(n.lower().endswith("vbaproject.bin") for n in namen):
                    raise BestandFout("Documenten met macro's worden niet geaccepteerd.")
                if "[Content_Types].xml" in namen and "word/document.xml" in namen:
                    return DOCX
                if "mimetype" in namen and _lees_begrensd(zf, "mimetype").strip() == ODT.encode():
                    return ODT
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, OSError) as exc:
            raise BestandFout("Het document is beschadigd en kan niet worden gelezen.") from exc
        finally:
            f.seek(0)
    raise BestandFout(f"Dit bestandstype wordt niet geaccepteerd. {TOEGESTAAN_TEKST}")


EXTENSIE = {PDF: "pdf", DOCX: "docx", ODT: "odt"}
