"""Reports are styled with production's static files too: `collectstatic` into the manifest
storage renames every file (rapport.<hash>.css, DejaVuSans.<hash>.ttf) and the PDF must still
find exactly those, and refuse anything else."""

import logging
import os
import re
import shutil
from io import BytesIO

from django.core.management import call_command
from django.test import override_settings

import pytest
from pypdf import PdfReader

from inspecties.onderzoeken.services import onderzoek_aanmaken
from rapporten import pdf as pdfmodule
from rapporten.context import rapport_context
from rapporten.pdf import render_pdf
from tests.rapporten.conftest import pdf_paginas

PRODUCTIE_OPSLAG = "inspecties.beheer.opslag.StatischeBestandenOpslag"


def fonts(pdf: bytes) -> set[str]:
    """The names of the fonts embedded in a PDF (subset prefixes like ABCDEF+ removed)."""
    namen = set()
    for pagina in PdfReader(BytesIO(pdf)).pages:
        for font in (pagina.get("/Resources") or {}).get("/Font", {}).values():
            namen.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return namen


def productie_instellingen(settings, static_root):
    settings.DEBUG = False
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTIE_OPSLAG}}


@pytest.fixture(scope="module")
def gesamelde_bestanden(tmp_path_factory):
    """`collectstatic` with production's storage, once per module: hashed names and the
    manifest as production has them. Without gzip and brotli copies (most of its time, and
    nothing a PDF reads; .ci/productie.sh makes them)."""
    static_root = tmp_path_factory.mktemp("static")
    from django.conf import settings

    opslag = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTIE_OPSLAG}}
    niet_comprimeren = ["css", "js", "svg", "ttf", "txt", "md", "map", "woff", "woff2", "png"]
    with override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        STORAGES=opslag,
        WHITENOISE_SKIP_COMPRESS_EXTENSIONS=niet_comprimeren,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def productie_statisch(settings, tmp_path, gesamelde_bestanden):
    """DEBUG off and production's static files storage on a copy of the collected files (a
    test may delete some)."""
    static_root = tmp_path / "static"
    # Hard links: as fast as a directory listing, and deleting one leaves the original.
    shutil.copytree(gesamelde_bestanden, static_root, copy_function=os.link)
    productie_instellingen(settings, static_root)
    return static_root


@pytest.fixture
def concept(gouda):
    return onderzoek_aanmaken(
        aanpak=gouda.aanpak, kader=gouda.kader, soort="beleidstoets", jaar=2016
    )


def renderen(onderzoek) -> tuple[str, bytes]:
    return render_pdf(*rapport_context(onderzoek))


def test_pdf_met_productie_statische_bestanden_is_opgemaakt_als_in_ontwikkeling(
    gouda, concept, settings, gesamelde_bestanden, caplog
):
    ontwikkeling = {o.pk: renderen(o)[1] for o in (gouda, concept)}

    productie_instellingen(settings, gesamelde_bestanden)
    caplog.set_level(logging.DEBUG, logger="weasyprint")

    for onderzoek in (gouda, concept):
        html, pdf = renderen(onderzoek)
        # The template references the hashed name, as production serves it.
        assert re.search(r'href="/static/css/rapport\.[0-9a-f]{12}\.css"', html)
        paginas = pdf_paginas(pdf)
        assert len(paginas) == len(pdf_paginas(ontwikkeling[onderzoek.pk])) > 1
        assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= fonts(pdf)
        if onderzoek == concept:
            assert all(p.count("CONCEPT") == 1 for p in paginas)
        else:
            assert all("CONCEPT" not in p for p in paginas)
    assert "Failed to load" not in caplog.text


def test_ontbrekend_stylesheet_is_een_fout_geen_kale_pdf(gouda, productie_statisch):
    html, _ = renderen(gouda)
    gehasht = re.search(r'href="/static/(css/rapport\.[0-9a-f]{12}\.css)"', html).group(1)
    (productie_statisch / gehasht).unlink()
    with pytest.raises(pdfmodule.StatischBestandOntbreekt, match="rapport"):
        renderen(gouda)


def test_ontbrekend_lettertype_is_een_fout(gouda, productie_statisch):
    for font in (productie_statisch / "fonts").glob("DejaVuSans-Bold.*.ttf"):
        font.unlink()
    with pytest.raises(pdfmodule.StatischBestandOntbreekt, match="DejaVuSans-Bold"):
        renderen(gouda)


def test_fetcher_weigert_in_productie_wat_niet_in_het_manifest_staat(productie_statisch):
    (productie_statisch / "geheim.txt").write_text("niet van ons")
    basis = pdfmodule.BASE_URL + "static/"
    for pad in ("geheim.txt", "css/rapport.0123456789ab.css", "staticfiles.json", "../x"):
        with pytest.raises(pdfmodule.ExternBronGeweigerd):
            pdfmodule.statisch_pad(basis + pad)
    gehasht = next((productie_statisch / "css").glob("rapport.*.css")).name
    assert pdfmodule.statisch_pad(basis + "css/" + gehasht) == productie_statisch / "css" / gehasht


def test_publiceren_zonder_stylesheet_publiceert_niets(kaders, inspecteur, productie_statisch):
    from inspecties.models import Onderzoek
    from inspecties.onderzoeken.services import OnderzoekFout
    from rapporten.models import GepubliceerdRapport
    from rapporten.services import onderzoek_publiceren
    from tests.factories import portaal_wereld

    onderzoek = portaal_wereld(kaders, inspecteur=inspecteur).vastgesteld
    for css in (productie_statisch / "css").glob("rapport.*.css"):
        css.unlink()
    with pytest.raises(OnderzoekFout, match="stijlblad of lettertype ontbreekt"):
        onderzoek_publiceren(onderzoek=onderzoek, door=inspecteur)
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.VASTGESTELD
    assert not GepubliceerdRapport.objects.exists()
