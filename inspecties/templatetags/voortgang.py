"""What the scoring page shows of the municipality's side (issue 18): the plan beside a point
(a function of the Jinja2 row template, inspecties.sjablonen) and the progress reports linked to
a follow-up (a tag). Asked by the templates, so the scoring page's views (onderzoeken, below
voortgang) need not know about plans: they go through voortgang.selectors.

Each study's plans are read once per page (kept on the study object), whatever the number of
rows."""

from django import template

from inspecties.voortgang.selectors import gekoppelde_rapportages, plannen_van

register = template.Library()


def verbeterplan_bij(onderzoek, rij):
    """The plan for this row's point: of the previous study on a follow-up (the point scored
    X there), of the study itself otherwise."""
    pk = onderzoek.vorig_onderzoek_id if onderzoek.is_vervolg else onderzoek.pk
    if onderzoek.is_vervolg and not getattr(rij, "vorige", None):
        return None
    cache = onderzoek.__dict__.setdefault("_verbeterplannen", {})
    if pk not in cache:
        cache[pk] = plannen_van(pk)
    return cache[pk].get(rij.indicator.sleutel)


@register.simple_tag
def rapportages_bij(onderzoek):
    """The progress reports linked to this follow-up."""
    if not onderzoek.is_vervolg:
        return []
    return gekoppelde_rapportages(onderzoek.pk)
