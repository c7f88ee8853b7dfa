"""The heatmap's cells, written in Python: at national size a page has over 10,000 of them,
too many for a template loop. Each cell shows its symbol to the eye and says its state in
words to a screen reader (visually hidden text), and links to the finding where there is one."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def heatmap_cellen(rij) -> str:
    delen = []
    for c in rij.cellen:
        inhoud = (
            f'<span aria-hidden="true">{escape(c.symbool)}</span>'
            f'<span class="visually-hidden">{escape(c.tekst)}</span>'
        )
        if c.url:
            inhoud = f'<a href="{escape(c.url)}">{inhoud}</a>'
        delen.append(f'<td class="hm-{c.status}">{inhoud}</td>')
    return mark_safe("".join(delen))  # every text is escaped above
