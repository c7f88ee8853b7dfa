"""Texts keep their paragraphs, and only those, in the HTML and in the PDF: a blank line is a
new paragraph, a single newline (where a source wrapped its line) is not, no <br> appears, and
a line starting with "- " is a list item."""

import re

from django.template import Context, Template
from django.template.loader import render_to_string

import pdfplumber
import pytest

from rapporten.alineas import als_html, blokken
from rapporten.context import rapport_context
from rapporten.services import rapport_pdf


def test_een_lege_regel_scheidt_alineas_een_enkele_regelovergang_niet():
    tekst = "Eerste regel\nloopt door.\n\n  \nTweede alinea.\r\n\r\nDerde."
    assert [b.tekst for b in blokken(tekst)] == [
        "Eerste regel loopt door.",
        "Tweede alinea.",
        "Derde.",
    ]
    assert blokken("") == [] and blokken(None) == [] and blokken("\n\n \n") == []


def test_lijstregels_worden_een_lijst_en_een_afgebroken_item_loopt_door():
    tekst = "De vijf thema’s zijn:\n- Toeleiding: in beeld\nen bereikt\n- Gezin centraal\n\nSlot."
    b = blokken(tekst)
    assert b[0].tekst == "De vijf thema’s zijn:"
    assert b[1].items == ["Toeleiding: in beeld en bereikt", "Gezin centraal"]
    assert b[2].tekst == "Slot."
    # A dash inside a sentence, or "0-100", is no list.
    assert blokken("Van 0-100 – vastgelopen – trajecten")[0].tekst.startswith("Van 0-100")


def test_html_een_p_per_alinea_geen_br_en_ontsnapt():
    html = als_html("Een <b>vette</b>\nregel.\n\nTweede.")
    assert (
        html
        == '<p class="tekst">Een &lt;b&gt;vette&lt;/b&gt; regel.</p><p class="tekst">Tweede.</p>'
    )
    assert "<br" not in html
    lijst = als_html("- <script>x</script>")
    assert lijst == '<ul class="tekst"><li>&lt;script&gt;x&lt;/script&gt;</li></ul>'


def test_een_filter_voor_alle_rapporttemplates():
    uit = Template("{% load rapport %}{{ t|alineas }}").render(Context({"t": "A\n\nB"}))
    assert uit == '<p class="tekst">A</p><p class="tekst">B</p>'


@pytest.fixture
def gouda_twee_alineas(demo):
    """Gouda's first finding as two paragraphs, the first with a wrapped line."""
    onderzoek = demo[("Gouda", 2013)]
    bevinding = onderzoek.bevindingen.order_by("id").first()
    bevinding.tekst = (
        "ALFAEEN staat hier\nBRAVODOOR op dezelfde ECHOSLOT.\n\nCHARLIETWEE begint opnieuw."
    )
    bevinding.save()
    return onderzoek


def _tbody_html(onderzoek) -> str:
    template, context = rapport_context(onderzoek)
    return render_to_string(template, context)


def test_twee_alineas_in_twee_uit_in_html(gouda_twee_alineas):
    html = _tbody_html(gouda_twee_alineas)
    assert re.search(
        r'<p class="tekst">ALFAEEN staat hier BRAVODOOR op dezelfde ECHOSLOT\.</p>'
        r'<p class="tekst">CHARLIETWEE begint opnieuw\.</p>',
        html,
    )
    assert "<br" not in html


def test_twee_alineas_in_twee_uit_in_pdf(gouda_twee_alineas):
    import io

    with pdfplumber.open(io.BytesIO(rapport_pdf(onderzoek=gouda_twee_alineas))) as pdf:
        for pagina in pdf.pages:
            woorden = {w["text"]: w for w in pagina.extract_words()}
            if "ALFAEEN" in woorden:
                break
        else:
            pytest.fail("de bevinding staat niet in de PDF")
    alfa, bravo, slot, charlie = (
        woorden[w] for w in ("ALFAEEN", "BRAVODOOR", "ECHOSLOT.", "CHARLIETWEE")
    )
    regelhoogte = alfa["bottom"] - alfa["top"]
    # The wrapped line is not a new line of its own: at most the column wraps it once.
    assert bravo["top"] - alfa["top"] <= regelhoogte * 1.6
    # The second paragraph starts on a new line below a paragraph gap (not just the next
    # line: line-height 1.35), at the left edge.
    assert charlie["top"] - slot["top"] > regelhoogte * 1.9
    assert abs(charlie["x0"] - alfa["x0"]) < 1
