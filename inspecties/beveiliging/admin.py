from django.contrib import admin

from inspecties.models import BeveiligingsGebeurtenis, UserSessie


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
