from django.contrib import admin

from inspecties.voortgang.models import Herinnering, Verbeterplan, Voortgangsrapportage


@admin.register(Voortgangsrapportage)
class VoortgangsrapportageAdmin(admin.ModelAdmin):
    list_display = ["oorspronkelijke_naam", "onderzoek", "ingediend_door", "ingediend_op"]
    readonly_fields = [f.name for f in Voortgangsrapportage._meta.fields]


@admin.register(Verbeterplan)
class VerbeterplanAdmin(admin.ModelAdmin):
    """Read-only: the municipality writes plans in the portal, inspectors accept them there."""

    list_display = ["indicator", "onderzoek", "uiterlijk", "voortgang", "geaccepteerd_op"]
    readonly_fields = [f.name for f in Verbeterplan._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    """What the daily reminder command sent (so it never sends it twice)."""

    list_display = ["sleutel", "onderzoek", "uiterlijk", "ontvangers", "verstuurd_op"]
    readonly_fields = [f.name for f in Herinnering._meta.fields]

    def has_add_permission(self, request):
        return False
