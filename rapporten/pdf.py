"""Render a report template to HTML and PDF, without touching the network.

WeasyPrint is imported lazily: it pulls in Pango and is only needed when a PDF is made.
The URL fetcher serves our own static files from disk and refuses every other URL, so a
report (or an injected <img src="http://...">) can never make the server fetch anything.
It resolves exactly what `{% static %}` wrote into the template: in development the source
file (through the finders), in production the hashed copy that `collectstatic` wrote and its
manifest names (rapport.<hash>.css, and the hashed fonts that stylesheet refers to).
"""

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

# A base URL that cannot resolve: relative and /static/ URLs become https://rapport.invalid/...
BASE_URL = "https://rapport.invalid/"


class ExternBronGeweigerd(ValueError):
    """A report asked for something other than one of our static files."""


class StatischBestandOntbreekt(ExternBronGeweigerd):
    """One of our static files that a report uses is missing: the PDF would come out unstyled
    (or in another font), so rendering fails instead of storing such a PDF for good."""


def _uit_manifest(relatief: str) -> Path | None:
    """Production: a hashed name from the manifest, as collectstatic wrote it to STATIC_ROOT.
    Only names the manifest lists count, so nothing else in STATIC_ROOT is served."""
    gehasht = getattr(staticfiles_storage, "hashed_files", None)
    if not gehasht or relatief not in set(gehasht.values()):
        return None
    return Path(staticfiles_storage.path(relatief))


def statisch_pad(url: str) -> Path:
    """The file on disk for a URL under our STATIC_URL; ExternBronGeweigerd for anything else,
    StatischBestandOntbreekt for a static file that is not there."""
    delen = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{delen.scheme}://{delen.netloc}/" != BASE_URL or not delen.path.startswith(prefix):
        raise ExternBronGeweigerd(f"Geweigerd: {url}")
    relatief = unquote(delen.path[len(prefix) :])
    if ".." in Path(relatief).parts:
        raise ExternBronGeweigerd(f"Geweigerd: {url}")
    pad = _uit_manifest(relatief)
    if pad is None:
        gevonden = finders.find(relatief)
        pad = Path(gevonden) if gevonden else None
    if pad is None or not pad.is_file():
        raise StatischBestandOntbreekt(f"Statisch bestand niet gevonden: {relatief}")
    return pad


def _fetcher_klasse():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatischeFetcher(URLFetcher):
        """Serves only our static files from disk; anything else raises. WeasyPrint only logs
        what a fetcher raises, so missing files are also kept in `ontbrekend`."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.ontbrekend: list[str] = []

        def fetch(self, url, headers=None):
            try:
                pad = statisch_pad(url)
            except StatischBestandOntbreekt as fout:
                self.ontbrekend.append(str(fout))
                raise
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, pad.read_bytes(), {"Content-Type": soort})

    return StatischeFetcher


def url_fetcher():
    return _fetcher_klasse()()


# Tagged PDF/UA-1: an accessibility requirement of the published reports.
OPTIES = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}

# The first row group of each theme's table kept together the way the other groups are (see
# rapport.css), for the rare layout in which that group is taller than a page.
EERSTE_GROEP_ALS_DE_ANDERE = (
    "tbody.samen[data-sectie] { break-inside: avoid; } "
    "tbody.samen[data-sectie] > tr + tr { break-before: auto; } "
    "tbody.samen[data-sectie] > tr.lang { break-inside: auto; }"
)


def _met_stijl(html: str, regels: str) -> str:
    return html.replace("</head>", f"<style>{regels}</style></head>", 1)


def html_naar_pdf(html: str, *, fetcher=None) -> bytes:
    """The PDF of a report's HTML; StatischBestandOntbreekt if a stylesheet or font is missing.

    One layout pass: a theme whose first rows share a finding that does not fit moves to the
    next page whole by the stylesheet's own rules (rapport.css, tbody.samen[data-sectie]).
    Only when such a group is split over pages all the same (it is taller than what fits on
    a page) is it laid out as before: as a row group with `break-inside: avoid`, and its theme
    moved to a new page when the group starts at a page's foot."""
    from weasyprint import HTML

    fetcher = fetcher or url_fetcher()

    def opmaken(bron: str):
        return HTML(string=bron, base_url=BASE_URL, url_fetcher=fetcher).render(**OPTIES)

    document = opmaken(html)
    if _indeling(document).over_paginas:
        html = _met_stijl(html, EERSTE_GROEP_ALS_DE_ANDERE)
        document = opmaken(html)
        afbreken = _indeling(document).gesplitst
        if afbreken:
            # WeasyPrint splits a table's first row group rather than leave the table's header
            # alone at a page's foot; such a theme starts on the next page.
            regels = " ".join(f"#{sectie} {{ break-before: page; }}" for sectie in sorted(afbreken))
            document = opmaken(_met_stijl(html, regels))
    pdf = document.write_pdf(**OPTIES)
    if getattr(fetcher, "ontbrekend", None):
        raise StatischBestandOntbreekt("; ".join(fetcher.ontbrekend))
    return pdf


def _inhoud(pagina):
    """The boxes of a page's content (not its margin boxes: header, footer)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    for kind in pagina._page_box.children:
        if not isinstance(kind, MarginBox):
            yield from kind.descendants()


@dataclass(frozen=True)
class Indeling:
    """Where the first row group of each theme (rows sharing a finding) came to lie."""

    over_paginas: set[str]
    """The ids of the sections whose first row group is split over two or more pages."""
    gesplitst: set[str]
    """Of those, the ones whose section does not already start at the top of a page."""


def _indeling(document) -> Indeling:
    paginas: dict[str, set[int]] = {}
    begin: dict[str, int] = {}
    bovenste: dict[int, object] = {}
    for nummer, pagina in enumerate(document.pages):
        hoogte = None
        for box in _inhoud(pagina):
            element = box.element
            if element is None or box.element_tag not in ("tbody", "section", "p", "h2", "aside"):
                continue
            if hoogte is None or box.position_y < hoogte:
                hoogte, bovenste[nummer] = box.position_y, element
            if box.element_tag == "section" and element.get("id"):
                begin.setdefault(element.get("id"), nummer)
            if box.element_tag == "tbody" and element.get("data-sectie"):
                paginas.setdefault(element.get("data-sectie"), set()).add(nummer)
    over_paginas = {sectie for sectie, nummers in paginas.items() if len(nummers) > 1}
    return Indeling(
        over_paginas=over_paginas,
        gesplitst={
            sectie
            for sectie in over_paginas
            if bovenste.get(begin.get(sectie, -1)) is not None
            and bovenste[begin[sectie]].get("id") != sectie
        },
    )


def render_pdf(template_name: str, context: dict) -> tuple[str, bytes]:
    """Render a template for print; returns (html, pdf bytes)."""
    html = render_to_string(template_name, {**context, "voor_pdf": True})
    return html, html_naar_pdf(html)
