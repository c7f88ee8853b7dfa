#!/usr/bin/env python
"""Load test: inspectors saving while municipality users browse and download.

Runs against a server that is already up (`make serve`: gunicorn + PostgreSQL on 127.0.0.1) and
uses the same DATABASE_URL to prepare users and, afterwards, to check that every save the server
answered with success is in the database exactly once.

    make serve                      # terminal 1
    make loadtest                   # terminal 2 (60 s, 20 inspecteurs, 50 gemeente users)
    bench/loadtest.py --gemeenten 0 --denktijd 2-5   # 20 inspecteurs who think 2-5 s per save
    # or by hand, with the same environment as the server:
    DEBUG=false HTTPS=false SECRET_KEY=... DATABASE_URL=postgres://... \\
        .venv/bin/python bench/loadtest.py --basis http://127.0.0.1:8000 --duur 60

Without --denktijd every simulated user sends its next request as soon as the last one is
answered (closed loop: the server's saturation). With --denktijd 2-5 each one waits a random 2 to
5 seconds before its first action and after every save or page visit, as a person does; issue
16 asks p95 <= 100 ms for saves of 20 inspecteurs that way. Only loopback addresses are accepted as --basis. Plain Python:
threads + urllib, no extra packages.
The traffic lives in bench/verkeer.py: inspectors save scores and findings through
the scoring page's row save (each on a concept study of their own) and browse the list and the
scoring page; municipality users browse their portal and download their progress report.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from verkeer import (  # noqa: E402
    WACHTWOORD,
    Meting,
    Rij,
    Sessie,
    gemeente_bladeren,
    gemeente_downloaden,
    inloggen,
    inspecteur_bladeren,
    inspecteur_opslaan,
)

from inspecties.beveiliging.rollen import Rol  # noqa: E402
from inspecties.models import Bevinding, Onderzoek  # noqa: E402
from tests.factories import gebruiker  # noqa: E402 (plain factory_boy, no test runner needed)

# --- Users and workers ------------------------------------------------------------------------


def portaal_doelen(aantal: int) -> list[dict]:
    """Per gemeente with a published study (at most `aantal`, so a national-size database is not
    given a progress report for every study): that study and one uploaded progress report."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspecties.models import Voortgangsrapportage
    from inspecties.voortgang.services import voortgangsrapportage_indienen

    doelen = []
    for onderzoek in Onderzoek.objects.gepubliceerd().select_related("aanpak__gemeente"):
        gemeente = onderzoek.aanpak.gemeente
        rapportage = Voortgangsrapportage.objects.filter(onderzoek=onderzoek).first()
        if rapportage is None:
            indiener = get_user_model().objects.filter(username="loadtest-indiener").first()
            if indiener is None:
                indiener = gebruiker(Rol.GEMEENTE, username="loadtest-indiener")
            gemeente.gebruikers.add(indiener)
            pdf = (
                b"%PDF-1.4\n1 0 obj<<>>endobj\n" + b"%" + b"x" * 200_000 + b"\ntrailer<<>>\n%%EOF\n"
            )
            rapportage = voortgangsrapportage_indienen(
                onderzoek=onderzoek,
                bestand=SimpleUploadedFile("voortgang.pdf", pdf, content_type="application/pdf"),
                door=indiener,
            )
        doelen.append(
            {"gemeente": gemeente, "onderzoek": onderzoek.pk, "rapportage": rapportage.pk}
        )
        if len(doelen) >= aantal:
            break
    if not doelen:
        sys.exit("Geen gepubliceerd onderzoek: draai eerst `make serve` (laadt de demo).")
    return doelen


def eigen_rijen(user) -> list[Rij]:
    """A concept beleidstoets of its own per inspector, so saves never meet a colleague's."""
    from gemeenten.models import Aanpak, Gemeente
    from inspecties.onderzoeken.services import onderzoek_aanmaken
    from toetsingskader.models import Toetsingskader

    gemeente, _ = Gemeente.objects.get_or_create(
        cbs_code="GM9999", defaults={"naam": "Loadtestdorp"}
    )
    aanpak, _ = Aanpak.objects.get_or_create(gemeente=gemeente, naam=f"Aanpak van {user.username}")
    onderzoek = Onderzoek.objects.filter(aanpak=aanpak).first() or onderzoek_aanmaken(
        aanpak=aanpak,
        kader=Toetsingskader.objects.get(sleutel="ggsr-beleid", versie="2013"),
        soort="beleidstoets",
        jaar=2026,
        inspecteurs=[user],
    )
    return [
        Rij(
            onderzoek.pk,
            b.pk,
            str(b.versie),
            str(b.bevinding_id or ""),
            str(b.bevinding.versie) if b.bevinding else "",
        )
        for b in onderzoek.beoordelingen.select_related("bevinding").order_by("pk")
    ]


def gebruikers_voorbereiden(aantal_insp: int, aantal_gem: int):
    User = get_user_model()
    inspecteurs = []
    for i in range(aantal_insp):
        naam = f"loadtest-insp-{i}"
        user = User.objects.filter(username=naam).first() or gebruiker(
            Rol.INSPECTEUR, username=naam
        )
        user.set_password(WACHTWOORD)
        user.save()
        apparaat, _ = TOTPDevice.objects.get_or_create(user=user, name="loadtest", confirmed=True)
        apparaat.last_t = -1
        apparaat.throttling_failure_count = 0
        apparaat.save()
        inspecteurs.append((naam, apparaat, eigen_rijen(user)))
    doelen = portaal_doelen(aantal_gem) if aantal_gem else []
    gemeente_users = []
    for i in range(aantal_gem):
        naam = f"loadtest-gem-{i}"
        doel = doelen[i % len(doelen)]
        user = User.objects.filter(username=naam).first() or gebruiker(
            Rol.GEMEENTE, username=naam, gemeenten=[doel["gemeente"]]
        )
        user.set_password(WACHTWOORD)
        user.save()
        user.gemeenten.set([doel["gemeente"]])
        gemeente_users.append((naam, doel))
    return inspecteurs, gemeente_users


class Start:
    """Everyone logs in first; the measured window starts when the last one is in."""

    def __init__(self, aantal: int, duur: int):
        self.barrier = threading.Barrier(aantal + 1, timeout=600)
        self.begonnen = threading.Event()
        self.duur = duur
        self.einde = 0.0

    def wachten(self) -> float:
        self.barrier.wait()
        self.begonnen.wait()
        return self.einde

    def geven(self) -> None:
        self.barrier.wait()
        self.einde = time.monotonic() + self.duur
        self.begonnen.set()


def _inloggen_of_melden(s, meting, naam, apparaat) -> bool:
    try:
        inloggen(s, naam, apparaat)
        return True
    except Exception as e:
        print(f"inloggen {naam}: {e}", file=sys.stderr)
        meting.verzoek(0, "inloggen-mislukt")
        return False


def denktijd_lezen(tekst: str | None) -> tuple[float, float] | None:
    """'2-5' -> (2.0, 5.0); '3' -> (3.0, 3.0); None or '0' -> None (closed loop)."""
    if not tekst or tekst.strip() == "0":
        return None
    laag, _, hoog = tekst.partition("-")
    grenzen = (float(laag), float(hoog or laag))
    if grenzen[0] < 0 or grenzen[1] < grenzen[0]:
        raise argparse.ArgumentTypeError("denktijd: bijvoorbeeld 2-5 (seconden)")
    return grenzen


def denken(rng: random.Random, denktijd, einde: float) -> None:
    """A person's pause between two actions, cut off at the end of the measured window."""
    if denktijd:
        time.sleep(max(0.0, min(rng.uniform(*denktijd), einde - time.monotonic())))


def inspecteur_werk(basis, meting, naam, apparaat, rijen, opties, start, run, denktijd=None):
    s = Sessie(basis, meting)
    gelukt = _inloggen_of_melden(s, meting, naam, apparaat)
    if gelukt:
        s.token = s.csrf(f"/onderzoeken/{rijen[0].onderzoek}/")
    einde = start.wachten()
    if not gelukt:
        return
    rng = random.Random(naam)
    # People who think between actions do not all act in the same instant when the measurement
    # starts: each begins somewhere in a first think time (without it, the first requests of
    # everyone queued behind each other and made a p95 of the start).
    denken(rng, denktijd, einde)
    n = 0
    while time.monotonic() < einde:
        n += 1
        rij = rijen[n % len(rijen)]
        token = f"loadtest {run} {naam} {n}"
        if inspecteur_opslaan(s, rij, opties[n % len(opties)], token):
            with meting.lock:
                meting.opgeslagen.append((rij.beoordeling, token))
        else:
            meting.verzoek(0, "opslaan-niet-bevestigd")
        denken(rng, denktijd, einde)
        if n % 3 == 0 and time.monotonic() < einde:
            inspecteur_bladeren(s, rij)
            denken(rng, denktijd, einde)


def gemeente_werk(basis, meting, naam, doel, start, denktijd=None):
    s = Sessie(basis, meting)
    gelukt = _inloggen_of_melden(s, meting, naam, None)
    einde = start.wachten()
    if not gelukt:
        return
    rng = random.Random(naam)
    # People who think between actions do not all act in the same instant when the measurement
    # starts: each begins somewhere in a first think time (without it, the first requests of
    # everyone queued behind each other and made a p95 of the start).
    denken(rng, denktijd, einde)
    n = 0
    while time.monotonic() < einde:
        n += 1
        gemeente_bladeren(s, doel)
        denken(rng, denktijd, einde)
        if n % 2 == 0 and time.monotonic() < einde:
            gemeente_downloaden(s, doel)
            denken(rng, denktijd, einde)


def pct(waarden, p):
    if not waarden:
        return 0.0
    waarden = sorted(waarden)
    return waarden[min(len(waarden) - 1, int(round(p / 100 * (len(waarden) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basis", default="http://127.0.0.1:8000")
    parser.add_argument("--duur", type=int, default=60, help="seconds of load")
    parser.add_argument("--inspecteurs", type=int, default=20)
    parser.add_argument("--gemeenten", type=int, default=50)
    parser.add_argument(
        "--denktijd",
        type=denktijd_lezen,
        default=None,
        metavar="MIN-MAX",
        help="seconden tussen twee handelingen per gebruiker, bijv. 2-5 (standaard: geen, "
        "gesloten lus)",
    )
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.basis).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("Alleen tegen loopback (127.0.0.1).")

    from toetsingskader.models import Schaaloptie

    opties = list(
        Schaaloptie.objects.filter(kader__sleutel="ggsr-beleid", kader__versie="2013").values_list(
            "pk", flat=True
        )
    )
    if not opties:
        sys.exit("Geen toetsingskader in de database: draai eerst `make serve` (laadt de demo).")
    inspecteurs, gemeente_users = gebruikers_voorbereiden(args.inspecteurs, args.gemeenten)
    run = uuid.uuid4().hex[:8]
    meting = Meting()
    threads = []
    start = Start(len(inspecteurs) + len(gemeente_users), args.duur)
    for naam, apparaat, rijen in inspecteurs:
        threads.append(
            threading.Thread(
                target=inspecteur_werk,
                args=(args.basis, meting, naam, apparaat, rijen, opties, start, run, args.denktijd),
            )
        )
    for naam, doel in gemeente_users:
        threads.append(
            threading.Thread(
                target=gemeente_werk, args=(args.basis, meting, naam, doel, start, args.denktijd)
            )
        )
    print(
        f"Run {run}: {len(inspecteurs)} inspecteurs en {len(gemeente_users)} gemeentegebruikers, "
        f"{args.duur} s tegen {args.basis}, "
        + (
            f"denktijd {args.denktijd[0]:g}-{args.denktijd[1]:g} s"
            if args.denktijd
            else "zonder denktijd (gesloten lus)"
        )
    )
    t_login = time.monotonic()
    for t in threads:
        t.start()
    start.geven()
    t0 = time.monotonic()
    print(f"iedereen ingelogd (met tweede factor) in {t0 - t_login:.1f} s; meten...")
    for t in threads:
        t.join()
    verstreken = time.monotonic() - t0

    duren_ms = [d * 1000 for d in meting.duren if d > 0]
    totaal = len(duren_ms)
    fouten = sum(meting.fouten.values())
    print(f"verzoeken: {totaal} in {verstreken:.1f} s = {totaal / verstreken:.1f} per seconde")
    print(
        f"latentie ms: p50 {pct(duren_ms, 50):.0f}  p95 {pct(duren_ms, 95):.0f}  "
        f"p99 {pct(duren_ms, 99):.0f}  gemiddeld {statistics.fmean(duren_ms or [0]):.0f}"
    )
    print(f"fouten: {fouten} {meting.fouten or ''}")
    for soort, duren in sorted(meting.per_soort.items()):
        ms = [d * 1000 for d in duren]
        print(
            f"  {soort:<18} n={len(ms):<6} p50 {pct(ms, 50):>5.0f}  p95 {pct(ms, 95):>5.0f}  "
            f"p99 {pct(ms, 99):>5.0f} ms"
        )
    opslaan_ms = [d * 1000 for d in meting.per_soort.get("scoren-opslaan", [])]
    print(
        f"opslaan p95: {pct(opslaan_ms, 95):.0f} ms over {len(opslaan_ms)} opslagen "
        f"({'met denktijd' if args.denktijd else 'gesloten lus'}; issue 16: <= 100 ms met denktijd "
        "2-5 s)"
    )

    # Every confirmed save is in the history exactly once (nothing lost, nothing written twice),
    # and each row holds the last save the server confirmed for it.
    from inspecties.models import Beoordeling

    bevestigd = [token for _, token in meting.opgeslagen]
    in_historie: dict[str, int] = {}
    for tekst in Bevinding.history.filter(tekst__startswith=f"loadtest {run} ").values_list(
        "tekst", flat=True
    ):
        in_historie[tekst] = in_historie.get(tekst, 0) + 1
    laatste: dict[int, str] = {}
    for beoordeling, token in meting.opgeslagen:
        laatste[beoordeling] = token  # confirmations per row arrive in order (one thread per row)
    nu = dict(Beoordeling.objects.filter(pk__in=laatste).values_list("pk", "bevinding__tekst"))
    verloren = [t for t in bevestigd if t not in in_historie]
    dubbel = [t for t, n in in_historie.items() if n > 1]
    onbevestigd = [t for t in in_historie if t not in set(bevestigd)]
    niet_laatste = [pk for pk, token in laatste.items() if nu.get(pk) != token]
    print(
        f"opslaan bevestigd: {len(bevestigd)}, in historie: {len(in_historie)}, "
        f"verloren: {len(verloren)}, dubbel: {len(dubbel)}, "
        f"rijen met een andere eindstand dan de laatste bevestigde opslag: {len(niet_laatste)}"
        + (f", opgeslagen zonder bevestiging (time-out): {len(onbevestigd)}" if onbevestigd else "")
    )
    ok = not verloren and not dubbel and not niet_laatste and fouten == 0
    print("RESULTAAT:", "geen fouten, geen opslag verloren of verdubbeld" if ok else "FOUT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
