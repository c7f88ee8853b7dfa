from django.contrib import admin

from inspecties.meldingen.models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt", "ontvanger", "soort", "tekst", "gelezen_op"]
    list_filter = ["soort"]
    search_fields = ["tekst", "ontvanger__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
