"""Forms of the scoring screens; they only parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Aanpak, Netwerkpartner
from inspecties.models import Onderzoek
from toetsingskader.models import Toetsingskader


class OnderzoekFilterForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek op naam"), required=False)
    jaar = forms.IntegerField(label=_("Jaar"), required=False)
    gemeente = forms.CharField(label=_("Gemeente"), required=False)
    aanpak = forms.CharField(label=_("Aanpak"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", "—"), *Onderzoek.Soort.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *Onderzoek.Status.choices]
    )
    kader = forms.ModelChoiceField(
        label=_("Toetsingskader"), required=False, queryset=Toetsingskader.objects.all()
    )


class OnderzoekAanmakenForm(forms.Form):
    aanpak = forms.ModelChoiceField(
        label=_("Gemeente en aanpak"),
        queryset=Aanpak.objects.select_related("gemeente").order_by("gemeente__naam", "naam"),
    )
    kader = forms.ModelChoiceField(
        label=_("Toetsingskader"),
        queryset=Toetsingskader.objects.filter(status=Toetsingskader.Status.VASTGESTELD),
    )
    soort = forms.ChoiceField(label=_("Soort"), choices=Onderzoek.Soort.choices)
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    vorig_onderzoek = forms.ModelChoiceField(
        label=_("Vorig onderzoek (bij een vervolgonderzoek)"),
        required=False,
        queryset=Onderzoek.objects.filter(
            status__in=[Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD]
        ).select_related("aanpak__gemeente"),
    )
    inspecteurs = forms.ModelMultipleChoiceField(
        label=_("Inspecteurs"), required=False, queryset=None
    )

    def __init__(self, *args, inspecteurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspecteurs"].queryset = inspecteurs
        self.fields["aanpak"].label_from_instance = lambda a: f"{a.gemeente.naam} – {a.naam}"


class OnderzoekTekstenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    context = forms.CharField(
        label=_("Context van de gemeente"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aanpak_beschrijving = forms.CharField(
        label=_("Beschrijving van de aanpak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ontwikkeling = forms.CharField(
        label=_("Ontwikkeling"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    presentatiedatum = forms.DateField(
        label=_("Presentatiedatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    respondenten = forms.ModelMultipleChoiceField(
        label=_("Netwerkpartners die de vragenlijst invulden"),
        required=False,
        queryset=Netwerkpartner.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )


class HeropenenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))
