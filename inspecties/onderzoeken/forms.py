"""Forms of the scoring screens; they only parse input, the services decide."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Aanpak, Netwerkpartner
from inspecties.onderzoeken.models import JAAR_MAX, JAAR_MIN, Onderzoek
from inspecties.regels.onderzoeksrapport import BronnenFout, bronnen_lezen
from toetsingskader.models import Toetsingskader


class DatumInvoer(forms.DateInput):
    """The browser's date picker. It only accepts an ISO value (2014-11-17): a date rendered
    in the Dutch format shows empty and is sent back empty, wiping the saved date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MaandInvoer(forms.DateInput):
    """The browser's month picker: it sends and shows 2015-06."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class MaandVeld(forms.DateField):
    """A month, stored as its first day."""

    widget = MaandInvoer
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Vul een maand in, bijvoorbeeld 2015-06.")}

    def to_python(self, value):
        datum = super().to_python(value)
        return datum.replace(day=1) if datum else None


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


class Meerkeuzelijst(forms.SelectMultiple):
    """A multiple select rendered in Python: Django renders each option through a template
    include of its own, which on the scoring page cost more than all the rows' radio buttons
    (and grows with the number of network partners)."""

    def render(self, name, value, attrs=None, renderer=None):
        gekozen = {str(v) for v in value or ()}
        opties = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(v), " selected" if str(v) in gekozen else "", label)
                for v, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}" multiple{}>{}</select>', name, attrs, opties)


class BootstrapVelden:
    """Gives each widget its Bootstrap class, so the scoring page renders a field as plain
    HTML (inspecties/_veld.html) instead of through crispy's templates."""

    def bootstrap(self) -> None:
        for veld in self.fields.values():
            soort = "form-select" if isinstance(veld.widget, forms.Select) else "form-control"
            veld.widget.attrs.setdefault("class", soort)


def _tekstvak(label, rijen=3, **kwargs):
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rijen}), **kwargs
    )


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

    def __init__(self, *args, soort: str, **kwargs):
        super().__init__(*args, **kwargs)
        houden = {"versie", "gepland_van", "gepland_tot", *self.VELDEN_PER_SOORT[soort]}
        for naam in list(self.fields):
            if naam not in houden:
                del self.fields[naam]
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


def _vrije_tekst(label):
    """A text typed by an inspector, kept exactly as typed (Django refuses NUL characters)."""
    return forms.CharField(label=label, required=False, strip=False)


def _versie():
    return forms.IntegerField(
        label=_("Versie"), required=False, min_value=0, widget=forms.HiddenInput
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
