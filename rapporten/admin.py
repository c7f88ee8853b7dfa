from django.contrib import admin

from rapporten.models import BulkExport, GepubliceerdRapport


@admin.register(GepubliceerdRapport)
class GepubliceerdRapportAdmin(admin.ModelAdmin):
    """The frozen PDFs of published studies: evidence of what was published, never edited here."""

    list_display = ["onderzoek", "aangemaakt_op", "sha256"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    search_fields = ["onderzoek__aanpak__naam", "onderzoek__aanpak__gemeente__naam", "sha256"]
    readonly_fields = ["onderzoek", "pdf", "sha256", "aangemaakt_op"]

    def has_add_permission(self, request):
        return False

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
