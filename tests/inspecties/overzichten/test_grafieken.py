"""Charts as SVG (issue 15): readable without the picture, and nothing typed can break out."""

import xml.etree.ElementTree as ET

from inspecties.overzichten.grafieken import Staaf, omschrijving, staafdiagram

SVG = "{http://www.w3.org/2000/svg}"


def test_staafdiagram_is_geldige_svg_met_titel_en_omschrijving():
    svg = staafdiagram(
        id="g",
        titel="Aandeel X",
        staven=[Staaf("Toeleiding", 50.0, "+4,0 pp"), Staaf("Continu", 12.5), Staaf("Leeg", None)],
    )
    boom = ET.fromstring(str(svg))
    assert boom.get("role") == "img" and boom.get("aria-labelledby") == "g-titel g-omschrijving"
    assert boom.find(f"{SVG}title").text == "Aandeel X"
    assert boom.find(f"{SVG}desc").text.startswith(
        "2 staven. Hoogste: Toeleiding, 50%. Laagste: Continu, 12,5%."
    )
    staven = boom.findall(f"{SVG}rect")
    assert [float(r.get("width")) for r in staven] == [140.0, 35.0]  # 280 px is 100 %
    teksten = [t.text for t in boom.findall(f"{SVG}text")]
    assert "50% (+4,0 pp)" in teksten and "geen gegevens" in teksten


def test_teksten_worden_ontsnapt():
    svg = str(staafdiagram(id='x"><script>', titel="<b>&", staven=[Staaf("</text><script>", 1.0)]))
    assert "<script>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)  # still well-formed


def test_lange_labels_worden_ingekort_en_lege_grafiek():
    boom = ET.fromstring(str(staafdiagram(id="k", titel="t", staven=[Staaf("a" * 80, 10.0)])))
    assert boom.find(f"{SVG}text").text == "a" * 39 + "…"
    assert "a" * 80 in boom.find(f"{SVG}desc").text  # the description names it in full
    assert omschrijving([]) == "Geen gegevens."
    ET.fromstring(str(staafdiagram(id="leeg", titel="t", staven=[])))
