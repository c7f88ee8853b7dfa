"""No network during rendering; a published PDF is frozen; the score export."""

import csv
import io

from django.test import override_settings

from inspecties.models import Onderzoek
from rapporten import pdf as pdf_module
from rapporten.services import gepubliceerd_pdf, scores_csv, scores_xlsx


def test_renderen_weigert_alles_behalve_onze_statische_bestanden(tmp_path, monkeypatch):
    (tmp_path / "extern.html").write_text(
        '<html lang="nl"><head><title>t</title>'
        '<link rel="stylesheet" href="/static/css/rapport-print.css"></head>'
        '<body><img src="http://example.org/x.png" alt="x"><p>Hallo</p></body></html>'
    )
    gevraagd, geweigerd = [], []
    echte = pdf_module.statisch_bestand

    def bewaakt(url):
        gevraagd.append(url)
        try:
            return echte(url)
        except pdf_module.GeweigerdeURL:
            geweigerd.append(url)
            raise

    monkeypatch.setattr(pdf_module, "statisch_bestand", bewaakt)

    def geen_netwerk(*args, **kwargs):
        raise AssertionError("network access during rendering")

    monkeypatch.setattr("urllib.request.urlopen", geen_netwerk)
    monkeypatch.setattr("socket.create_connection", geen_netwerk)
    templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                  "DIRS": [tmp_path]}]  # fmt: skip
    with override_settings(TEMPLATES=templates):
        html, pdf = pdf_module.render_pdf("extern.html", {})
    assert pdf.startswith(b"%PDF")
    assert geweigerd == ["http://example.org/x.png"]
    assert "file:///static/css/rapport-print.css" in gevraagd


def test_gepubliceerd_rapport_blijft_byte_gelijk_na_templatewijziging(demo, settings, tmp_path):
    onderzoek = demo[("Gouda", 2013)]
    assert onderzoek.status == Onderzoek.Status.GEPUBLICEERD
    eerste = gepubliceerd_pdf(onderzoek=onderzoek)
    (tmp_path / "rapporten").mkdir()
    (tmp_path / "rapporten" / "factsheet.html").write_text(
        '<html lang="nl"><body><p>Heel andere opmaak</p></body></html>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    from rapporten.services import rapport_renderen

    assert rapport_renderen(onderzoek=onderzoek)[1] != eerste  # the template did change
    assert gepubliceerd_pdf(onderzoek=onderzoek) == eerste


def test_csv_heeft_een_rij_per_gescoorde_indicator(demo):
    onderzoeken = list(demo.values())
    rijen = list(csv.reader(io.StringIO(scores_csv(onderzoeken=onderzoeken).decode("utf-8-sig"))))
    verwacht = sum(o.beoordelingen.count() for o in onderzoeken)
    assert len(rijen) == 1 + verwacht
    assert rijen[0][0] == "gemeente"
    assert any(r[0] == "Gouda" and r[1] == "GM0513" for r in rijen[1:])
    assert scores_xlsx(onderzoeken=onderzoeken).startswith(b"PK")
