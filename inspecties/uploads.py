"""Pure checks on uploaded progress reports: the type is recognised by content, never by name.

Inspectors open these files in their own PDF reader and word processor, so a file passes only
when it is plainly what it says it is:

- a PDF that is not also a ZIP or HTML page (polyglots) and carries no JavaScript, launch
  actions or embedded files (a progress report never needs them; names are read with their
  #xx escapes decoded, and compressed object streams are inflated, bounded, to look inside);
- a DOCX or ODT whose every entry is inflated with a bounded read, counting the real bytes
  (the directory's sizes can lie), with safe entry names, no macros, ActiveX, embedded
  programs or OLE objects, no relationships to external files or templates (hyperlinks to
  web pages excepted), no DTDs in its XML and no archive inside beyond one level of embedded
  Office/ODF document (a chart's data), which is checked by the same rules.

XML is parsed with defusedxml, and only the small package parts (.rels, manifest).
"""

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as veilige_xml
from defusedxml import DefusedXmlException

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


class BestandFout(ValueError):
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


# --- Names --------------------------------------------------------------------------------------

_STATION = re.compile(r"^[A-Za-z]:")


def onderdeelnaam_is_veilig(naam: str) -> bool:
    """An archive entry name that unpacks inside its folder on every system."""
    if not naam or naam.startswith("/") or "\\" in naam or _STATION.match(naam):
        return False
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in naam):
        return False
    return not any(deel in ("..", ".") for deel in naam.split("/"))


def naam_opschonen(naam: str) -> str:
    """The original file name as we keep and show it: the last path part, without control and
    direction characters (U+202E would show "rapport‮fdp.exe" as "rapportexe.pdf")."""
    naam = unicodedata.normalize("NFC", naam or "")
    naam = re.split(r"[/\\]", naam)[-1]
    naam = "".join(c for c in naam if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    return naam.strip(" .")[:255]


def downloadnaam(oorspronkelijke_naam: str, inhoudstype: str) -> str:
    """The name a download gets: the original name's stem with the extension of the type we
    recognised, so a PDF called x.html or x.exe downloads as x.pdf."""
    naam = naam_opschonen(oorspronkelijke_naam)
    stam = naam.rsplit(".", 1)[0] if "." in naam else naam
    stam = re.sub(r'[<>:"|?*]', "_", stam).strip(" .")[:200] or "voortgangsrapportage"
    return f"{stam}.{EXTENSIE[inhoudstype]}"


# --- PDF ------------------------------------------------------------------------------------

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


# --- Office Open XML and OpenDocument --------------------------------------------------------


@dataclass
class _Uitgepakt:
    """What we keep of an archive after inflating every entry once."""

    namen: list[str]
    kop: dict[str, bytes] = field(default_factory=dict)  # first bytes of every entry
    delen: dict[str, bytes] = field(default_factory=dict)  # package parts we parse
    geneste: dict[str, bytes] = field(default_factory=dict)  # embedded documents


@dataclass
class _Budget:
    over: int = MAX_ZIP_UITGEPAKT


_PROGRAMMA_KOP = (b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"#!", b"\xca\xfe\xba\xbe")
_PROGRAMMA_EXT = re.compile(
    r"\.(exe|dll|com|scr|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|jar|msi|lnk|cpl|sct|bin|"
    r"reg|pif|application|docm|xlsm|pptm|dotm)$",
    re.IGNORECASE,
)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _is_pakketdeel(naam: str) -> bool:
    return naam.endswith(".rels") or naam in (
        "[Content_Types].xml",
        "META-INF/manifest.xml",
        "mimetype",
    )


def _is_ingesloten(naam: str) -> bool:
    n = naam.lower()
    return "/embeddings/" in n or n.startswith("object ") or "/object " in n


def _data_begin(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    zf.fp.seek(info.header_offset)
    kop = zf.fp.read(30)
    if len(kop) != 30 or kop[:4] != b"PK\x03\x04":
        raise _fout("beschadigd")
    naam_lengte, extra_lengte = struct.unpack("<HH", kop[26:30])
    return info.header_offset + 30 + naam_lengte + extra_lengte


def _uitpakken(zf: zipfile.ZipFile, budget: _Budget) -> _Uitgepakt:
    """Inflate every entry from its raw compressed bytes, counting what really comes out.

    zipfile stops at the size the directory declares; Word or LibreOffice may not, so an entry
    that inflates to more (or less) than declared, or not within its declared compressed size,
    is refused. Nothing is kept but the first bytes of each entry, the package parts we parse
    and embedded documents.
    """
    gezien = set()
    uit = _Uitgepakt(namen=[])
    for info in zf.infolist():
        naam = info.orig_filename  # before zipfile cuts it at a NUL byte
        if not onderdeelnaam_is_veilig(naam) or naam.lower() in gezien:
            raise _fout("naam")
        gezien.add(naam.lower())
        uit.namen.append(naam)
        if info.flag_bits & 0x1:
            raise _fout("versleuteld")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fout("beschadigd")
        # Opening checks the local header: same name as the directory, no overlapping entries.
        zf.open(info).close()
        zf.fp.seek(_data_begin(zf, info))

        ontpakker = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        bewaren = _is_pakketdeel(naam) or _is_ingesloten(naam)
        stukken: list[bytes] = []
        echt, crc, staart = 0, 0, b""
        verpakt_over = info.compress_size
        while verpakt_over > 0:
            invoer = zf.fp.read(min(LEESBLOK, verpakt_over))
            if not invoer:
                raise _fout("beschadigd")
            verpakt_over -= len(invoer)
            while invoer:
                if ontpakker is None:
                    uitvoer, invoer = invoer, b""
                else:
                    uitvoer = ontpakker.decompress(invoer, LEESBLOK)
                    invoer = ontpakker.unconsumed_tail
                    if ontpakker.eof and (invoer or ontpakker.unused_data):
                        raise _fout("grootte_klopt_niet")
                echt += len(uitvoer)
                budget.over -= len(uitvoer)
                if budget.over < 0:
                    raise _fout("te_groot")
                if echt > info.file_size or echt > MAX_ZIP_RATIO * max(info.compress_size, 1024):
                    raise _fout("grootte_klopt_niet" if echt > info.file_size else "gecomprimeerd")
                crc = zlib.crc32(uitvoer, crc)
                if naam.endswith((".xml", ".rels", ".rdf", ".vml")) and _DTD.search(
                    staart + uitvoer
                ):
                    raise _fout("dtd")
                staart = uitvoer[-16:]
                if len(uit.kop.get(naam, b"")) < 8:
                    uit.kop[naam] = (uit.kop.get(naam, b"") + uitvoer)[:8]
                if bewaren:
                    stukken.append(uitvoer)
        if ontpakker is not None and not ontpakker.eof:
            raise _fout("grootte_klopt_niet")
        if echt != info.file_size or crc != info.CRC:
            raise _fout("grootte_klopt_niet" if echt != info.file_size else "beschadigd")
        if bewaren:
            inhoud = b"".join(stukken)
            if _is_pakketdeel(naam):
                if len(inhoud) > MAX_PAKKETDEEL:
                    raise _fout("te_groot")
                uit.delen[naam] = inhoud
            elif inhoud.startswith(b"PK"):
                uit.geneste[naam] = inhoud
    return uit


def _xml(inhoud: bytes):
    try:
        return veilige_xml.fromstring(inhoud, forbid_dtd=True)
    except DefusedXmlException:
        raise _fout("dtd") from None
    except ParseError:
        raise _fout("beschadigd") from None


def _lokale_naam(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribuut(element, naam: str) -> str:
    for sleutel, waarde in element.attrib.items():
        if _lokale_naam(sleutel) == naam:
            return waarde
    return ""


_WEBLINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_VERBODEN_RELATIES = ("/attachedtemplate", "/oleobject", "/package", "/control", "/afchunk")


def _relaties_controleren(uit: _Uitgepakt) -> None:
    """No relationship to anything outside the package (a remote template is fetched, and
    credentials with it, the moment Word opens the file), except hyperlinks to web pages."""
    for naam, inhoud in uit.delen.items():
        if not naam.endswith(".rels"):
            continue
        for relatie in _xml(inhoud):
            soort = relatie.get("Type", "").lower()
            doel = relatie.get("Target", "")
            if soort.endswith("/attachedtemplate") and relatie.get("TargetMode", "") != "":
                raise _fout("extern")
            if soort.endswith(_VERBODEN_RELATIES):
                raise _fout("activex" if soort.endswith("/control") else "ingesloten")
            if relatie.get("TargetMode", "").lower() == "external" and not (
                soort.endswith("/hyperlink") and _WEBLINK.match(doel.strip())
            ):
                raise _fout("extern")


def _ooxml_namen_controleren(uit: _Uitgepakt) -> None:
    for naam in uit.namen:
        n = naam.lower()
        if n.endswith("vbaproject.bin") or n.endswith("vbadata.xml"):
            raise _fout("macro")
        if "/activex/" in n:
            raise _fout("activex")


def _ooxml_controleren(uit: _Uitgepakt) -> None:
    if b"macroenabled" in uit.delen.get("[Content_Types].xml", b"").lower():
        raise _fout("macro")
    _relaties_controleren(uit)


def _odf_controleren(uit: _Uitgepakt) -> None:
    for naam in uit.namen:
        if naam.startswith(("Basic/", "Scripts/")):
            raise _fout("macro")
    manifest = uit.delen.get("META-INF/manifest.xml")
    if manifest is None:
        if _soort(uit) == ODT:
            raise _fout("beschadigd")  # every ODF package has one
        return
    for element in _xml(manifest).iter():
        if _lokale_naam(element.tag) == "encryption-data":
            raise _fout("versleuteld")
        if _lokale_naam(element.tag) != "file-entry":
            continue
        pad = _attribuut(element, "full-path")
        soort = _attribuut(element, "media-type").lower()
        if pad != "/" and (
            not onderdeelnaam_is_veilig(pad.rstrip("/")) or re.match(r"^[a-z][a-z0-9+.-]*:", pad)
        ):
            raise _fout("extern")
        if "oleobject" in soort or "x-msdownload" in soort or "executable" in soort:
            raise _fout("ingesloten")


def _soort(uit: _Uitgepakt) -> str | None:
    if "[Content_Types].xml" in uit.namen and "word/document.xml" in uit.namen:
        return DOCX
    if uit.delen.get("mimetype", b"").strip() == ODT.encode():
        return ODT
    return None


def _ingesloten_document(uit: _Uitgepakt) -> bool:
    """An embedded Office Open XML or ODF package (a chart's data), not any other zip."""
    return "[Content_Types].xml" in uit.namen or b"opendocument" in uit.delen.get("mimetype", b"")


def _pakket_controleren(
    zf: zipfile.ZipFile, *, verpakte_grootte: int, budget: _Budget, genest: bool
) -> str | None:
    zip_controleren(zf, verpakte_grootte=verpakte_grootte)
    uit = _uitpakken(zf, budget)
    if "[Content_Types].xml" in uit.namen:
        _ooxml_namen_controleren(uit)
    for naam, kop in uit.kop.items():
        if kop.startswith(_PROGRAMMA_KOP) or (_is_ingesloten(naam) and _PROGRAMMA_EXT.search(naam)):
            raise _fout("macro" if naam.lower().endswith("vbaproject.bin") else "ingesloten")
        if kop.startswith(b"PK") and naam not in uit.geneste:
            raise _fout("genest")
    if "[Content_Types].xml" in uit.namen:
        _ooxml_controleren(uit)
    if "META-INF/manifest.xml" in uit.namen or "mimetype" in uit.namen:
        _odf_controleren(uit)
    if genest and not _ingesloten_document(uit):
        raise _fout("genest")
    for inhoud in uit.geneste.values():
        if genest:
            raise _fout("genest")  # one level of embedding is enough for a chart
        with zipfile.ZipFile(io.BytesIO(inhoud)) as binnen:
            _pakket_controleren(binnen, verpakte_grootte=len(inhoud), budget=budget, genest=True)
    return _soort(uit)


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
