"""Forms for the chapters of an onderzoeksrapport."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .velden import (
    BootstrapVelden,
    _tekstvak,
)


class HoofdstukForm(BootstrapVelden, forms.Form):
    """One chapter of an onderzoeksrapport."""

    versie = forms.IntegerField(widget=forms.HiddenInput)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    verwachting = _tekstvak(_("Verwachting"))
    beleid = _tekstvak(_("Beleid"))
    bevindingen = _tekstvak(_("Bevindingen inspecties"), 5)
    risicos = _tekstvak(_("Risico's"))
    verklaringen = _tekstvak(_("Verklaringen"))
    conclusie = _tekstvak(_("Conclusie"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bootstrap()


class HoofdstukToevoegenForm(forms.Form):
    titel = forms.CharField(
        label=_("Titel van een nieuw hoofdstuk"),
        max_length=200,
        error_messages={"required": _("Geef het hoofdstuk een titel.")},
    )


class HoofdstukVerplaatsenForm(forms.Form):
    richting = forms.ChoiceField(
        choices=[("omhoog", _("omhoog")), ("omlaag", _("omlaag"))],
        error_messages={
            "required": _("Kies omhoog of omlaag."),
            "invalid_choice": _("Kies omhoog of omlaag."),
        },
    )


class HoofdstukVerwijderenForm(forms.Form):
    versie = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
