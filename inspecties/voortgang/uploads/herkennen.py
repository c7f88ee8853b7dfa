"""Recognising an upload's type by its content, never by its name."""

import io
import struct
import zipfile
import zlib
from typing import BinaryIO

from inspecties.voortgang.uploads.grenzen import (
    PDF,
    TOEGESTAAN_TEKST,
    BestandFout,
    _als_bytes_of_bestand,
    _fout,
    grootte_controleren,
)
from inspecties.voortgang.uploads.office import _Budget, _pakket_controleren
from inspecties.voortgang.uploads.pdf import pdf_controleren


def bestandstype_herkennen(data: bytes | BinaryIO) -> str:
    """The content type of a PDF, DOCX or ODT, recognised by its content; else BestandFout."""
    f = _als_bytes_of_bestand(data)
    f.seek(0, io.SEEK_END)
    grootte = f.tell()
    grootte_controleren(grootte)
    f.seek(0)
    kop = f.read(8)
    f.seek(0)
    try:
        if kop.startswith(b"%PDF-"):
            pdf_controleren(f)
            return PDF
        if kop.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(f) as zf:
                    soort = _pakket_controleren(
                        zf, verpakte_grootte=grootte, budget=_Budget(), genest=False
                    )
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                NotImplementedError,
                RuntimeError,
                OSError,
                EOFError,
                struct.error,
                zlib.error,
            ) as exc:
                raise _fout("beschadigd") from exc
            if soort is not None:
                return soort
    finally:
        f.seek(0)
    raise BestandFout(f"Dit bestandstype wordt niet geaccepteerd. {TOEGESTAAN_TEKST}")
