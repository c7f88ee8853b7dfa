from django import forms


class GelezenForm(forms.Form):
    """Mark one notification read (`melding`), or all of them when none is given."""

    melding = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
