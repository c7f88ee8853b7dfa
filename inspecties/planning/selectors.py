"""The inspection calendar's reads: the dated items in a period (planned studies, presentation
dates, progress report due dates), optionally one inspector's only; the proposal list; the
owner of a feed token. Each in a fixed number of queries."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from inspecties.beveiliging.rollen import Rol
from inspecties.onderzoeken.models import Beoordeling, Onderzoek
from inspecties.planning.models import AgendaToken
from inspecties.regels.planning import voorstel_redenen
from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.selectors import voortgang_deadline_van

ONDERZOEK, PRESENTATIE, VOORTGANG = "onderzoek", "presentatie", "voortgang"
SOORT_LABELS = {
    ONDERZOEK: "Gepland onderzoek",
    PRESENTATIE: "Presentatie",
    VOORTGANG: "Voortgangsrapportage uiterlijk",
}


@dataclass(frozen=True)
class AgendaItem:
    soort: str
    van: date
    tot: date  # inclusive
    onderzoek: Onderzoek

    @property
    def label(self) -> str:
        # A toezichtonderzoek asks the municipality for its improvement plan by the due date.
        if self.soort == VOORTGANG and self.onderzoek.is_toezichtonderzoek:
            return "Verbeterplan uiterlijk"
        return SOORT_LABELS[self.soort]

    @property
    def titel(self) -> str:
        o = self.onderzoek
        return f"{self.label}: {o.get_soort_display()} {o.aanpak.gemeente.naam} – {o.aanpak.naam}"

    @property
    def inspecteurs(self) -> list[str]:
        return [u.get_full_name() or u.username for u in self.onderzoek.inspecteurs.all()]

    def op(self, dag: date) -> bool:
        return self.van <= dag <= self.tot


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _jaar_eerder(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def agenda_items(*, van: date | None = None, tot: date | None = None, inspecteur=None):
    """The items between `van` and `tot` (inclusive; None: unbounded), by date. Two queries."""
    van, tot = van or date.min, tot or date.max
    qs = Onderzoek.objects.select_related("aanpak__gemeente").prefetch_related("inspecteurs")
    if inspecteur is not None:
        qs = qs.filter(inspecteurs=inspecteur)
    fallback = Q(voortgang_deadline__isnull=True, publicatiedatum__isnull=False)
    if van > date.min and tot < date.max:
        fallback &= Q(publicatiedatum__range=(_jaar_eerder(van), _jaar_eerder(tot)))
    qs = qs.filter(
        Q(gepland_van__lte=tot, gepland_tot__gte=van)
        | Q(gepland_van__range=(van, tot), gepland_tot__isnull=True)
        | Q(presentatiedatum__range=(van, tot))
        | Q(voortgang_deadline__range=(van, tot))
        | fallback
    )
    items = []
    for o in qs:
        if o.gepland_van:
            items.append(AgendaItem(ONDERZOEK, o.gepland_van, o.gepland_tot or o.gepland_van, o))
        if o.presentatiedatum:
            items.append(AgendaItem(PRESENTATIE, o.presentatiedatum, o.presentatiedatum, o))
        if deadline := voortgang_deadline_van(o):
            items.append(AgendaItem(VOORTGANG, deadline, deadline, o))
    binnen = [i for i in items if i.van <= tot and i.tot >= van]
    return sorted(binnen, key=lambda i: (i.van, i.soort, i.onderzoek.pk))


@dataclass(frozen=True)
class Voorstel:
    onderzoek: Onderzoek
    redenen: list[str]


def voorstellen(*, vandaag: date) -> list[Voorstel]:
    """Published studies whose follow-up is due or whose progress report is overdue. One query."""
    qs = (
        Onderzoek.objects.gepubliceerd()
        .select_related("aanpak__gemeente")
        .annotate(
            heeft_vervolg=Exists(Onderzoek.objects.filter(vorig_onderzoek=OuterRef("pk"))),
            heeft_x=Exists(
                Beoordeling.objects.filter(onderzoek=OuterRef("pk"), optie__is_verbeterpunt=True)
            ),
            heeft_voortgang=Exists(Voortgangsrapportage.objects.filter(onderzoek=OuterRef("pk"))),
        )
        .order_by("aanpak__gemeente__naam", "jaar", "pk")
    )
    lijst = []
    for o in qs:
        redenen = voorstel_redenen(
            publicatiedatum=o.publicatiedatum,
            deadline=voortgang_deadline_van(o),
            heeft_verbeterpunten=o.heeft_x,
            heeft_vervolg=o.heeft_vervolg,
            heeft_voortgang=o.heeft_voortgang,
            vandaag=vandaag,
        )
        if redenen:
            lijst.append(Voorstel(o, redenen))
    return lijst


def inspecteur_bij_token(token: str):
    """The active inspector whose feed token this is, or None (unknown, revoked, no longer an
    inspector). One query."""
    if not token or len(token) > 200:
        return None
    return (
        get_user_model()
        .objects.filter(
            agenda_token__sleutel_hash=token_hash(token),
            is_active=True,
            groups__name=Rol.INSPECTEUR,
        )
        .first()
    )


def heeft_agenda_token(gebruiker) -> bool:
    return AgendaToken.objects.filter(gebruiker=gebruiker).exists()
