"""Forms about a study as a whole: the list filter, a new study, its own texts, reopening."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Aanpak, Netwerkpartner
from inspecties.onderzoeken.models import JAAR_MAX, JAAR_MIN, Onderzoek
from inspecties.regels.onderzoeksrapport import BronnenFout, bronnen_lezen
from toetsingskader.models import Toetsingskader

from .velden import (
    BootstrapVelden,
    DatumInvoer,
    MaandVeld,
    Meerkeuzelijst,
    _tekstvak,
)


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
    jaar = forms.IntegerField(label=_("Jaar"), min_value=JAAR_MIN, max_value=JAAR_MAX)
    vorig_onderzoek = forms.ModelChoiceField(
        label=_("Vorig onderzoek (bij een vervolgonderzoek)"),
        required=False,
        queryset=Onderzoek.objects.afgerond().select_related("aanpak__gemeente"),
    )
    inspecteurs = forms.ModelMultipleChoiceField(
        label=_("Inspecteurs"), required=False, queryset=None
    )

    def __init__(self, *args, inspecteurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspecteurs"].queryset = inspecteurs
        self.fields["inspecteurs"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["aanpak"].label_from_instance = lambda a: f"{a.gemeente.naam} – {a.naam}"


class OnderzoekTekstenForm(BootstrapVelden, forms.Form):
    """The study's own texts; which ones depends on the soort (see VELDEN_PER_SOORT)."""

    versie = forms.IntegerField(widget=forms.HiddenInput)
    titel = forms.CharField(label=_("Titel van het rapport"), required=False, max_length=200)
    samenvatting = _tekstvak(_("Samenvatting"), 6)
    inleiding = _tekstvak(_("Inleiding"), 4)
    context = _tekstvak(_("Context van de gemeente"))
    aanpak_beschrijving = _tekstvak(_("Beschrijving van de aanpak"))
    ontwikkeling = _tekstvak(_("Ontwikkeling"))
    presentatiedatum = forms.DateField(
        label=_("Presentatiedatum"), required=False, widget=DatumInvoer
    )
    oordeel = _tekstvak(_("Oordeel"), 4, help_text=_("Het eindoordeel, alles overziend."))
    kansen = _tekstvak(_("Kansen"))
    voortgang_deadline = forms.DateField(
        label=_("De gemeente meldt haar verbeteringen vóór"),
        required=False,
        widget=DatumInvoer,
    )
    bronnen = _tekstvak(
        _("Geraadpleegde bronnen"),
        5,
        help_text=_("Eén bron per regel: het aantal en wie, bijvoorbeeld ‘2 huisartsen’."),
    )
    publicatiemaand = MaandVeld(
        label=_("Publicatiemaand"),
        required=False,
        help_text=_(
            "De maand die het rapport draagt (voettekst en titelpagina). Leeg: de maand waarin "
            "het wordt gepubliceerd."
        ),
    )
    gepland_van = forms.DateField(label=_("Gepland van"), required=False, widget=DatumInvoer)
    gepland_tot = forms.DateField(label=_("Gepland tot en met"), required=False, widget=DatumInvoer)
    respondenten = forms.ModelMultipleChoiceField(
        label=_("Netwerkpartners die de vragenlijst invulden"),
        required=False,
        queryset=Netwerkpartner.objects.all(),
        # A list to choose several from; static/js/scoren.js adds a search box above it.
        widget=Meerkeuzelijst(attrs={"data-zoekbaar": "netwerkpartner", "size": 6}),
        help_text=_("Kies er meerdere met Ctrl (of Cmd) ingedrukt."),
    )

    VELDEN_PER_SOORT = {
        Onderzoek.Soort.BELEIDSTOETS: (
            "context",
            "aanpak_beschrijving",
            "publicatiemaand",
            "respondenten",
        ),
        # Each text under its own heading in the report (Inleiding, Aanpak, Ontwikkeling); an
        # empty one is left out. The context is not part of a follow-up's report.
        Onderzoek.Soort.VERVOLGONDERZOEK: (
            "inleiding",
            "aanpak_beschrijving",
            "ontwikkeling",
            "presentatiedatum",
            "publicatiemaand",
            "respondenten",
        ),
        Onderzoek.Soort.TOEZICHTONDERZOEK: (
            "titel",
            "samenvatting",
            "inleiding",
            "context",
            "aanpak_beschrijving",
            "oordeel",
            "kansen",
            "voortgang_deadline",
            "publicatiemaand",
            "bronnen",
        ),
    }

    def __init__(self, *args, soort: str, gemeente_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        houden = {"versie", "gepland_van", "gepland_tot", *self.VELDEN_PER_SOORT[soort]}
        for naam in list(self.fields):
            if naam not in houden:
                del self.fields[naam]
        if gemeente_id is not None and "respondenten" in self.fields:
            # Only the partners this municipality may name: its own and the national list.
            self.fields["respondenten"].queryset = Netwerkpartner.objects.voor_gemeente(gemeente_id)
        self.bootstrap()

    def clean_respondenten(self):
        gekozen = self.cleaned_data["respondenten"]
        if len(gekozen) > 3:  # services.scoren.MAX_RESPONDENTEN checks the same
            raise forms.ValidationError(_("Kies hoogstens drie netwerkpartners."))
        return gekozen

    def clean(self):
        data = super().clean()
        van, tot = data.get("gepland_van"), data.get("gepland_tot")
        if van and tot and tot < van:
            self.add_error("gepland_tot", _("De geplande einddatum ligt vóór de begindatum."))
        return data

    def clean_bronnen(self):
        tekst = self.cleaned_data["bronnen"].replace("\r\n", "\n")
        try:
            bronnen_lezen(tekst)
        except BronnenFout as fout:
            raise forms.ValidationError(str(fout)) from fout
        return tekst


class HeropenenForm(forms.Form):
    """Reopening loses the approval (and, for a published study, starts a correction): the
    inspector gives a reason and confirms."""

    reden = forms.CharField(
        label=_("Reden om te heropenen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een reden om het onderzoek te heropenen.")},
    )
    bevestigd = forms.BooleanField(
        label=_("Ik begrijp dat het onderzoek weer een concept wordt"),
        error_messages={"required": _("Bevestig dat u het onderzoek wilt heropenen.")},
    )
