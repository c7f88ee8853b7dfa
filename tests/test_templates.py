"""Template hygiene that Django does not check: a `{# ... #}` comment must end on its own line,
otherwise Django prints it as text (a multi-line one once appeared in every finding cell of
the PDF)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def sjablonen():
    for pad in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" not in pad.parts:
            yield pad


def test_commentaar_met_hekje_eindigt_op_dezelfde_regel():
    fout = []
    for pad in sjablonen():
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
            rest = regel
            while "{#" in rest:
                rest = rest[rest.index("{#") + 2 :]
                if "#}" not in rest:
                    fout.append(f"{pad.relative_to(ROOT)}:{nummer}")
                    break
                rest = rest[rest.index("#}") + 2 :]
    assert list(sjablonen()), "no templates found"
    assert not fout, "Gebruik {% comment %} voor commentaar over meer regels: " + ", ".join(fout)


def test_gedrukte_rapporten_bevatten_geen_sjabloontekst(demo, gerenderd):
    from tests.conftest import DEMO_PDF, eenmaal_gerenderd
    from tests.rapporten.conftest import pdf_paginas

    for sleutel, onderzoek in demo.items():
        pdf = eenmaal_gerenderd(gerenderd, DEMO_PDF[sleutel], onderzoek)
        tekst = " ".join(pdf_paginas(pdf))
        for teken in ("{#", "#}", "{%", "%}", "{{", "}}"):
            assert teken not in tekst, (str(onderzoek), teken)
