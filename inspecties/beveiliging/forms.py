"""Forms of the account pages. Typing the password again goes through `authenticate`, so wrong
passwords count towards django-axes' lockout like wrong logins do."""

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import Rol


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Verificatiecode",
        max_length=8,
        min_length=6,
        help_text="De code van zes cijfers uit uw authenticator-app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class WachtwoordBevestigenMixin(forms.Form):
    """The user's own password again, before a change to their second factor."""

    wachtwoord = forms.CharField(
        label="Uw wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Ter bevestiging: wie alleen uw sessie heeft, kan zo niets wijzigen.",
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["apparaat"].queryset = TOTPDevice.objects.filter(
            user=request.user, confirmed=True
        ).order_by("created_at", "pk")

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        user = self.request.user
        bevestigd = authenticate(self.request, username=user.get_username(), password=wachtwoord)
        if bevestigd is None or bevestigd.pk != user.pk:
            raise forms.ValidationError("Het wachtwoord klopt niet.")
        return wachtwoord


class ApparaatKeuzeVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApparaatVerwijderenForm(WachtwoordBevestigenMixin):
    apparaat = ApparaatKeuzeVeld(
        label="Apparaat",
        queryset=TOTPDevice.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Dit apparaat hoort niet bij uw account."},
    )

    field_order = ["apparaat", "wachtwoord"]


class ApparaatVervangenForm(WachtwoordBevestigenMixin, CodeForm):
    apparaat = ApparaatKeuzeVeld(
        label="Te vervangen apparaat",
        queryset=TOTPDevice.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Dit apparaat hoort niet bij uw account."},
    )

    field_order = ["apparaat", "wachtwoord", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code uit de nieuwe app"
        self.fields["code"].widget.attrs.pop("autofocus", None)


class SessiesBeeindigenForm(forms.Form):
    """End the user's other sessions: all of them (`alle`), or those ticked (`sessie`), which
    can only be the user's own."""

    alle = forms.BooleanField(required=False)
    sessie = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Kies alleen uw eigen sessies."},
    )

    def __init__(self, *args, sessies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessie"].choices = [(s.pk, str(s.pk)) for s in sessies]

    def sessie_ids(self) -> list[int] | None:
        """The sessions to end; None: every other one (call after is_valid())."""
        if self.cleaned_data["alle"] or "sessie" not in self.data:
            return None
        return self.cleaned_data["sessie"]


class PersoonToevoegenForm(forms.ModelForm):
    """The beheerder's one screen to add a person (issue 18): no password, an invitation."""

    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.all(),
        required=False,
        help_text=_("Alleen voor een gemeentegebruiker: de gemeente waarvan hij het portaal ziet."),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("first_name", "last_name", "email"):
            self.fields[naam].required = True
        self.fields["email"].help_text = _(
            "De uitnodiging gaat naar dit adres; het is ook de gebruikersnaam."
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        model = get_user_model()
        if model.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
            raise forms.ValidationError(_("Er is al een gebruiker met dit e-mailadres."))
        return email

    def clean(self):
        gegevens = super().clean()
        rol, gemeente = gegevens.get("rol"), gegevens.get("gemeente")
        if rol == Rol.GEMEENTE and gemeente is None:
            self.add_error("gemeente", _("Kies de gemeente van deze gemeentegebruiker."))
        if rol and rol != Rol.GEMEENTE and gemeente is not None:
            self.add_error("gemeente", _("Alleen een gemeentegebruiker hoort bij een gemeente."))
        return gegevens
