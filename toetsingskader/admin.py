from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from toetsingskader.models import Criterium, Indicator, Schaaloptie, Thema, Toetsingskader


class SchaaloptieInline(admin.TabularInline):
    model = Schaaloptie
    extra = 0


class ThemaInline(admin.TabularInline):
    model = Thema
    extra = 0
    fields = ["volgorde", "sleutel", "naam"]
    show_change_link = True


@admin.register(Toetsingskader)
class ToetsingskaderAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "sleutel", "versie", "status", "vastgesteld_op"]
    list_filter = ["status", "sleutel"]
    search_fields = ["naam", "sleutel"]
    readonly_fields = ["vastgesteld_op", "bron_checksum"]
    inlines = [SchaaloptieInline, ThemaInline]


class CriteriumInline(admin.TabularInline):
    model = Criterium
    extra = 0
    fields = ["volgorde", "sleutel", "naam"]
    show_change_link = True


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "sleutel", "kader", "volgorde"]
    list_filter = ["kader"]
    inlines = [CriteriumInline]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["volgorde", "sleutel", "tekst", "operationalisering"]


@admin.register(Criterium)
class CriteriumAdmin(admin.ModelAdmin):
    list_display = ["naam", "sleutel", "thema", "kader"]
    list_filter = ["kader"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["tekst", "sleutel", "criterium", "kader"]
    list_filter = ["kader"]
    search_fields = ["tekst", "sleutel"]
