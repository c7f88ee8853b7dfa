"""Framework maintenance in the Django admin: concept versions are editable, the rest is frozen."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify

from simple_history.admin import SimpleHistoryAdmin

from toetsingskader.models import (
    Criterium,
    Indicator,
    KaderVastgesteld,
    Schaaloptie,
    Thema,
    Toetsingskader,
)
from toetsingskader.selectors import kader_naar_data
from toetsingskader.services import (
    ToetsingskaderFout,
    toetsingskader_laden,
    toetsingskader_laten_vervallen,
    toetsingskader_nieuwe_versie,
    toetsingskader_vaststellen,
)
from toetsingskader.yaml_io import KaderFout, schrijf_kader

MAX_IMPORT_GROOTTE = 1024 * 1024


def _is_concept(obj) -> bool:
    """Whether the framework version of `obj` (a version, theme, criterion, ...) is concept."""
    if obj is None:
        return True
    kader = obj if isinstance(obj, Toetsingskader) else obj.kader
    return kader.status == Toetsingskader.Status.CONCEPT


class AlleenConceptInline:
    """Inline rows of a vastgesteld version can be viewed, never added, changed or deleted."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_delete_permission(request, obj)


class AlleenConceptAdmin(admin.ModelAdmin):
    """Change pages of a theme, criterion or indicator are read-only once the version is fixed."""

    def has_change_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New content can only be attached to a concept version.
        model = db_field.related_model
        if model is Toetsingskader:
            kwargs["queryset"] = Toetsingskader.objects.filter(status=Toetsingskader.Status.CONCEPT)
        elif model in (Thema, Criterium):
            kwargs["queryset"] = model.objects.filter(
                kader__status=Toetsingskader.Status.CONCEPT
            ).select_related("kader")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except KaderVastgesteld as fout:
            raise PermissionDenied(str(fout)) from fout


class SchaaloptieInline(AlleenConceptInline, admin.TabularInline):
    model = Schaaloptie
    fields = ["volgorde", "code", "symbool", "label", "is_verbeterpunt"]


class ThemaInline(AlleenConceptInline, admin.TabularInline):
    model = Thema
    fields = ["volgorde", "sleutel", "naam", "omschrijving"]
    show_change_link = True


class NieuweVersieForm(forms.Form):
    versie = forms.CharField(label="Nieuw versienummer", max_length=20)


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label="YAML-bestand",
        help_text="Een toetsingskader in het YAML-formaat van de meegeleverde kaders (max. 1 MB).",
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_IMPORT_GROOTTE:
            raise forms.ValidationError("Het bestand is groter dan 1 MB.")
        try:
            return bestand.read().decode("utf-8")
        except UnicodeDecodeError as fout:
            raise forms.ValidationError("Het bestand is geen UTF-8-tekst.") from fout


@admin.register(Toetsingskader)
class ToetsingskaderAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "sleutel", "versie", "status", "vastgesteld_op", "voorganger"]
    list_filter = ["status", "sleutel"]
    search_fields = ["naam", "sleutel"]
    readonly_fields = ["status", "vastgesteld_op", "voorganger", "bron_checksum"]
    inlines = [SchaaloptieInline, ThemaInline]
    change_form_template = "admin/toetsingskader/toetsingskader/change_form.html"
    change_list_template = "admin/toetsingskader/toetsingskader/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not _is_concept(obj):
            return ["sleutel", "versie", "naam", "uitgever", "definitie", *self.readonly_fields]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_concept(obj) and super().has_delete_permission(request, obj)

    def get_urls(self):
        eigen = [
            path("importeren/", self.admin_site.admin_view(self.importeren), name="toetsingskader_importeren"),
            path("<int:pk>/exporteren/", self.admin_site.admin_view(self.exporteren), name="toetsingskader_exporteren"),
            path("<int:pk>/nieuwe-versie/", self.admin_site.admin_view(self.nieuwe_versie), name="toetsingskader_nieuwe_versie"),
            path("<int:pk>/vaststellen/", self.admin_site.admin_view(self.vaststellen), name="toetsingskader_vaststellen"),
            path("<int:pk>/laten-vervallen/", self.admin_site.admin_view(self.laten_vervallen), name="toetsingskader_vervallen"),
        ]  # fmt: skip
        return eigen + super().get_urls()

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def importeren(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        problemen = []
        if request.method == "POST" and form.is_valid():
            try:
                kader, gewijzigd = toetsingskader_laden(tekst=form.cleaned_data["bestand"])
            except KaderFout as fout:
                problemen = fout.problemen
            else:
                if gewijzigd:
                    messages.success(
                        request,
                        f"{kader} is geïmporteerd als {kader.get_status_display().lower()}.",
                    )
                else:
                    messages.info(
                        request, f"{kader} stond er al precies zo; er is niets veranderd."
                    )
                return redirect("admin:toetsingskader_toetsingskader_change", kader.pk)
        return TemplateResponse(
            request,
            "admin/toetsingskader/toetsingskader/importeren.html",
            self._context(
                request, form=form, problemen=problemen, title="Toetsingskader importeren"
            ),
            status=400 if problemen or form.errors else 200,
        )

    def exporteren(self, request, pk):
        kader = get_object_or_404(Toetsingskader, pk=pk)
        if not self.has_view_permission(request, kader):
            raise PermissionDenied
        response = HttpResponse(
            schrijf_kader(kader_naar_data(kader=kader)),
            content_type="application/yaml; charset=utf-8",
        )
        naam = f"{slugify(kader.sleutel)}-{slugify(kader.versie)}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response

    def nieuwe_versie(self, request, pk):
        kader = get_object_or_404(Toetsingskader, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NieuweVersieForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                nieuw = toetsingskader_nieuwe_versie(
                    kader=kader, versie=form.cleaned_data["versie"]
                )
            except ToetsingskaderFout as fout:
                form.add_error("versie", str(fout))
            else:
                messages.success(
                    request, f"{nieuw} is aangemaakt als concept; u kunt het nu bewerken."
                )
                return redirect("admin:toetsingskader_toetsingskader_change", nieuw.pk)
        return TemplateResponse(
            request,
            "admin/toetsingskader/toetsingskader/nieuwe_versie.html",
            self._context(request, form=form, kader=kader, title=f"Nieuwe versie van {kader}"),
        )

    def _statusactie(self, request, pk, actie):
        if request.method != "POST":
            return redirect("admin:toetsingskader_toetsingskader_change", pk)
        kader = get_object_or_404(Toetsingskader, pk=pk)
        if not request.user.has_perm("toetsingskader.change_toetsingskader"):
            raise PermissionDenied
        try:
            actie(kader=kader)
        except ToetsingskaderFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, f"{kader} is nu {kader.get_status_display().lower()}.")
        return redirect("admin:toetsingskader_toetsingskader_change", pk)

    def vaststellen(self, request, pk):
        return self._statusactie(request, pk, toetsingskader_vaststellen)

    def laten_vervallen(self, request, pk):
        return self._statusactie(request, pk, toetsingskader_laten_vervallen)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        kader = self.get_object(request, object_id)
        extra = {"kader": kader}
        if kader and kader.voorganger_id:
            extra["verschil_url"] = reverse(
                "toetsingskader:verschil", kwargs={"pk": kader.voorganger_id, "ander_pk": kader.pk}
            )
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})


class CriteriumInline(AlleenConceptInline, admin.TabularInline):
    model = Criterium
    fields = ["volgorde", "sleutel", "naam"]
    show_change_link = True


@admin.register(Thema)
class ThemaAdmin(AlleenConceptAdmin):
    list_display = ["naam", "sleutel", "kader", "volgorde"]
    list_filter = ["kader"]
    list_select_related = ["kader"]
    inlines = [CriteriumInline]


class IndicatorInline(AlleenConceptInline, admin.StackedInline):
    model = Indicator
    fields = ["volgorde", "sleutel", "tekst", "operationalisering"]


@admin.register(Criterium)
class CriteriumAdmin(AlleenConceptAdmin):
    list_display = ["naam", "sleutel", "thema", "kader"]
    list_filter = ["kader"]
    list_select_related = ["thema", "kader"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(AlleenConceptAdmin):
    list_display = ["tekst", "sleutel", "criterium", "kader"]
    list_filter = ["kader"]
    list_select_related = ["criterium", "kader"]
    search_fields = ["tekst", "sleutel"]
