"""Studies in the admin: to read, never to change. Scores, findings, statuses and versions move
only through the scoring page and the workflow (its checks, the version guard, the frozen
publication); the admin may only assign inspectors to a study."""

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


class AlleenLezen:
    """Shown, never added, changed or deleted here (nor reverted to an older version)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusWijzigingInline(admin.TabularInline):
    model = StatusWijziging
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "door", "op", "reden"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Onderzoek)
class OnderzoekAdmin(SimpleHistoryAdmin):
    """Only the inspectors of a study may change here; new studies come from "Nieuw onderzoek"."""

    list_display = ["__str__", "soort", "jaar", "status"]
    list_filter = ["status", "soort", "jaar", "kader"]
    search_fields = ["aanpak__naam", "aanpak__gemeente__naam"]
    list_select_related = ["aanpak__gemeente"]
    filter_horizontal = ["inspecteurs"]
    inlines = [StatusWijzigingInline]

    def get_readonly_fields(self, request, obj=None):
        return [
            f.name
            for f in [*Onderzoek._meta.fields, *Onderzoek._meta.many_to_many]
            if f.name not in ("id", "inspecteurs")
        ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Beoordeling)
class BeoordelingAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["indicator", "onderzoek", "optie", "niet_getoetst"]
    list_select_related = ["indicator", "onderzoek__aanpak__gemeente", "optie"]
    list_filter = ["onderzoek__jaar"]
    raw_id_fields = ["onderzoek", "indicator", "optie", "bevinding"]


@admin.register(Bevinding)
class BevindingAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["__str__", "onderzoek"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    raw_id_fields = ["onderzoek"]


@admin.register(ThemaConclusie)
class ThemaConclusieAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["thema", "onderzoek"]
    raw_id_fields = ["onderzoek", "thema"]


@admin.register(Hoofdstuk)
class HoofdstukAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["titel", "onderzoek", "volgorde"]
    list_select_related = ["onderzoek__aanpak__gemeente"]
    raw_id_fields = ["onderzoek"]


@admin.register(StatusWijziging)
class StatusWijzigingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["onderzoek", "van", "naar", "door", "op"]
    readonly_fields = ["onderzoek", "van", "naar", "door", "op", "reden"]
