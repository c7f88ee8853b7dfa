from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from inspecties.onderzoeken.models import (
    Beoordeling,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    StatusWijziging,
    ThemaConclusie,
)


class StatusWijzigingInline(admin.TabularInline):
    model = StatusWijziging
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "reden"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Onderzoek)
class OnderzoekAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "soort", "jaar", "status"]
    list_filter = ["status", "soort", "jaar", "kader"]
    search_fields = ["aanpak__naam", "aanpak__gemeente__naam"]
    list_select_related = ["aanpak__gemeente"]
    filter_horizontal = ["inspecteurs", "respondenten"]
    readonly_fields = ["versie"]
    inlines = [StatusWijzigingInline]


@admin.register(Beoordeling)
class BeoordelingAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "onderzoek", "optie", "niet_getoetst"]
    list_select_related = ["indicator", "onderzoek__aanpak__gemeente", "optie"]
    list_filter = ["onderzoek__jaar"]
    raw_id_fields = ["onderzoek", "indicator", "optie", "bevinding"]


@admin.register(Bevinding)
class BevindingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "onderzoek"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    raw_id_fields = ["onderzoek"]


@admin.register(ThemaConclusie)
class ThemaConclusieAdmin(SimpleHistoryAdmin):
    list_display = ["thema", "onderzoek"]
    raw_id_fields = ["onderzoek", "thema"]


@admin.register(Hoofdstuk)
class HoofdstukAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "onderzoek", "volgorde"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    raw_id_fields = ["onderzoek"]


@admin.register(StatusWijziging)
class StatusWijzigingAdmin(admin.ModelAdmin):
    list_display = ["onderzoek", "van", "naar", "door", "op"]
    readonly_fields = ["onderzoek", "van", "naar", "door", "op", "reden"]
