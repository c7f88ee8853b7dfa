"""A score as the eye and a screen reader both get it: the scale's symbol (√, X), hidden from
assistive technology, followed by the option's label ("voldoet") as visually hidden text."""

from django import template
from django.utils.html import format_html

register = template.Library()


def score_html(optie, *, niet_getoetst: bool = False, niet_getoetst_teken: str = "–") -> str:
    if optie is not None:
        return format_html(
            '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>',
            optie.symbool,
            optie.label.lower(),
        )
    if niet_getoetst:
        return format_html(
            '<span aria-hidden="true">{}</span><span class="visually-hidden">niet getoetst</span>',
            niet_getoetst_teken,
        )
    return ""


@register.simple_tag
def score(beoordeling, niet_getoetst_teken: str = "–") -> str:
    """{% score rij.beoordeling %}: its option's symbol with its label for screen readers; a
    row marked niet getoetst shows `niet_getoetst_teken`; an open row nothing."""
    if not beoordeling:  # None, or "" for a missing attribute in the template
        return ""
    return score_html(
        beoordeling.optie,
        niet_getoetst=beoordeling.niet_getoetst,
        niet_getoetst_teken=niet_getoetst_teken,
    )


@register.simple_tag
def symbool(optie) -> str:
    """{% symbool optie %}: a scale option's symbol with its label for screen readers."""
    return score_html(optie)
