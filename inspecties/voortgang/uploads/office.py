"""Office Open XML (DOCX) and OpenDocument (ODT): every entry inflated with a bounded read, no
macros, ActiveX, embedded programs or objects, no external relationships, no DTDs."""

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as veilige_xml
from defusedxml import DefusedXmlException

from inspecties.voortgang.uploads.grenzen import (
    DOCX,
    LEESBLOK,
    MAX_PAKKETDEEL,
    MAX_ZIP_RATIO,
    MAX_ZIP_UITGEPAKT,
    ODT,
    _fout,
    zip_controleren,
)
from inspecties.voortgang.uploads.namen import onderdeelnaam_is_veilig


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
