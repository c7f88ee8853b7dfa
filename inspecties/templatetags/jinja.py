"""{% jinja "name" key=value ... %}: a Jinja2 template (inspecties/jinja2/, see
inspecties.sjablonen for why) rendered inside a Django template with the given values and the
request's CSRF token. No context processors run: it gets only what it is given."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, naam, **waarden):
    sjabloon = engines["jinja2"].env.get_template(naam)
    csrf = context.get("csrf_token", "")
    # Jinja2 escaped every value it printed (autoescape is on in inspecties.sjablonen).
    return mark_safe(sjabloon.render(csrf_token=csrf, **waarden))  # noqa: S308
