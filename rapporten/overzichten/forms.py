"""The filters of the overview pages. The choices that come from the data (framework versions,
years, provinces) are drawn by the page from what the selector read, so a form costs no query
of its own; an unknown value simply selects nothing."""

from django import forms

from inspecties.models import JAAR_MAX, JAAR_MIN
from inspecties.overzichten.selectors import SORTERINGEN, STATUSKEUZES, HeatmapFilters
from toetsingskader.models import Toetsingskader


class OverzichtFilterForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=JAAR_MIN, max_value=JAAR_MAX)
    kader = forms.ChoiceField(label="Toetsingskader", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kaders = Toetsingskader.objects.order_by("sleutel", "-versie")
        namen = {k.sleutel: k.naam for k in kaders}
        self.fields["kader"].choices = [("", "Alle toetsingskaders"), *namen.items()]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"jaar": data.get("jaar"), "kader_sleutel": data.get("kader") or None}


class HeatmapForm(forms.Form):
    kader = forms.IntegerField(label="Toetsingskader (versie)", required=False, min_value=1)
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=JAAR_MIN, max_value=JAAR_MAX)
    provincie = forms.CharField(label="Provincie", required=False, max_length=50)
    regio = forms.CharField(label="Regio", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUSKEUZES)
    sorteer = forms.CharField(label="Sorteer op", required=False, max_length=100)

    SORTERINGEN = SORTERINGEN

    def filters(self) -> HeatmapFilters:
        """The valid fields; an invalid one is left at its default (its error is shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return HeatmapFilters(
            kader_id=data.get("kader"),
            jaar=data.get("jaar"),
            provincie=data.get("provincie") or "",
            regio=data.get("regio") or "",
            status=data.get("status") or "afgerond",
            sorteer=data.get("sorteer") or "naam",
        )


class VeldForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=JAAR_MIN, max_value=JAAR_MAX)

    def jaar_gekozen(self) -> int | None:
        return self.cleaned_data.get("jaar") if self.is_valid() else None
