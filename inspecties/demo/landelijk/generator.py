"""The generator of the national dataset: municipalities, their users, and year after year
their studies, scores, findings and progress reports, written in bulk."""

import hashlib
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from simple_history.utils import bulk_create_with_history

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol
from inspecties.demo.laden import DEMO_WACHTWOORD
from inspecties.demo.landelijk.opslaan import (
    Samenvatting,
    _bijwerken,
    _gebruikers,
    _Gescoord,
    _gescoord_opslaan,
    _kader,
    _moment,
    _rijen_per_onderzoek,
    _rijen_scoren,
)
from inspecties.demo.landelijk.plan import (
    AANPAKNAMEN,
    GAAT_GOED,
    GGSR,
    KAN_BETER,
    NETWERKPARTNERS,
    OPVOLGERNAMEN,
    PROVINCIES,
    WIJKTEAMS,
    Gepland,
    Soort,
    Status,
    gemeente_plan,
    gemeentenaam,
    klein_pdf,
)
from inspecties.demo.landelijk.teksten import hoofdstukken_maken, statussen_maken, teksten_invullen
from inspecties.onderzoeken.models import Hoofdstuk, Onderzoek, StatusWijziging, ThemaConclusie
from inspecties.onderzoeken.services import onderzoek_aanmaken
from inspecties.voortgang.models import Voortgangsrapportage, voortgangsrapportage_pad
from inspecties.voortgang.uploads import PDF


class _Generator:
    """One run. Per year: create that year's studies through onderzoek_aanmaken, then write
    their scores, texts and status history in bulk, so next year's follow-ups find them."""

    def __init__(self, *, codes, eerste_jaar, jaren, seed, aantal_inspecteurs, melden):
        self.codes = codes
        self.eerste_jaar = eerste_jaar
        self.jaren = jaren
        self.seed = seed
        self.aantal_inspecteurs = aantal_inspecteurs
        self.melden = melden
        self.samenvatting = Samenvatting()
        self.opgeslagen_bestanden: list[str] = []

    def rng(self, *delen) -> random.Random:
        """A generator per municipality (and purpose): its data do not depend on how many
        other municipalities are generated, so a small set is the start of a large one."""
        return random.Random("-".join(str(d) for d in (self.seed, *delen)))

    def draaien(self) -> Samenvatting:
        self.ggsr = _kader(GGSR)
        self.wijkteams = _kader(WIJKTEAMS)
        self.wachtwoord = make_password(DEMO_WACHTWOORD)
        self.inspecteurs = _gebruikers(
            [
                (f"landelijk-inspecteur-{i:02d}", "Inspecteur", f"{i:02d}")
                for i in range(1, self.aantal_inspecteurs + 1)
            ],
            Rol.INSPECTEUR,
            self.wachtwoord,
        )
        self.partners = [Netwerkpartner.objects.get_or_create(naam=n)[0] for n in NETWERKPARTNERS]
        self.gemeenten_maken()
        self.gemeentegebruikers_maken()
        self.plannen = {
            g.pk: gemeente_plan(
                self.rng(g.cbs_code, "plan"),
                eerste_jaar=self.eerste_jaar,
                jaren=self.jaren,
                aanpakken=len(self.aanpakken[g.pk]),
                opvolger=g.pk in self.met_opvolger,
            )
            for g in self.gemeenten
        }
        # Per gemeente, in the order of its plan (a follow-up names its study by that index).
        self.onderzoeken: dict[int, list[Onderzoek]] = defaultdict(list)
        for k in range(self.jaren):
            self.jaar_maken(k)
            self.melden(
                f"  {self.eerste_jaar + k}: {self.samenvatting.aantal_onderzoeken} onderzoeken"
            )
        self.voortgang_maken()
        return self.samenvatting

    def gemeenten_maken(self) -> None:
        gemeenten = []
        for code in self.codes:
            rng = self.rng(code, "gemeente")
            provincie = PROVINCIES[int(code[2:]) % len(PROVINCIES)]
            naam = gemeentenaam(int(code[2:]))
            inwoners = int(10 ** rng.uniform(3.8, 5.6))
            g = Gemeente(
                naam=naam,
                cbs_code=code,
                provincie=provincie,
                inwoners=inwoners,
                regio=f"{provincie} {rng.choice(('Noord', 'Zuid', 'Oost', 'West', 'Midden'))}",
                context=(
                    f"{naam} is een gemeente met ongeveer {inwoners:,} inwoners in de provincie "
                    f"{provincie}.".replace(",", ".")
                    + "\n\nDe gemeente geeft aan dat zij beperkt zicht heeft op de omvang van de "
                    "groep gezinnen met geringe sociale redzaamheid."
                ),
            )
            g.full_clean()  # the model's own rules: a valid, unique CBS code
            gemeenten.append(g)
        self.gemeenten = Gemeente.objects.bulk_create(gemeenten)
        self.samenvatting.gemeenten = len(self.gemeenten)

        aanpakken, opvolgers = [], []
        self.met_opvolger: set[int] = set()
        for g in self.gemeenten:
            rng = self.rng(g.cbs_code, "aanpak")
            eerste = Aanpak(
                gemeente=g,
                naam=rng.choice(AANPAKNAMEN),
                beschrijving=f"{g.naam} werkt met een integrale aanpak rondom het gezin: "
                "‘1 huishouden, 1 plan, 1 zorgcoördinator’.",
            )
            aanpakken.append(eerste)
            if rng.random() < 0.6:
                tweede = Aanpak(
                    gemeente=g,
                    naam=rng.choice(OPVOLGERNAMEN),
                    beschrijving=f"Sinds de decentralisaties werkt {g.naam} met wijkteams.",
                )
                aanpakken.append(tweede)
                if rng.random() < 0.5:
                    opvolgers.append((tweede, eerste))
                    self.met_opvolger.add(g.pk)
        Aanpak.objects.bulk_create(aanpakken)
        Through = Aanpak.vervangt.through
        Through.objects.bulk_create(
            [Through(from_aanpak_id=nieuw.pk, to_aanpak_id=oud.pk) for nieuw, oud in opvolgers]
        )
        self.aanpakken: dict[int, list[Aanpak]] = defaultdict(list)
        for a in aanpakken:
            self.aanpakken[a.gemeente_id].append(a)
        self.samenvatting.aanpakken = len(aanpakken)

    def gemeentegebruikers_maken(self) -> None:
        """One civil servant per municipality, and per province a regional one for up to five."""
        per_naam = {f"gemeente-{g.cbs_code.lower()}": g for g in self.gemeenten}
        gebruikers = _gebruikers(
            [(naam, "Medewerker", g.naam) for naam, g in per_naam.items()],
            Rol.GEMEENTE,
            self.wachtwoord,
        )
        per_provincie = defaultdict(list)
        for g in self.gemeenten:
            per_provincie[g.provincie].append(g)
        regionaal = _gebruikers(
            [
                (f"regio-{p.lower().replace(' ', '-').replace('â', 'a')}", "Regio", p)
                for p in sorted(per_provincie)
            ],
            Rol.GEMEENTE,
            self.wachtwoord,
        )
        Through = Gemeente.gebruikers.through
        rijen = [Through(gemeente_id=per_naam[u.username].pk, user_id=u.pk) for u in gebruikers]
        for u, provincie in zip(regionaal, sorted(per_provincie), strict=True):
            rijen += [Through(gemeente_id=g.pk, user_id=u.pk) for g in per_provincie[provincie][:5]]
        Through.objects.bulk_create(rijen, ignore_conflicts=True)
        self.gemeentegebruiker = {per_naam[u.username].pk: u for u in gebruikers}
        self.samenvatting.gebruikers = len(self.inspecteurs) + len(gebruikers) + len(regionaal)

    def jaar_maken(self, k: int) -> None:
        jaar = self.eerste_jaar + k
        nieuw: list[tuple[Onderzoek, Gepland, random.Random, list]] = []
        for g in self.gemeenten:
            gepland = self.plannen[g.pk][k]
            rng = self.rng(g.cbs_code, jaar)
            kader = self.wijkteams if gepland.soort == Soort.TOEZICHTONDERZOEK else self.ggsr
            vorig = (
                self.onderzoeken[g.pk][gepland.vervolg_op]
                if gepland.vervolg_op is not None
                else None
            )
            # Two inspectors: the first writes and sends for review, the second approves.
            inspecteurs = rng.sample(self.inspecteurs, k=2)
            onderzoek = onderzoek_aanmaken(
                aanpak=self.aanpakken[g.pk][gepland.aanpak],
                kader=kader.kader,
                soort=gepland.soort,
                jaar=jaar,
                inspecteurs=inspecteurs,
                vorig_onderzoek=vorig,
            )
            self.onderzoeken[g.pk].append(onderzoek)
            nieuw.append((onderzoek, gepland, rng, inspecteurs))

        rijen = _rijen_per_onderzoek([o.pk for o, *_ in nieuw])
        conclusies = defaultdict(list)
        for c in ThemaConclusie.objects.filter(onderzoek__in=[o.pk for o, *_ in nieuw]):
            conclusies[c.onderzoek_id].append(c)
        gescoord = _Gescoord()
        bij_te_werken_conclusies, hoofdstukken, statussen, respondenten = [], [], [], []
        for onderzoek, gepland, rng, (eerste, tweede) in nieuw:
            begin = _moment(jaar, rng)
            eigen = rijen[onderzoek.pk]
            self.samenvatting.beoordelingen += len(eigen)
            compleet = gepland.status != Status.CONCEPT
            if gepland.soort != Soort.TOEZICHTONDERZOEK:  # its report is told in chapters
                aantal = len(eigen) if compleet else rng.randint(0, len(eigen))
                _rijen_scoren(
                    gescoord,
                    onderzoek=onderzoek,
                    rijen=eigen,
                    kader=self.ggsr,
                    rng=rng,
                    aantal=aantal,
                    kans_x=rng.uniform(0.25, 0.5),
                    door=eerste,
                    moment=begin,
                )
                self.samenvatting.gescoord += aantal
            if compleet:
                for c in conclusies[onderzoek.pk]:
                    c.gaat_goed, c.kan_beter = rng.choice(GAAT_GOED), rng.choice(KAN_BETER)
                    c.versie += 1
                    c._history_user, c._history_date = eerste, begin
                    bij_te_werken_conclusies.append(c)
            if gepland.soort == Soort.BELEIDSTOETS:
                respondenten += [
                    Onderzoek.respondenten.through(
                        onderzoek_id=onderzoek.pk, netwerkpartner_id=p.pk
                    )
                    for p in rng.sample(self.partners, k=rng.randint(1, 3))
                ]
            if gepland.soort == Soort.TOEZICHTONDERZOEK:
                hoofdstukken += hoofdstukken_maken(onderzoek, rng, compleet=compleet)
            teksten_invullen(onderzoek, gepland, rng)
            statussen += statussen_maken(onderzoek, gepland.status, eerste, tweede, begin, rng)
            onderzoek._history_user, onderzoek._history_date = eerste, begin
            self.samenvatting.onderzoeken[(gepland.soort, gepland.status)] += 1

        _gescoord_opslaan(gescoord)
        self.samenvatting.bevindingen += len(gescoord.bevindingen)
        _bijwerken(ThemaConclusie, bij_te_werken_conclusies, ["gaat_goed", "kan_beter", "versie"])
        bulk_create_with_history(hoofdstukken, Hoofdstuk, batch_size=1000)
        Onderzoek.respondenten.through.objects.bulk_create(respondenten)
        _bijwerken(
            Onderzoek,
            [o for o, *_ in nieuw],
            [
                "status",
                "versie",
                "publicatiedatum",
                "voortgang_deadline",
                "presentatiedatum",
                "ontwikkeling",
                "titel",
                "samenvatting",
                "oordeel",
                "kansen",
                "bronnen",
            ],
        )
        # `op` is set on insert (auto_now_add); give each transition its moment afterwards.
        momenten = [w.op for w in statussen]
        StatusWijziging.objects.bulk_create(statussen, batch_size=1000)
        for w, op in zip(statussen, momenten, strict=True):
            w.op = op
        _bijwerken(StatusWijziging, statussen, ["op"], historie=False)

    def voortgang_maken(self) -> None:
        """About half the published first assessments got a progress report once it was due: a
        small PDF stored under a random name, as an upload is; the inspectors read half."""
        rapportages, nu = [], timezone.now()
        for g in self.gemeenten:
            for onderzoek in self.onderzoeken[g.pk]:
                rng = self.rng(g.cbs_code, "voortgang", onderzoek.jaar)
                if onderzoek.status != Status.GEPUBLICEERD or onderzoek.is_vervolg:
                    continue
                ingediend = timezone.make_aware(
                    datetime.combine(onderzoek.publicatiedatum, time(14))
                ) + timedelta(days=rng.randint(200, 360))
                if rng.random() >= 0.5 or ingediend > nu:
                    continue
                naam = f"Voortgangsrapportage {g.naam} {onderzoek.jaar + 1}.pdf"
                pdf = klein_pdf(
                    [
                        f"Voortgangsrapportage {g.naam}",
                        f"Aanpak: {onderzoek.aanpak.naam}",
                        f"Onderzoek {onderzoek.jaar}: stand van zaken verbeterpunten.",
                    ]
                )
                r = Voortgangsrapportage(
                    onderzoek=onderzoek,
                    oorspronkelijke_naam=naam,
                    inhoudstype=PDF,
                    grootte=len(pdf),
                    sha256=hashlib.sha256(pdf).hexdigest(),
                    bericht="Hierbij onze voortgangsrapportage." if rng.random() < 0.5 else "",
                    ingediend_door=self.gemeentegebruiker[g.pk],
                )
                if rng.random() < 0.5:
                    r.gelezen_op = ingediend + timedelta(days=rng.randint(1, 20))
                    r.gelezen_door = rng.choice(self.inspecteurs)
                r.bestand.name = r.bestand.storage.save(
                    voortgangsrapportage_pad(r, naam), ContentFile(pdf)
                )
                self.opgeslagen_bestanden.append(r.bestand.name)
                rapportages.append((r, ingediend))
        Voortgangsrapportage.objects.bulk_create([r for r, _ in rapportages], batch_size=1000)
        for r, ingediend in rapportages:  # `ingediend_op` is set on insert (auto_now_add)
            r.ingediend_op = ingediend
        _bijwerken(
            Voortgangsrapportage, [r for r, _ in rapportages], ["ingediend_op"], historie=False
        )
        self.samenvatting.voortgangsrapportages = len(rapportages)

    def bestanden_opruimen(self) -> None:
        opslag = Voortgangsrapportage._meta.get_field("bestand").storage
        for naam in self.opgeslagen_bestanden:
            opslag.delete(naam)
