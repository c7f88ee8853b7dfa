"""Template filters of the reports."""

from django import template

from rapporten.context import alineas as _alineas

register = template.Library()


@register.filter
def alineas(tekst: str | None) -> list[str]:
    """A text field's paragraphs (separated by blank lines), each printed as its own <p>."""
    return _alineas(tekst)
