from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspecties.onderzoeken.forms import DatumInvoer
from inspecties.onderzoeken.models import Onderzoek
from inspecties.voortgang.models import MAX_BERICHT, Verbeterplan
from inspecties.voortgang.uploads import (
    MAX_GROOTTE,
    TOEGESTAAN_TEKST,
    BestandFout,
    bestandstype_herkennen,
)


class VoortgangsrapportageForm(forms.Form):
    bestand = forms.FileField(
        label=_("Voortgangsrapportage"),
        help_text=_("PDF, Word (DOCX) of OpenDocument (ODT), hoogstens 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
        error_messages={
            "required": _("Kies een bestand om te uploaden."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Er is geen bestand ontvangen. " + TOEGESTAAN_TEKST),
            "te_groot": _("Het bestand is te groot; het maximum is %(max)s MB."),
        },
    )
    bericht = forms.CharField(
        label=_("Bericht aan de inspecteurs (optioneel)"),
        required=False,
        max_length=MAX_BERICHT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_GROOTTE:
            raise forms.ValidationError(
                self.fields["bestand"].error_messages["te_groot"],
                code="te_groot",
                params={"max": MAX_GROOTTE // 1024 // 1024},
            )
        try:
            bestandstype_herkennen(bestand)
        except BestandFout as exc:
            raise forms.ValidationError(str(exc)) from exc
        return bestand


class VoortgangDeadlineForm(forms.Form):
    voortgang_deadline = forms.DateField(
        label=_("Voortgangsrapportage uiterlijk"),
        required=False,
        widget=DatumInvoer,
        help_text=_("Leeg laten: één jaar na publicatie."),
    )

    def clean_voortgang_deadline(self):
        datum = self.cleaned_data["voortgang_deadline"]
        if datum and datum < timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in het verleden. Kies een latere datum.")
            )
        return datum


class GrootteGrens(FileUploadHandler):
    """Stops storing an upload once it passes the limit, so an oversized file never reaches
    disk; the view then answers with the same Dutch message as the form."""

    def __init__(self, request, grens: int):
        super().__init__(request)
        self.grens = grens
        self.ontvangen = 0

    def receive_data_chunk(self, raw_data, start):
        self.ontvangen += len(raw_data)
        if self.ontvangen > self.grens:
            self.request.upload_te_groot = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class GelezenForm(forms.Form):
    """Marking a report read; `terug` says which list the inspector came from."""

    terug = forms.ChoiceField(
        choices=[("", _("inbox")), ("onderzoek", _("onderzoek"))], required=False
    )


class VerbeterplanForm(forms.Form):
    """The municipality's plan for one improvement point; the progress fields once it exists."""

    sleutel = forms.CharField(widget=forms.HiddenInput)
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    maatregel = forms.CharField(
        label=_("Wat gaat de gemeente doen?"),
        max_length=MAX_BERICHT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf wat de gemeente gaat doen.")},
    )
    verantwoordelijke = forms.CharField(
        label=_("Wie is verantwoordelijk?"),
        max_length=200,
        help_text=_("Een naam of functie, bijvoorbeeld ‘teamleider wijkteam Noord’."),
        error_messages={"required": _("Vul in wie verantwoordelijk is.")},
    )
    uiterlijk = forms.DateField(
        label=_("Gereed uiterlijk"),
        widget=DatumInvoer,
        error_messages={
            "required": _("Vul in wanneer dit gereed is."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    voortgang = forms.ChoiceField(label=_("Voortgang"), choices=Verbeterplan.Voortgang.choices)
    toelichting = forms.CharField(
        label=_("Toelichting op de voortgang (optioneel)"),
        max_length=MAX_BERICHT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is None:  # progress is marked once there is a plan
            del self.fields["voortgang"]
            del self.fields["toelichting"]


class RapportageBeoordelingForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    beoordeling = forms.CharField(
        label=_("Beoordeling"),
        max_length=MAX_BERICHT,
        help_text=_("Kort: wat zegt deze rapportage over de verbeterpunten?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf een korte beoordeling.")},
    )

    def __init__(self, *args, rapportage=None, **kwargs):  # the same call as KoppelenForm
        super().__init__(*args, **kwargs)


class KoppelenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    vervolgonderzoek = forms.ModelChoiceField(
        label=_("Vervolgonderzoek"),
        queryset=Onderzoek.objects.none(),
        required=False,
        empty_label=_("(niet gekoppeld)"),
    )

    def __init__(self, *args, rapportage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vervolgonderzoek"].queryset = Onderzoek.objects.filter(
            vorig_onderzoek_id=rapportage.onderzoek_id
        ).select_related("aanpak__gemeente")


class AccepterenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
