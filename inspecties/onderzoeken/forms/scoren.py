"""Forms of the scoring page's rows: a score, sharing and un-sharing a finding, a conclusion,
the order of a follow-up's rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .velden import (
    _versie,
    _vrije_tekst,
)


class BeoordelingForm(forms.Form):
    """One indicator row: its score and its finding, and what the page was loaded with (the
    finding's id and version, the score's version), so a stale save is refused."""

    NIET_GETOETST = "niet_getoetst"

    oordeel = forms.ChoiceField(
        label=_("Oordeel"),
        required=False,
        error_messages={"invalid_choice": _("Kies een geldig oordeel.")},
    )
    tekst = _vrije_tekst(_("Bevinding"))
    let_op = _vrije_tekst(_("LET OP"))
    beoordeling_versie = _versie()
    bevinding_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    bevinding_versie = _versie()

    def __init__(self, *args, opties, **kwargs):
        super().__init__(*args, **kwargs)
        self.opties = {str(optie.pk): optie for optie in opties}
        self.fields["oordeel"].choices = [
            ("", "–"),
            (self.NIET_GETOETST, _("Niet getoetst")),
            *((pk, f"{o.symbool} {o.label}") for pk, o in self.opties.items()),
        ]

    def clean(self):
        data = super().clean()
        keuze = data.get("oordeel") or ""
        data["optie"] = self.opties.get(keuze)
        data["niet_getoetst"] = keuze == self.NIET_GETOETST
        # A post without the finding's fields (only a score) leaves the finding alone.
        data["met_bevinding"] = "tekst" in self.data
        return data

    def rij(self) -> dict:
        """The row as services.beoordelingsrij_opslaan takes it (call after is_valid())."""
        data = self.cleaned_data
        return {
            "optie": data["optie"],
            "niet_getoetst": data["niet_getoetst"],
            "beoordeling_versie": data["beoordeling_versie"],
            "bevinding": (data["tekst"], data["let_op"]) if data["met_bevinding"] else None,
            "bevinding_id": data["bevinding_id"],
            "bevinding_versie": data["bevinding_versie"],
        }


class LoskoppelenForm(forms.Form):
    """Un-sharing a row's finding: the finding the page showed (id and version)."""

    bevinding_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    bevinding_versie = _versie()


class ConclusieForm(forms.Form):
    """The conclusion of one theme, saved against the version it was loaded at."""

    versie = _versie()
    gaat_goed = _vrije_tekst(_("Wat gaat goed?"))
    kan_beter = _vrije_tekst(_("Wat kan beter?"))


class BevindingDelenForm(forms.Form):
    """One finding for several indicators of a criterion. For every row the page carries the
    finding it showed (id and version): a row that changed since is not overwritten."""

    beoordelingen = forms.ModelMultipleChoiceField(
        label=_("Indicatoren"),
        queryset=None,
        error_messages={
            "required": _("Kies ten minste twee indicatoren om een bevinding te delen."),
            "invalid_choice": _("Kies indicatoren van dit onderzoek."),
            "invalid_pk_value": _("Kies indicatoren van dit onderzoek."),
        },
    )
    tekst = forms.CharField(
        label=_("Gedeelde bevinding"),
        strip=False,
        error_messages={"required": _("Schrijf de bevinding.")},
    )
    let_op = _vrije_tekst(_("LET OP (gedeeld)"))
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)
    criterium = forms.IntegerField(required=False, widget=forms.HiddenInput)  # to reopen it

    def __init__(self, *args, beoordelingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beoordelingen"].queryset = beoordelingen
        for b in beoordelingen:
            self.fields[f"bevinding_{b.pk}"] = forms.IntegerField(
                required=False, min_value=1, widget=forms.HiddenInput
            )
            self.fields[f"bevinding_versie_{b.pk}"] = _versie()

    def clean(self):
        data = super().clean()
        data["geladen"] = {
            b.pk: (data.get(f"bevinding_{b.pk}"), data.get(f"bevinding_versie_{b.pk}"))
            for b in data.get("beoordelingen", ())
        }
        return data


class RijvolgordeForm(forms.Form):
    """The position of each of a follow-up's rows in its theme; empty: the framework's place."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rijen, **kwargs):
        super().__init__(*args, **kwargs)
        for rij in rijen:
            self.fields[f"rij-{rij.pk}"] = forms.IntegerField(
                label=rij.indicator.tekst,
                required=False,
                min_value=1,
                max_value=999,
                initial=rij.volgorde,
                error_messages={"invalid": _("Vul een getal in.")},
            )

    def volgorde(self, *, kaderorde: bool) -> dict[int, int | None]:
        return {
            int(naam.removeprefix("rij-")): None if kaderorde else waarde
            for naam, waarde in self.cleaned_data.items()
            if naam.startswith("rij-")
        }
