"""PDF rendering: one place that turns a template into HTML and PDF, without network access."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

STATIC_PREFIX = "/static/"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
BASE_URL = "file:///"


class GeweigerdeURL(Exception):
    """A rendering tried to fetch something that is not one of our static files."""


def statisch_bestand(url: str) -> Path:
    """Map a URL to a file under static/, or refuse it."""
    for prefix in ("file://" + STATIC_PREFIX, STATIC_PREFIX):
        if url.startswith(prefix):
            pad = (STATIC_DIR / url[len(prefix) :]).resolve()
            if pad.is_relative_to(STATIC_DIR.resolve()) and pad.is_file():
                return pad
    raise GeweigerdeURL(url)


def _fetcher_klasse():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatischeFetcher(URLFetcher):
        """Serves our static files from disk and refuses everything else (no network)."""

        def fetch(self, url, headers=None):
            pad = statisch_bestand(url)
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=pad.read_bytes(), headers={"Content-Type": soort})

    return StatischeFetcher


def render_pdf(template_name: str, context: dict) -> tuple[str, bytes]:
    """Render a template to (HTML, PDF bytes). WeasyPrint is imported lazily (slow import)."""
    import weasyprint

    html = render_to_string(template_name, context)
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_klasse()())
    pdf = document.write_pdf(pdf_tags=True, uncompressed_pdf=False)
    return html, pdf
