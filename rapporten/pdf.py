"""Render a report template to HTML and PDF, without touching the network.

WeasyPrint is imported lazily: it pulls in Pango and is only needed when a PDF is made.
The URL fetcher serves our own static files from disk and refuses every other URL, so a
report (or an injected <img src="http://...">) can never make the server fetch anything.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# A base URL that cannot resolve: relative and /static/ URLs become https://rapport.invalid/...
BASE_URL = "https://rapport.invalid/"


class ExternBronGeweigerd(ValueError):
    """A report asked for something other than one of our static files."""


def statisch_pad(url: str) -> Path:
    """The file on disk for a URL under our STATIC_URL, or ExternBronGeweigerd."""
    delen = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{delen.scheme}://{delen.netloc}/" != BASE_URL or not delen.path.startswith(prefix):
        raise ExternBronGeweigerd(f"Geweigerd: {url}")
    relatief = unquote(delen.path[len(prefix) :])
    if ".." in Path(relatief).parts:
        raise ExternBronGeweigerd(f"Geweigerd: {url}")
    gevonden = finders.find(relatief)
    if not gevonden:
        raise ExternBronGeweigerd(f"Niet gevonden: {url}")
    return Path(gevonden)


def _fetcher_klasse():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatischeFetcher(URLFetcher):
        """Serves only our static files from disk; anything else raises."""

        def fetch(self, url, headers=None):
            pad = statisch_pad(url)
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, pad.read_bytes(), {"Content-Type": soort})

    return StatischeFetcher


def url_fetcher():
    return _fetcher_klasse()()


def html_naar_pdf(html: str, *, fetcher=None) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or url_fetcher())
    return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")


def render_pdf(template_name: str, context: dict) -> tuple[str, bytes]:
    """Render a template for print; returns (html, pdf bytes)."""
    html = render_to_string(template_name, {**context, "voor_pdf": True})
    return html, html_naar_pdf(html)
