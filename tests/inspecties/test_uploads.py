"""The pure file checks: the type comes from the content, never from the name."""

import io
import zipfile

import pytest

from inspecties.uploads import (
    DOCX,
    MAX_GROOTTE,
    ODT,
    PDF,
    BestandFout,
    bestandstype_herkennen,
)

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes], *, compressie=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compressie) as zf:
        for naam, inhoud in entries.items():
            zf.writestr(naam, inhoud)
    return buf.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document>Voortgang 2014</w:document>",
        }
    )


def odt_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def zip_bom() -> bytes:
    """Looks like a DOCX, but word/document.xml unpacks to 200 MB of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            blok = b"\0" * (1024 * 1024)
            for _ in range(200):
                f.write(blok)
    return buf.getvalue()


def test_pdf_docx_en_odt_worden_herkend_aan_de_inhoud():
    assert bestandstype_herkennen(PDF_BYTES) == PDF
    assert bestandstype_herkennen(docx_bytes()) == DOCX
    assert bestandstype_herkennen(odt_bytes()) == ODT
    assert bestandstype_herkennen(io.BytesIO(PDF_BYTES)) == PDF


@pytest.mark.parametrize(
    "inhoud",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 100,  # Windows .exe
        b"\x7fELF\x02\x01\x01\x00" + b"\0" * 100,  # Linux executable
        b"<!doctype html><html><script>alert(1)</script></html>",  # HTML named .pdf
        b" %PDF-1.4 not at the start",
        zip_bytes({"readme.txt": b"gewoon een zip"}),
        zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    ],
    ids=["exe", "elf", "html", "pdf-niet-aan-begin", "gewone-zip", "ods"],
)
def test_andere_inhoud_wordt_geweigerd_met_nederlandse_melding(inhoud):
    with pytest.raises(BestandFout, match="bestandstype wordt niet geaccepteerd"):
        bestandstype_herkennen(inhoud)


def test_leeg_bestand_wordt_geweigerd():
    with pytest.raises(BestandFout, match="leeg"):
        bestandstype_herkennen(b"")


def test_te_groot_bestand_wordt_geweigerd():
    with pytest.raises(BestandFout, match="te groot"):
        bestandstype_herkennen(b"%PDF-" + b"\0" * MAX_GROOTTE)


def test_zip_bom_vermomd_als_docx_wordt_geweigerd_zonder_uit_te_pakken():
    bom = zip_bom()
    assert len(bom) < 1024 * 1024  # small on disk
    with pytest.raises(BestandFout, match="gecomprimeerd|uitgepakt te groot"):
        bestandstype_herkennen(bom)


def test_zip_met_te_veel_onderdelen_wordt_geweigerd():
    inhoud = zip_bytes(
        {"[Content_Types].xml": b"x", "word/document.xml": b"x"}
        | {f"word/media/{i}.txt": b"x" for i in range(1001)},
        compressie=zipfile.ZIP_STORED,
    )
    with pytest.raises(BestandFout, match="te veel onderdelen"):
        bestandstype_herkennen(inhoud)


def test_kapotte_zip_wordt_geweigerd():
    with pytest.raises(BestandFout):
        bestandstype_herkennen(b"PK\x03\x04" + b"\x00" * 50)


def test_docx_met_macros_wordt_geweigerd():
    inhoud = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
        }
    )
    with pytest.raises(BestandFout, match="macro"):
        bestandstype_herkennen(inhoud)
