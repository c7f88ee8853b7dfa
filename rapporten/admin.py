from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from inspecties.beveiliging.rollen import Rol
from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.importeren import import_bekijken
from inspecties.uitwisseling.lezen import MAX_TEKENS
from rapporten.models import BulkExport, GepubliceerdRapport
from rapporten.services import onderzoeken_importeren_en_bevriezen


class OnderzoekenImportForm(forms.Form):
    """Step one uploads a file; step two sends its text back (checked again) to import it."""

    bestand = forms.FileField(
        label="Uitwisselbestand (YAML)",
        required=False,
        help_text="Onderzoeken in het formaat toezicht-onderzoek/1 (max. 2 MB).",
    )
    tekst = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def clean(self):
        bestand, tekst = self.cleaned_data.get("bestand"), self.cleaned_data.get("tekst")
        if bestand:
            if bestand.size > MAX_TEKENS:
                raise forms.ValidationError("Het bestand is groter dan 2 MB.")
            try:
                tekst = bestand.read().decode("utf-8")
            except UnicodeDecodeError as fout:
                raise forms.ValidationError("Het bestand is geen UTF-8-tekst.") from fout
        if not tekst:
            raise forms.ValidationError("Kies een bestand.")
        return {"tekst": tekst}


def mag_importeren(user) -> bool:
    return user.is_superuser or user.groups.filter(name=Rol.BEHEERDER).exists()


@admin.register(GepubliceerdRapport)
class GepubliceerdRapportAdmin(admin.ModelAdmin):
    """The frozen PDFs of published studies: evidence of what was published, never edited here."""

    list_display = ["onderzoek", "aangemaakt_op", "sha256"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    search_fields = ["onderzoek__aanpak__naam", "onderzoek__aanpak__gemeente__naam", "sha256"]
    readonly_fields = ["onderzoek", "pdf", "sha256", "aangemaakt_op"]
    change_list_template = "admin/rapporten/gepubliceerdrapport/change_list.html"

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        importeren = self.admin_site.admin_view(self.onderzoeken_importeren)
        return [
            path("importeren/", importeren, name="rapporten_onderzoeken_importeren"),
            *super().get_urls(),
        ]

    def onderzoeken_importeren(self, request):
        """Upload and check (a preview of what is new), then import: all or nothing."""
        if not mag_importeren(request.user):
            raise PermissionDenied
        form = OnderzoekenImportForm(request.POST or None, request.FILES or None)
        voorbeeld, problemen = None, []
        if request.method == "POST" and form.is_valid():
            tekst = form.cleaned_data["tekst"]
            if "importeren" in request.POST:
                try:
                    resultaat = onderzoeken_importeren_en_bevriezen(tekst=tekst, door=request.user)
                except UitwisselFout as fout:
                    problemen = fout.problemen
                else:
                    nieuw, bestaand = len(resultaat.nieuw), len(resultaat.bestaand)
                    messages.success(
                        request, f"{nieuw} onderzoek(en) geïmporteerd; {bestaand} bestond(en) al."
                    )
                    return redirect("admin:inspecties_onderzoek_changelist")
            else:
                voorbeeld = import_bekijken(tekst=tekst)
                problemen = voorbeeld.controle.problemen
                form = OnderzoekenImportForm(initial={"tekst": tekst})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Onderzoeken importeren",
            "form": form,
            "voorbeeld": None if problemen else voorbeeld,
            "problemen": problemen,
        }
        status = 400 if problemen or form.errors else 200
        return TemplateResponse(request, "admin/rapporten/importeren.html", context, status=status)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BulkExport)
class BulkExportAdmin(admin.ModelAdmin):
    """Bulk ZIP exports: read-only; deleting one also deletes its ZIP file."""

    list_display = ["__str__", "status", "aangevraagd_door", "aangemaakt_op"]
    list_filter = ["status", "aangemaakt_op"]
    list_select_related = ["aangevraagd_door"]
    readonly_fields = [
        "status",
        "totaal",
        "klaar",
        "zip",
        "fout",
        "aangevraagd_door",
        "aangemaakt_op",
    ]
    exclude = ["onderzoeken"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_queryset(self, request, queryset):
        for export in queryset:
            export.delete()
