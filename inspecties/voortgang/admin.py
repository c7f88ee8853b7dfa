from django.contrib import admin

from inspecties.voortgang.models import Voortgangsrapportage


@admin.register(Voortgangsrapportage)
class VoortgangsrapportageAdmin(admin.ModelAdmin):
    list_display = ["oorspronkelijke_naam", "onderzoek", "ingediend_door", "ingediend_op"]
    readonly_fields = [f.name for f in Voortgangsrapportage._meta.fields]
