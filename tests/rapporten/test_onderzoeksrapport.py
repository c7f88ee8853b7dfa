"""The onderzoeksrapport of a toezichtonderzoek (model: Toezicht wijkteams, Bergen op Zoom 2017),
read back from the PDF: title page, summary, numbered chapters with a true table of contents,
the framework in Bijlage 1, the sources in Bijlage 2 and the CONCEPT mark."""

import re
from datetime import date
from io import BytesIO

from django.urls import reverse

import pytest
from pypdf import PdfReader

from inspecties.models import Hoofdstuk, Onderzoek
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from rapporten.context import rapport_context
from rapporten.services import rapport_pdf
from tests.conftest import eenmaal_gerenderd, inloggen
from tests.factories import AanpakFactory, GemeenteFactory
from tests.rapporten.conftest import normaliseer, pdf_paginas, zonder_spaties
from toetsingskader.models import Indicator

TITEL = "Toezicht wijkteams: Zorg en Ondersteuning aan kwetsbare gezinnen"
OORDEEL = (
    "Alles overziend komen de inspecties tot het oordeel dat de effectiviteit van de zorg en "
    "ondersteuning aan kwetsbare gezinnen in Bergen op Zoom op dit moment nog niet voldoende is "
    "en verbeterd moet worden."
)
BRONNEN = [
    (1, "Teamleider CJG"),
    (9, "jeugdprofessionals CJG met verschillende achtergrond"),
    (6, "cliënten"),
    (2, "Huisartsen"),
    (1, "Manager zorg- en veiligheidshuis"),
]
HOOFDSTUKKEN = [
    ("Eén Gezin, één plan, één regisseur", "gezin"),
    ("één gezin, Eén Plan, één regisseur", "plan"),
    ("één gezin, één plan, Eén Regisseur", "regisseur"),
]


def _alinea(woord: str, n: int = 12) -> str:
    return " ".join(
        f"De inspecties zagen bij {woord} in dossier {i} hoe het lokale netwerk werkte."
        for i in range(n)
    )


@pytest.fixture
def toezichtonderzoek(kaders):
    gemeente = GemeenteFactory(naam="Bergen op Zoom")
    aanpak = AanpakFactory(gemeente=gemeente, naam="Wijkteams")
    onderzoek = onderzoek_aanmaken(
        aanpak=aanpak,
        kader=kaders["stelseltoezicht-wijkteams"],
        soort="toezichtonderzoek",
        jaar=2017,
    )
    onderzoek.titel = TITEL
    onderzoek.samenvatting = "Dit rapport gaat over de effectiviteit van de zorg.\n\n" + _alinea(
        "de samenvatting", 3
    )
    onderzoek.oordeel = OORDEEL
    onderzoek.kansen = "Het CJG heeft betrokken jeugdprofessionals."
    onderzoek.inleiding = "Dit rapport gaat over kwetsbare gezinnen.\n\n" + _alinea("inleiding")
    onderzoek.context = "De gemeente heeft de toeleiding geregeld in kolommen."
    onderzoek.bronnen = "\n".join(f"{aantal} {wie}" for aantal, wie in BRONNEN)
    onderzoek.publicatiedatum = date(2017, 3, 15)
    onderzoek.voortgang_deadline = date(2017, 5, 1)
    onderzoek.save()
    # Created last chapter first: the report follows volgorde, not creation order.
    for volgorde, (titel, woord) in reversed(list(enumerate(HOOFDSTUKKEN, start=1))):
        Hoofdstuk.objects.create(
            onderzoek=onderzoek,
            volgorde=volgorde,
            titel=titel,
            verwachting=f"Verwachting bij {woord}.",
            beleid=f"Beleid bij {woord}.",
            # The first chapter runs over pages, so the ToC's numbers are not just consecutive.
            bevindingen=f"Bevindingen bij {woord}.\n\n"
            + _alinea(woord, 20)
            + ("\n\n" + _alinea("het eerste hoofdstuk", 60) if woord == "gezin" else ""),
            risicos="" if woord == "plan" else f"Risico's bij {woord}.",
            verklaringen=f"Verklaringen bij {woord}.",
            conclusie=f"Conclusie bij {woord}: onvoldoende.",
        )
    return onderzoek


@pytest.fixture
def rapport(toezichtonderzoek, gerenderd):
    return pdf_paginas(eenmaal_gerenderd(gerenderd, "toezichtonderzoek", toezichtonderzoek))


def _hoofdstuknummers() -> dict[str, str]:
    """Chapter title → number as printed: 1 Inleiding, 2 Het lokale netwerk, then these."""
    return {titel: str(i) for i, (titel, _) in enumerate(HOOFDSTUKKEN, start=3)}


def test_template_en_context_in_een_vast_aantal_queries(
    toezichtonderzoek, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15) as queries:
        template, context = rapport_context(toezichtonderzoek.pk)
        # Bijlage 1 walks the prefetched framework without further queries.
        for thema in context["bijlage_themas"]:
            for criterium in thema.criteria.all():
                list(criterium.indicatoren.all())
    assert template == "rapporten/onderzoeksrapport.html"
    aantal = len(queries)
    Hoofdstuk.objects.create(onderzoek=toezichtonderzoek, volgorde=9, titel="Nog een")
    with django_assert_max_num_queries(aantal):
        _, context = rapport_context(toezichtonderzoek.pk)
        for thema in context["bijlage_themas"]:
            for criterium in thema.criteria.all():
                list(criterium.indicatoren.all())
    assert [h.titel for h in context["hoofdstukken"]][2:-1] == [t for t, _ in HOOFDSTUKKEN] + [
        "Nog een"
    ]


def test_titelpagina_samenvatting_en_vervolg(rapport):
    titelpagina = normaliseer(rapport[0])
    assert f"{TITEL} in Bergen op Zoom" in titelpagina
    assert "Utrecht, maart 2017" in titelpagina
    assert "Toezicht Sociaal Domein/Samenwerkend Toezicht Jeugd (TSD/STJ)" in titelpagina
    tekst = normaliseer(" ".join(rapport))
    samenvatting = tekst[tekst.index("Samenvatting") : tekst.index("Inhoudsopgave")]
    assert "Oordeel " + OORDEEL in samenvatting
    assert "De inspecties vernemen graag vóór 1 mei 2017 welke verbeteringen" in samenvatting
    assert "onder regie van de gemeente Bergen op Zoom" in samenvatting
    eind = tekst[tekst.rindex("Eindoordeel en vervolg") : tekst.rindex("Bijlage 1:")]
    assert "Algemeen " + OORDEEL in eind
    assert "Kansen Het CJG heeft betrokken jeugdprofessionals." in eind
    assert "vóór 1 mei 2017" in eind


def test_hoofdstukken_genummerd_met_bevindingen_en_conclusie(rapport):
    tekst = normaliseer(" ".join(rapport))
    compact = zonder_spaties(tekst)
    assert "1 Inleiding" in tekst
    assert "2 Het lokale netwerk in Bergen op Zoom" in tekst
    for titel, woord in HOOFDSTUKKEN:
        nr = _hoofdstuknummers()[titel]
        assert f"{nr} {titel}" in tekst
        assert f"{nr}.1 Verwachting Verwachting bij {woord}." in tekst
        assert f"{nr}.3.1 Bevindingen inspecties Bevindingen bij {woord}." in tekst
        assert zonder_spaties(_alinea(woord, 20)) in compact
        assert f"{nr}.4 Conclusie Conclusie bij {woord}: onvoldoende." in tekst
    assert "6 Eindoordeel en vervolg" in tekst


def test_lege_risicos_geven_geen_kop(rapport):
    tekst = normaliseer(" ".join(rapport))
    begin = tekst.rindex("4 één gezin, Eén Plan, één regisseur")
    eind = tekst.rindex("5 één gezin, één plan, Eén Regisseur")
    hoofdstuk = tekst[begin:eind]
    assert "Risico's" not in hoofdstuk
    assert "4.3.2 Verklaringen Verklaringen bij plan." in hoofdstuk
    assert "3.3.2 Risico's Risico's bij gezin." in tekst


def test_inhoudsopgave_noemt_de_echte_paginas(rapport):
    toc_index = next(i for i, p in enumerate(rapport) if "Inhoudsopgave" in p)
    toc = normaliseer(rapport[toc_index])
    koppen = {
        "1": "Inleiding",
        "2": "Het lokale netwerk in Bergen op Zoom",
        **{nr: titel for titel, nr in _hoofdstuknummers().items()},
        "6": "Eindoordeel en vervolg",
    }
    paginas = []
    for nr, titel in koppen.items():
        kop = f"{nr} {titel}"
        gevonden = re.search(re.escape(kop) + r"[\s.]*(\d+)", toc)
        assert gevonden, kop
        # The page on which the heading really is (pages are 1-based; the ToC is skipped).
        pagina = next(
            i
            for i, p in enumerate(rapport, start=1)
            if i > toc_index + 1 and f" {kop} " in f" {normaliseer(p)} "
        )
        assert int(gevonden[1]) == pagina, kop
        paginas.append(pagina)
    assert paginas[3] - paginas[2] >= 2, "chapter 3 runs over more than one page"
    for bijlage in ("Bijlage 1:", "Bijlage 2: Geraadpleegde bronnen bij dit onderzoek"):
        gevonden = re.search(re.escape(bijlage) + r".*?[\s.]+(\d+)(?:\s|$)", toc)
        assert gevonden, bijlage
        pagina = next(
            i for i, p in enumerate(rapport, start=1) if i > toc_index + 1 and bijlage in p
        )
        assert int(gevonden[1]) == pagina, bijlage


def test_bijlagen_tonen_het_kader_en_de_bronnen(toezichtonderzoek, rapport):
    tekst = normaliseer(" ".join(rapport))
    bijlage1 = zonder_spaties(tekst[tekst.rindex("Bijlage 1:") : tekst.rindex("Bijlage 2:")])
    assert zonder_spaties("Criteria Indicator Operationalisering") in bijlage1
    indicatoren = Indicator.objects.filter(kader=toezichtonderzoek.kader)
    assert indicatoren.count() > 10
    for indicator in indicatoren:
        assert zonder_spaties(indicator.tekst) in bijlage1, indicator.sleutel
        assert indicator.operationalisering
        for alinea in indicator.operationalisering.split("\n\n"):
            assert zonder_spaties(alinea) in bijlage1, indicator.sleutel
    bijlage2 = tekst[tekst.rindex("Bijlage 2: Geraadpleegde bronnen bij dit onderzoek") :]
    for aantal, wie in BRONNEN:
        assert f"{aantal} {wie}" in bijlage2


def test_kopregel_van_de_kadertabel_herhaalt_op_elke_pagina(rapport):
    begin = max(i for i, p in enumerate(rapport) if "Bijlage 1:" in p)
    eind = max(i for i, p in enumerate(rapport) if "Bijlage 2:" in p)
    assert eind - begin >= 2, "the framework table spans pages"
    for pagina in rapport[begin:eind]:
        assert "Criteria Indicator Operationalisering" in normaliseer(pagina)


def test_concept_op_elke_pagina_tot_vastgesteld(toezichtonderzoek, rapport):
    assert toezichtonderzoek.status == Onderzoek.Status.CONCEPT
    assert len(rapport) > 5
    assert all(p.count("CONCEPT") == 1 for p in rapport)
    assert all(
        f"pagina {i} van {len(rapport)}" in normaliseer(p) for i, p in enumerate(rapport, start=1)
    )
    status_zetten(onderzoek=toezichtonderzoek, naar=Onderzoek.Status.VASTGESTELD)
    vastgesteld = pdf_paginas(rapport_pdf(onderzoek=toezichtonderzoek))
    assert all("CONCEPT" not in p for p in vastgesteld)


def test_pdf_metadata_en_tags(toezichtonderzoek):
    reader = PdfReader(BytesIO(rapport_pdf(onderzoek=toezichtonderzoek)))
    assert reader.metadata.title == f"{TITEL} in Bergen op Zoom"
    assert reader.metadata.author == "Samenwerkend Toezicht Jeugd"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_html_pagina_toont_de_hoofdstukken(
    toezichtonderzoek, client, inspecteur, django_assert_max_num_queries
):
    inloggen(client, inspecteur)
    with django_assert_max_num_queries(25):
        antwoord = client.get(reverse("rapporten:rapport", args=[toezichtonderzoek.pk]))
    assert antwoord.status_code == 200
    html = antwoord.text
    assert '<html lang="nl">' in html and "<script" not in html
    for titel, _ in HOOFDSTUKKEN:
        nr = _hoofdstuknummers()[titel]
        assert f'<h2 id="h{nr}">{nr} {titel}</h2>' in html
        assert f'<a href="#h{nr}">{nr} {titel}</a>' in html
    assert '<th scope="col">Operationalisering</th>' in html
    assert '<p class="tekst">Bevindingen bij gezin.</p>' in html
    koppen = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
    assert koppen[0] == 1
    assert all(b - a <= 1 for a, b in zip(koppen, koppen[1:], strict=False))


def test_het_gepubliceerde_demorapport_bergen_op_zoom(demo, gerenderd):
    """The published case as transcribed in inspecties/demo/: every chapter's findings and
    conclusion, the judgement, the deadline and all sources are in the PDF."""
    from inspecties.regels.onderzoeksrapport import bronnen_lezen

    onderzoek = demo[("Bergen op Zoom", 2017)]
    paginas = pdf_paginas(eenmaal_gerenderd(gerenderd, "bergen-op-zoom", onderzoek))
    tekst = zonder_spaties(" ".join(paginas))
    assert zonder_spaties(f"{TITEL} in Bergen op Zoom") in tekst
    assert zonder_spaties("Utrecht, maart 2017") in tekst
    oordeel = onderzoek.oordeel.split("\n\n")[0]
    assert "nog niet voldoende" in oordeel
    assert tekst.count(zonder_spaties(oordeel)) == 2  # Samenvatting and Eindoordeel
    assert zonder_spaties("vóór 1 mei 2017") in tekst
    for h in onderzoek.hoofdstukken.all():
        assert zonder_spaties(h.titel) in tekst
        for deel in (h.bevindingen, h.conclusie):
            # The first sentence: a paragraph may run over a page break (and its footer).
            eerste_zin = deel.split(". ")[0]
            assert zonder_spaties(eerste_zin) in tekst, (h.titel, eerste_zin[:60])
    for bron in bronnen_lezen(onderzoek.bronnen):
        assert zonder_spaties(f"{bron.aantal} {bron.wie}") in tekst
    assert "CONCEPT" not in " ".join(paginas)
