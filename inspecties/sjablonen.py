"""The Jinja2 environment (settings.TEMPLATES, "jinja2"), for the few templates a page renders
many times. Django's engine resolves every variable through its context stack; rendered by
Jinja2 (compiled to Python), the scoring page's themes, rows and outline took about 5 of its
29 ms per GET less (issue 16, bench/scoren_profiel.py). Everything else stays a Django template.
The filters and functions these templates use are Django's own and the project's template tags."""

from django.template.defaultfilters import date, linebreaksbr
from django.urls import reverse

from jinja2 import Environment

from inspecties.templatetags.voortgang import verbeterplan_bij
from toetsingskader.templatetags.schaal import score


def url(naam: str, *args) -> str:
    """{{ url("inspecties:onderzoek_scoren", onderzoek.pk) }}, as Django's {% url %}."""
    return reverse(naam, args=args)


def omgeving(**opties) -> Environment:
    env = Environment(**opties)
    env.filters.update(date=date, linebreaksbr=linebreaksbr)
    env.globals.update(score=score, url=url, verbeterplan_bij=verbeterplan_bij)
    return env
