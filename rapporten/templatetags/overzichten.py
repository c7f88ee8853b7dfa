"""The heatmap's cells, written in Python: at national size a page has over 10,000 of them,
too many for a template loop. Each cell shows its symbol to the eye and says its state in
words to a screen reader (visually hidden text), and links to the finding where there is one.
The standard library's escape: Django's (lazy, SafeString) took half the page's time."""

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@lru_cache(maxsize=64)
def _inhoud(symbool: str, tekst: str) -> str:
    return f'<i aria-hidden="true">{escape(symbool)}</i><span class="vh">{escape(tekst)}</span>'


@register.simple_tag
def heatmap_cellen(rij, voor_pdf: bool = False) -> str:
    """The cells of one row. In the PDF a cell is its symbol alone (the caption explains them):
    WeasyPrint lays out a national table of 10,000 cells much faster without the extras."""
    if voor_pdf:
        return mark_safe(
            "".join(f'<td class="hm-{c.status}">{escape(c.symbool)}</td>' for c in rij.cellen)
        )
    delen = []
    for c in rij.cellen:
        inhoud = _inhoud(c.symbool, c.tekst)
        if c.url:
            inhoud = f'<a href="{escape(c.url)}">{inhoud}</a>'
        delen.append(f'<td class="hm-{c.status}">{inhoud}</td>')
    return mark_safe("".join(delen))  # every text is escaped above
