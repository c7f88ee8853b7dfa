from django import forms

from inspecties.onderzoeken.models import JAAR_MAX, JAAR_MIN


class MaandForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=JAAR_MIN, max_value=JAAR_MAX)
    maand = forms.IntegerField(label="Maand", min_value=1, max_value=12)


class AgendaTokenForm(forms.Form):
    actie = forms.ChoiceField(choices=[("maken", "Nieuwe link maken"), ("intrekken", "Intrekken")])
