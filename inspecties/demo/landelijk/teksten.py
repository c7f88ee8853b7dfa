"""What a generated study says (texts, chapters) and how it moved through the workflow."""

import random
from datetime import date

from django.utils import timezone

from inspecties.demo.landelijk.opslaan import _moment
from inspecties.demo.landelijk.plan import (
    GAAT_GOED,
    HOOFDSTUKKEN,
    KAN_BETER,
    STAPPEN,
    VERBETERPUNT,
    VOLDOET,
    Gepland,
    Soort,
    Status,
)
from inspecties.onderzoeken.models import Hoofdstuk, Onderzoek, StatusWijziging
from inspecties.regels.deadlines import standaard_voortgang_deadline


def hoofdstukken_maken(onderzoek, rng, *, compleet: bool) -> list[Hoofdstuk]:
    gemeente = onderzoek.aanpak.gemeente.naam
    uit = []
    for volgorde, titel in enumerate(HOOFDSTUKKEN, start=1):
        if not compleet and volgorde > 1:
            break
        h = Hoofdstuk(
            onderzoek=onderzoek,
            volgorde=volgorde,
            titel=titel,
            verwachting="De inspecties verwachten dat professionals samen met het gezin één "
            "plan maken en dat één regisseur de hulp coördineert.",
            beleid=f"{gemeente} heeft dit uitgewerkt in het beleidsplan sociaal domein.",
            bevindingen=rng.choice(VOLDOET + VERBETERPUNT).format(
                gemeente=gemeente, aanpak=onderzoek.aanpak.naam
            ),
            conclusie=rng.choice(KAN_BETER) if compleet else "",
        )
        h._history_date = _moment(onderzoek.jaar, rng)
        uit.append(h)
    return uit


def teksten_invullen(onderzoek: Onderzoek, gepland: Gepland, rng: random.Random) -> None:
    gemeente = onderzoek.aanpak.gemeente.naam
    if gepland.soort == Soort.VERVOLGONDERZOEK:
        onderzoek.ontwikkeling = (
            f"Sinds het vorige onderzoek heeft {gemeente} de verbeterpunten besproken met de "
            "netwerkpartners en een plan van aanpak opgesteld."
        )
        if rng.random() < 0.5:
            onderzoek.presentatiedatum = date(onderzoek.jaar, rng.randint(1, 6), rng.randint(1, 28))
    if gepland.soort == Soort.TOEZICHTONDERZOEK:
        onderzoek.titel = "Toezicht wijkteams: Zorg en ondersteuning aan kwetsbare gezinnen"
        if gepland.status != Status.CONCEPT:
            onderzoek.samenvatting = (
                f"De inspecties onderzochten hoe de wijkteams in {gemeente} kwetsbare gezinnen "
                "ondersteunen."
            )
            onderzoek.oordeel = rng.choice(KAN_BETER)
            onderzoek.kansen = rng.choice(GAAT_GOED)
            onderzoek.bronnen = (
                f"{rng.randint(4, 12)} jeugdprofessionals wijkteam\n"
                f"{rng.randint(1, 3)} beleidsmedewerkers gemeente\n"
                f"{rng.randint(2, 8)} dossiers"
            )
            onderzoek.voortgang_deadline = date(onderzoek.jaar + 1, 5, 1)


def statussen_maken(onderzoek, status, eerste, tweede, begin, rng) -> list[StatusWijziging]:
    """The transitions the workflow would have recorded: the first inspector sends the study
    for review, the second approves it (never the same person), then it is published."""
    wijzigingen = []
    van, op = Status.CONCEPT, begin
    for stap in STAPPEN:
        if Status.values.index(stap) > Status.values.index(status):
            break
        op = _moment(onderzoek.jaar, rng, na=op)
        if stap == Status.GEPUBLICEERD:
            onderzoek.publicatiedatum = timezone.localdate(op)
            if onderzoek.voortgang_deadline is None:
                onderzoek.voortgang_deadline = standaard_voortgang_deadline(
                    onderzoek.publicatiedatum
                )
        door = tweede if stap == Status.VASTGESTELD else eerste
        wijzigingen.append(
            StatusWijziging(onderzoek=onderzoek, van=van, naar=stap, door=door, op=op)
        )
        van = stap
    onderzoek.status = status
    onderzoek.versie += len(wijzigingen)
    return wijzigingen
