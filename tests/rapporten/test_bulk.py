import io
import zipfile

from pypdf import PdfReader

from rapporten.bulk import bulk_zip
from rapporten.services import gepubliceerd_pdf


def test_bulk_zip_heeft_een_geldige_pdf_per_onderzoek(demo):
    onderzoeken = list(demo.values())
    gouda = demo[("Gouda", 2013)]
    bevroren = gepubliceerd_pdf(onderzoek=gouda)
    stappen = []
    inhoud = bulk_zip(
        onderzoek_ids=[o.pk for o in onderzoeken],
        workers=1,  # the test database lives in this process only
        voortgang=lambda klaar, totaal: stappen.append((klaar, totaal)),
    )
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
        namen = zf.namelist()
        assert len(namen) == len(onderzoeken)
        for naam in namen:
            pdf = zf.read(naam)
            assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        assert bevroren in [zf.read(n) for n in namen]
    assert stappen[-1] == (3, 3)
