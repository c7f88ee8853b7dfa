"""{% rij rij %}: one indicator row of the scoring page, rendered by its Jinja2 template
(inspecties/jinja2/inspecties/_rij.html; see inspecties.sjablonen for why)."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()

RIJ = "inspecties/_rij.html"


@register.simple_tag(takes_context=True)
def rij(context, rij):
    sjabloon = engines["jinja2"].env.get_template(RIJ)
    return mark_safe(  # noqa: S308 - Jinja2 escaped every value (autoescape is on)
        sjabloon.render(
            rij=rij,
            onderzoek=context["onderzoek"],
            mag_bewerken=context["mag_bewerken"],
            csrf_token=context.get("csrf_token", ""),
        )
    )
