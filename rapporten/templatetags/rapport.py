"""Template filters of the reports."""

from django import template

from rapporten.alineas import als_html

register = template.Library()


@register.filter
def alineas(tekst: str | None):
    """A stored text as paragraphs (a blank line separates them) and lists: the one filter
    every report, the portal and the PDF print a text with."""
    return als_html(tekst)
