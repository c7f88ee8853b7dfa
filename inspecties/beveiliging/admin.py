from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.forms import PersoonToevoegenForm
from inspecties.beveiliging.models import BeveiligingsGebeurtenis, IdpKoppeling, UserSessie
from inspecties.beveiliging.rollen import Rol
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.beveiliging.uitnodigen import persoon_toevoegen, uitnodiging_versturen

Soort = BeveiligingsGebeurtenis.Soort


class AlleenLezenVoorBeheerders(admin.ModelAdmin):
    """Security records: beheerders read them, nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and (
            request.user.is_superuser or request.user.groups.filter(name="beheerder").exists()
        )


@admin.register(BeveiligingsGebeurtenis)
class BeveiligingsGebeurtenisAdmin(AlleenLezenVoorBeheerders):
    """The audit log."""

    list_display = ["moment", "soort", "gebruikersnaam", "ip", "pad"]
    list_filter = ["soort", "moment"]
    search_fields = ["gebruikersnaam", "ip", "pad"]
    readonly_fields = ["moment", "soort", "gebruiker", "gebruikersnaam", "ip", "pad", "details"]
    date_hierarchy = "moment"


@admin.register(UserSessie)
class UserSessieAdmin(AlleenLezenVoorBeheerders):
    """Who is logged in, from where (users end their own sessions under Account → sessies)."""

    list_display = ["user", "ip", "user_agent", "aangemaakt", "laatst_gezien"]
    list_select_related = ["user"]
    search_fields = ["user__username", "ip"]
    readonly_fields = ["user", "ip", "user_agent", "aangemaakt", "laatst_gezien"]
    exclude = ["session_key"]


@admin.register(IdpKoppeling)
class IdpKoppelingAdmin(AlleenLezenVoorBeheerders):
    """Which account each identity-provider login maps to (made at the first login, issue 17).
    Roles of these accounts follow the provider's claim at every login."""

    list_display = ["user", "issuer", "aangemaakt", "laatst_ingelogd"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "issuer", "sub", "aangemaakt", "laatst_ingelogd"]


# --- Accounts in the admin ---------------------------------------------------------------------
#
# Flags, roles, permissions and gemeente links are recorded by the model signals (signals.py),
# whichever screen or command changes them. What is not a save of those tables is logged here,
# with the beheerder as actor: a password set for someone else, second-factor devices, lockout
# resets. And a beheerder who is not a superuser cannot make anyone (themselves included) a
# superuser or hand out single permissions, nor change a superuser's account or password.

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    # One screen to add a person (issue 18): name, e-mail, role, gemeente; an invitation
    # e-mail lets them choose their own password.
    add_form = PersoonToevoegenForm
    add_fieldsets = ((None, {"fields": ("first_name", "last_name", "email", "rol", "gemeente")}),)
    list_display = ["username", "naam", "email", "rollen", "gemeente_namen", "is_active"]
    list_filter = ["groups", "is_active", "gemeenten"]

    @admin.display(description="naam")
    def naam(self, obj):
        return obj.get_full_name()

    @admin.display(description="rol")
    def rollen(self, obj):
        return ", ".join(
            sorted(str(Rol(g.name).label) for g in obj.groups.all() if g.name in Rol.values)
        )

    @admin.display(description="gemeente")
    def gemeente_namen(self, obj):
        return ", ".join(g.naam for g in obj.gemeenten.all())

    actions = ["uitnodiging_opnieuw"]

    @admin.action(description="Uitnodiging opnieuw versturen")
    def uitnodiging_opnieuw(self, request, queryset):
        """A new link for people who have not chosen a password yet (an expired invitation)."""
        zonder = [u for u in queryset if not u.has_usable_password() and u.email]
        for gebruiker in zonder:
            uitnodiging_versturen(gebruiker=gebruiker, adres=request.build_absolute_uri("/"))
        self.message_user(
            request,
            f"{len(zonder)} uitnodiging(en) verstuurd; wie al een wachtwoord heeft, is overgeslagen.",
        )

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # The form checked the same rules (PersoonToevoegenForm.clean) beside the fields.
        persoon_toevoegen(
            gebruiker=obj,
            rol=form.cleaned_data["rol"],
            gemeente=form.cleaned_data["gemeente"],
            adres=request.build_absolute_uri("/"),
        )
        self.message_user(request, f"Er is een uitnodiging gestuurd naar {obj.email}.")

    def get_readonly_fields(self, request, obj=None):
        # When someone logged in and joined is recorded, not edited (and, as two unlabelled
        # inputs per date, it was the admin's accessibility violation; issue 17).
        velden = [*super().get_readonly_fields(request, obj), "last_login", "date_joined"]
        if not request.user.is_superuser:
            velden += ["is_superuser", "user_permissions"]
        return velden

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups", "gemeenten")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            doel = User.objects.get(pk=id)
            beveiligingslog_schrijven(
                soort=Soort.WACHTWOORD_INGESTELD, request=request, doel=doel.get_username()
            )
        return response


@admin.register(Group)
class GroepAdmin(GroupAdmin):
    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            velden.append("permissions")
        return velden


@admin.register(TOTPDevice)
class TweedeFactorApparaatAdmin(TOTPDeviceAdmin):
    """Beheerders remove a lost device here (the user sets up a new one at the next login)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or form.changed_data:
            beveiligingslog_schrijven(
                soort=Soort.TWEEDE_FACTOR_INGESTELD
                if not change
                else Soort.TWEEDE_FACTOR_VERVANGEN,
                request=request,
                doel=obj.user.get_username(),
                apparaat=obj.name,
                velden=sorted(form.changed_data),
                via="beheer",
            )

    def delete_model(self, request, obj):
        self._verwijderd_loggen(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._verwijderd_loggen(request, list(queryset.select_related("user")))
        super().delete_queryset(request, queryset)

    def _verwijderd_loggen(self, request, apparaten):
        for apparaat in apparaten:
            beveiligingslog_schrijven(
                soort=Soort.TWEEDE_FACTOR_VERWIJDERD,
                request=request,
                doel=apparaat.user.get_username(),
                apparaat=apparaat.name,
                via="beheer",
            )


@admin.register(AccessAttempt)
class MislukteInlogpogingenAdmin(AccessAttemptAdmin):
    """Deleting an axes record lifts a lockout: recorded."""

    def delete_model(self, request, obj):
        self._opgeheven_loggen(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._opgeheven_loggen(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _opgeheven_loggen(self, request, pogingen):
        for poging in pogingen:
            beveiligingslog_schrijven(
                soort=Soort.BLOKKADE_OPGEHEVEN,
                request=request,
                doel=poging.username or "",
                adres=poging.ip_address or "",
                mislukt=poging.failures_since_start,
            )
