"""The widgets and small helpers the study forms share."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class DatumInvoer(forms.DateInput):
    """The browser's date picker. It only accepts an ISO value (2014-11-17): a date rendered
    in the Dutch format shows empty and is sent back empty, wiping the saved date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MaandInvoer(forms.DateInput):
    """The browser's month picker: it sends and shows 2015-06."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class MaandVeld(forms.DateField):
    """A month, stored as its first day."""

    widget = MaandInvoer
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Vul een maand in, bijvoorbeeld 2015-06.")}

    def to_python(self, value):
        datum = super().to_python(value)
        return datum.replace(day=1) if datum else None


class Meerkeuzelijst(forms.SelectMultiple):
    """A multiple select rendered in Python: Django renders each option through a template
    include of its own, which on the scoring page cost more than all the rows' radio buttons
    (and grows with the number of network partners)."""

    def render(self, name, value, attrs=None, renderer=None):
        gekozen = {str(v) for v in value or ()}
        opties = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(v), " selected" if str(v) in gekozen else "", label)
                for v, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}" multiple{}>{}</select>', name, attrs, opties)


class BootstrapVelden:
    """Gives each widget its Bootstrap class, so the scoring page renders a field as plain
    HTML (inspecties/_veld.html) instead of through crispy's templates."""

    def bootstrap(self) -> None:
        for veld in self.fields.values():
            soort = "form-select" if isinstance(veld.widget, forms.Select) else "form-control"
            veld.widget.attrs.setdefault("class", soort)


def _tekstvak(label, rijen=3, **kwargs):
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rijen}), **kwargs
    )


def _vrije_tekst(label):
    """A text typed by an inspector, kept exactly as typed (Django refuses NUL characters)."""
    return forms.CharField(label=label, required=False, strip=False)


def _versie():
    return forms.IntegerField(
        label=_("Versie"), required=False, min_value=0, widget=forms.HiddenInput
    )
