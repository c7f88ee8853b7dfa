"""The change history of a study, as its page shows it."""

from dataclasses import dataclass, field

from inspecties.onderzoeken.models import Beoordeling, Hoofdstuk, Onderzoek, ThemaConclusie


@dataclass
class HistorieRegel:
    """One saved version of one part of the study: new, or what changed (label, old, new)."""

    soort: str
    record: object  # simple-history's historical record
    nieuw: bool
    wijzigingen: list[tuple[str, object, object]] = field(default_factory=list)


def onderzoek_historie(*, onderzoek: Onderzoek) -> list[HistorieRegel]:
    """Every version of the study and of its scores, findings, conclusions and chapters, newest
    first; a version that changed nothing a user sees (only the version number) is left out."""
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
        ("Onderzoek", Onderzoek.history.filter(id=onderzoek.pk)),
        (
            "Beoordeling",
            Beoordeling.history.filter(onderzoek_id=onderzoek.pk).select_related("indicator"),
        ),
        ("Bevinding", onderzoek.bevindingen.model.history.filter(onderzoek_id=onderzoek.pk)),
        ("Conclusie", ThemaConclusie.history.filter(onderzoek_id=onderzoek.pk)),
        ("Hoofdstuk", Hoofdstuk.history.filter(onderzoek_id=onderzoek.pk)),
    ):
        model = qs.model.instance_type
        vorige = {}
        for record in qs.select_related("history_user").order_by("id", "history_date"):
            oud = vorige.get(record.id)
            vorige[record.id] = record
            wijzigingen = [
                (*leesbaar(model, c.field, c.old), leesbaar(model, c.field, c.new)[1])
                for c in (
                    record.diff_against(oud, excluded_fields=["versie"]).changes if oud else ()
                )
            ]
            if oud is None or wijzigingen:
                regels.append(HistorieRegel(naam, record, oud is None, wijzigingen))
    return sorted(regels, key=lambda r: r.record.history_date, reverse=True)
