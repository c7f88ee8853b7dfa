"""PDF: no polyglots (ZIP or HTML), no JavaScript, launch actions or embedded files."""

import re
import zipfile
import zlib
from typing import BinaryIO

from inspecties.voortgang.uploads.grenzen import (
    MAX_GROOTTE,
    MAX_PDF_OBJECTSTROMEN,
    _fout,
)

_HTML = re.compile(rb"<(?:html|script|!doctype|body|iframe|svg)[\s>/]", re.IGNORECASE)
_NAAM = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_ACTIEVE_NAMEN = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"}
_ACTIEVE_NAMEN |= {b"RichMedia", b"XFA"}
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _pdf_namen(data: bytes) -> set[bytes]:
    """Every name token (/Naam) in `data`, with #xx escapes decoded (/J#61vaScript)."""
    return {
        re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), m[1])
        for m in _NAAM.finditer(data)
    }


def _pdf_objectstromen(data: bytes) -> list[bytes]:
    """The inflated contents of every object stream (PDF 1.5 keeps dictionaries compressed in
    them, where a byte scan cannot see them), bounded by MAX_PDF_OBJECTSTROMEN in total."""
    inhoud = []
    over = MAX_PDF_OBJECTSTROMEN
    for m in _STREAM.finditer(data):
        begin_dict = data.rfind(b"obj", 0, m.start())
        woordenboek = data[max(begin_dict, m.start() - 4096) : m.start()]
        if b"ObjStm" not in woordenboek and b"#" not in woordenboek:
            continue
        if b"ObjStm" not in _pdf_namen(woordenboek):
            continue
        if b"FlateDecode" not in _pdf_namen(woordenboek):
            raise _fout("pdf_actief")  # an object stream we cannot look into
        ontpakker = zlib.decompressobj()  # stops by itself at the end of the stream
        try:
            deel = ontpakker.decompress(memoryview(data)[m.end() :], over + 1)
        except zlib.error:
            raise _fout("beschadigd") from None
        over -= len(deel)
        if over < 0:
            raise _fout("gecomprimeerd")
        inhoud.append(deel)
    return inhoud


def pdf_controleren(f: BinaryIO) -> None:
    if zipfile.is_zipfile(f):
        raise _fout("pdf_zip")
    f.seek(0)
    data = f.read(MAX_GROOTTE + 1)
    if _HTML.search(data):
        raise _fout("html")
    namen = _pdf_namen(data)
    for deel in _pdf_objectstromen(data):
        namen |= _pdf_namen(deel)
    if namen & _ACTIEVE_NAMEN:
        raise _fout("pdf_actief")
