from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner


class AanpakInline(admin.StackedInline):
    """Stacked: every field has its label (the tabular inline's inputs have none; WCAG 1.3.1)."""

    model = Aanpak
    extra = 0
    fields = ["naam"]
    show_change_link = True


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "provincie", "regio", "inwoners"]
    search_fields = ["naam", "cbs_code"]
    list_filter = ["provincie"]
    filter_horizontal = ["gebruikers"]
    inlines = [AanpakInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "gebruikers":
            # Only users with the gemeente role (the role's auth group; inspecties.beveiliging
            # .rollen.Rol.GEMEENTE, named here because this app sits below inspecties).
            kwargs["queryset"] = get_user_model().objects.filter(groups__name="gemeente")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AanpakForm(forms.ModelForm):
    """An approach replaces only earlier approaches of its own gemeente, never itself."""

    class Meta:
        model = Aanpak
        fields = ["gemeente", "naam", "beschrijving", "vervangt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["vervangt"].queryset = Aanpak.objects.filter(
                gemeente_id=self.instance.gemeente_id
            ).exclude(pk=self.instance.pk)

    def clean(self):
        gegevens = super().clean()
        gemeente, vervangt = gegevens.get("gemeente"), gegevens.get("vervangt") or []
        if gemeente and any(a.gemeente_id != gemeente.pk for a in vervangt):
            self.add_error(
                "vervangt", _("Een aanpak vervangt alleen eerdere aanpakken van dezelfde gemeente.")
            )
        if self.instance.pk and any(a.pk == self.instance.pk for a in vervangt):
            self.add_error("vervangt", _("Een aanpak kan zichzelf niet vervangen."))
        return gegevens


@admin.register(Aanpak)
class AanpakAdmin(admin.ModelAdmin):
    form = AanpakForm
    list_display = ["naam", "gemeente"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "gemeente__naam"]
    list_filter = ["gemeente"]
    filter_horizontal = ["vervangt"]


@admin.register(Netwerkpartner)
class NetwerkpartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    list_select_related = ["gemeente"]
    list_filter = [("gemeente", admin.EmptyFieldListFilter), "gemeente"]
    search_fields = ["naam", "gemeente__naam"]
