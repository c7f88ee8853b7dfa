from django import forms

from inspecties.zoeken.selectors import MAX_LENGTE


class ZoekForm(forms.Form):
    zoek = forms.CharField(
        label="Zoeken",
        required=False,
        max_length=MAX_LENGTE,
        error_messages={"max_length": f"Zoek met hoogstens {MAX_LENGTE} tekens."},
        widget=forms.TextInput(attrs={"type": "search"}),
    )
