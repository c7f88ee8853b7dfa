from django.contrib import admin

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner


class AanpakInline(admin.StackedInline):
    """Stacked: every field has its label (the tabular inline's inputs have none; WCAG 1.3.1)."""

    model = Aanpak
    extra = 0
    fields = ["naam"]
    show_change_link = True


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "provincie", "regio", "inwoners"]
    search_fields = ["naam", "cbs_code"]
    list_filter = ["provincie"]
    filter_horizontal = ["gebruikers"]
    inlines = [AanpakInline]


@admin.register(Aanpak)
class AanpakAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "gemeente__naam"]
    list_filter = ["gemeente"]
    filter_horizontal = ["vervangt"]


@admin.register(Netwerkpartner)
class NetwerkpartnerAdmin(admin.ModelAdmin):
    search_fields = ["naam"]
