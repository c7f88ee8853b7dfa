from django.contrib import admin

from inspecties.models import BeveiligingsGebeurtenis


@admin.register(BeveiligingsGebeurtenis)
class BeveiligingsGebeurtenisAdmin(admin.ModelAdmin):
    """The audit log: read-only, for beheerders."""

    list_display = ["moment", "soort", "gebruikersnaam", "ip", "pad"]
    list_filter = ["soort", "moment"]
    search_fields = ["gebruikersnaam", "ip", "pad"]
    readonly_fields = ["moment", "soort", "gebruiker", "gebruikersnaam", "ip", "pad", "details"]
    date_hierarchy = "moment"

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
