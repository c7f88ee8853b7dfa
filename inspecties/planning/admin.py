from django.contrib import admin

from inspecties.planning.models import AgendaToken


@admin.register(AgendaToken)
class AgendaTokenAdmin(admin.ModelAdmin):
    """Shows who has a feed link and since when; an admin may delete one (revoke it). The
    token itself is never stored, so nothing here opens an agenda."""

    list_display = ["gebruiker", "aangemaakt_op"]
    readonly_fields = ["gebruiker", "sleutel_hash", "aangemaakt_op"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
