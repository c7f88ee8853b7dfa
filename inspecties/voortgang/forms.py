from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext_lazy as _

from inspecties.onderzoeken.forms import DatumInvoer
from inspecties.voortgang.models import MAX_BERICHT
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
