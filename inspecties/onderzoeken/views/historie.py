"""The change history of a study."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from inspecties.beveiliging.rollen import INTERN, rol_vereist
from inspecties.onderzoeken.models import Beoordeling, Hoofdstuk, Onderzoek, ThemaConclusie


@require_GET
@rol_vereist(*INTERN)
def onderzoek_historie(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    opties = {o.pk: f"{o.symbool} {o.label}" for o in onderzoek.kader.schaal.all()}

    def leesbaar(model, veld: str, waarde):
        """A changed field as the users say it: its Dutch label, a score as √/X."""
        if veld == "optie":
            waarde = opties.get(waarde, "–")
        elif isinstance(waarde, bool):
            waarde = "ja" if waarde else "nee"
        return str(model._meta.get_field(veld).verbose_name), waarde

    regels = []
    for naam, qs in (
        ("Onderzoek", Onderzoek.history.filter(id=pk)),
        ("Beoordeling", Beoordeling.history.filter(onderzoek_id=pk).select_related("indicator")),
        ("Bevinding", onderzoek.bevindingen.model.history.filter(onderzoek_id=pk)),
        ("Conclusie", ThemaConclusie.history.filter(onderzoek_id=pk)),
        ("Hoofdstuk", Hoofdstuk.history.filter(onderzoek_id=pk)),
    ):
        records = list(qs.select_related("history_user").order_by("id", "history_date"))
        vorige = {}
        for record in records:
            oud = vorige.get(record.id)
            wijzigingen = []
            if oud is not None:
                delta = record.diff_against(oud, excluded_fields=["versie"])
                wijzigingen = [
                    (
                        *leesbaar(qs.model.instance_type, c.field, c.old),
                        leesbaar(qs.model.instance_type, c.field, c.new)[1],
                    )
                    for c in delta.changes
                ]
            vorige[record.id] = record
            if oud is None or wijzigingen:
                regels.append(
                    {
                        "soort": naam,
                        "record": record,
                        "wijzigingen": wijzigingen,
                        "nieuw": oud is None,
                    }
                )
    regels.sort(key=lambda r: r["record"].history_date, reverse=True)
    statussen = onderzoek.statuswijzigingen.select_related("door")
    return render(
        request,
        "inspecties/onderzoek_historie.html",
        {"onderzoek": onderzoek, "regels": regels, "statussen": statussen},
    )
