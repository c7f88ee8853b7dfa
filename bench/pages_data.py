#!/usr/bin/env python
"""Fills the benchmark database and prints, as JSON, the pages bench/pages.py measures.

bench/pages.py runs this in a subprocess with the server's environment (the same DATABASE_URL
and SECRET_KEY, so the sessions made here are valid there):

    python bench/pages_data.py demo
    python bench/pages_data.py landelijk --gemeenten 342 --jaren 5

It migrates an empty database, loads the frameworks and the demo (and, at national size, runs
`manage.py landelijke_dataset`), creates a concept beleidstoets for the scoring page, the bench
users with their sessions (the inspecteur's with the second factor passed, as after a real
login with a code), and optionally times the project's factsheet PDF for the WeasyPrint floor.
Progress goes to stderr; stdout carries only the JSON.
"""

import argparse
import contextlib
import io
import json
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from gemeenten.models import Aanpak, Gemeente  # noqa: E402
from inspecties.beveiliging.rollen import Rol  # noqa: E402
from inspecties.demo.landelijk import concept_beleidstoets_maken  # noqa: E402
from inspecties.models import Beoordeling, Bevinding, Onderzoek, Voortgangsrapportage  # noqa: E402
from tests.factories import gebruiker  # noqa: E402 (plain factory_boy, no test runner needed)

# The demo's richest municipality for the portal (a beleidstoets and its follow-up), and the
# demo factsheet for the report page and the PDF.
DEMO_PORTAAL = "GM0826"  # Oosterhout
DEMO_RAPPORT = ("GM0513", 2013)  # Gouda


def melden(tekst: str) -> None:
    print(tekst, file=sys.stderr, flush=True)


def sessie(user, *, tweede_factor: bool) -> str:
    """A session cookie value for `user`, made as the test suite logs in (tests/conftest.py)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if tweede_factor:
        apparaat, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
        s = client.session
        s[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        s.save()
    return client.cookies["sessionid"].value


def portaal_gemeente(landelijk: bool) -> Gemeente:
    if not landelijk:
        return Gemeente.objects.get(cbs_code=DEMO_PORTAAL)
    # The generated municipality with the most published studies (first by code on a tie).
    return (
        Gemeente.objects.filter(cbs_code__gte="GM2001")
        .annotate(
            n=Count(
                "aanpakken__onderzoeken", filter=Q(aanpakken__onderzoeken__status="gepubliceerd")
            )
        )
        .order_by("-n", "cbs_code")
        .first()
    )


def rapport_onderzoek(landelijk: bool, gemeente: Gemeente) -> Onderzoek:
    if not landelijk:
        code, jaar = DEMO_RAPPORT
        return Onderzoek.objects.get(aanpak__gemeente__cbs_code=code, jaar=jaar)
    return (
        Onderzoek.objects.gepubliceerd()
        .filter(aanpak__gemeente=gemeente, soort=Onderzoek.Soort.BELEIDSTOETS)
        .order_by("jaar", "pk")
        .first()
    )


class OntbrekendeBronnen(logging.Handler):
    """Collects what WeasyPrint could not load (a stylesheet, an image): a PDF rendered without
    its stylesheet is faster than the real one, so the report says so."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.urls: set[str] = set()

    def emit(self, record):
        gevonden = re.search(r"Failed to load \w+ at '?(\S+?)'?\s?:\s", record.getMessage())
        if gevonden:
            self.urls.add(gevonden[1].rsplit("/", 1)[-1])


def factsheet_pdf_meten(onderzoek: Onderzoek, keer: int) -> dict:
    """The project's factsheet rendered warm in-process, as the WeasyPrint floor measures."""
    from rapporten.services import rapport_pdf

    ontbrekend = OntbrekendeBronnen()
    logging.getLogger("weasyprint").addHandler(ontbrekend)
    try:
        pdf = rapport_pdf(onderzoek=onderzoek)  # warm-up: imports, fonts
        tijden = []
        for _ in range(keer):
            t0 = time.perf_counter()
            pdf = rapport_pdf(onderzoek=onderzoek)
            tijden.append(time.perf_counter() - t0)
    finally:
        logging.getLogger("weasyprint").removeHandler(ontbrekend)
    paginas = None
    with contextlib.suppress(ImportError):
        from pypdf import PdfReader

        paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    return {
        "onderzoek": str(onderzoek),
        "n": keer,
        "mediaan_s": statistics.median(tijden),
        "paginas": paginas,
        "ontbrekende_bronnen": sorted(ontbrekend.urls),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("grootte", choices=["demo", "landelijk"])
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--jaren", type=int, default=5)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--pdf", type=int, default=0, help="factsheet renders to time (0: none)")
    args = parser.parse_args()
    landelijk = args.grootte == "landelijk"

    stil = io.StringIO()
    call_command("migrate", verbosity=0, interactive=False, stdout=stil)
    call_command("laad_toetsingskader", stdout=stil)
    call_command("laad_demo", stdout=stil)
    with contextlib.redirect_stdout(sys.stderr):
        if landelijk:
            call_command(
                "landelijke_dataset", gemeenten=args.gemeenten, jaren=args.jaren, seed=args.seed
            )

    inspecteur = gebruiker(Rol.INSPECTEUR, username="bench-inspecteur")
    gemeente = portaal_gemeente(landelijk)
    gemeente_user = gebruiker(Rol.GEMEENTE, username="bench-gemeente", gemeenten=[gemeente])
    # The scoring page: a 30-indicator concept beleidstoets, most of it scored, the same at
    # both sizes; it is the newest study of its approach.
    aanpak = Aanpak.objects.filter(gemeente__cbs_code=DEMO_RAPPORT[0]).order_by("pk").first()
    laatste_jaar = Onderzoek.objects.order_by("-jaar").values_list("jaar", flat=True).first()
    scoren = concept_beleidstoets_maken(
        aanpak=aanpak, jaar=laatste_jaar + 1, inspecteurs=[inspecteur]
    )
    rapport = rapport_onderzoek(landelijk, gemeente)
    portaal_onderzoek = (
        Onderzoek.objects.gepubliceerd()
        .filter(aanpak__gemeente=gemeente)
        .order_by("-jaar", "-pk")
        .first()
    )
    jaren = sorted(set(Onderzoek.objects.values_list("jaar", flat=True)))
    een_jaar = 2013 if not landelijk else jaren[len(jaren) // 2]
    heatmap_kader = (
        Onderzoek.objects.filter(jaar=een_jaar, kader__sleutel="ggsr-beleid")
        .values_list("kader_id", flat=True)
        .first()
    )

    intern = sessie(inspecteur, tweede_factor=True)
    portaal = sessie(gemeente_user, tweede_factor=False)
    n_portaal = Onderzoek.objects.gepubliceerd().filter(aanpak__gemeente=gemeente).count()
    paginas = [
        (
            "scoren",
            f"/onderzoeken/{scoren.pk}/",
            intern,
            f"concept, {scoren.beoordelingen.count()} indicatoren",
        ),
        ("onderzoekenlijst", "/onderzoeken/", intern, "alle onderzoeken"),
        ("overzichten", "/rapporten/overzichten/", intern, "geen filter"),
        (
            "overzichten-jaar",
            f"/rapporten/overzichten/?jaar={een_jaar}",
            intern,
            f"jaar {een_jaar}",
        ),
        ("heatmap", "/rapporten/overzichten/heatmap/", intern, "nieuwste kader en jaar"),
        (
            "heatmap-jaar",
            f"/rapporten/overzichten/heatmap/?jaar={een_jaar}&kader={heatmap_kader}",
            intern,
            f"GGSR, jaar {een_jaar}",
        ),
        ("veldoverzicht", "/rapporten/overzichten/veld/", intern, "nieuwste jaar"),
        ("export-csv", "/rapporten/exports/scores.csv", intern, "alle scores"),
        ("portaal", "/portaal/", portaal, f"{gemeente.naam}, {n_portaal} gepubliceerd"),
        (
            "portaal-onderzoek",
            f"/portaal/onderzoeken/{portaal_onderzoek.pk}/",
            portaal,
            str(portaal_onderzoek),
        ),
        ("rapport-html", f"/rapporten/onderzoeken/{rapport.pk}/", intern, str(rapport)),
        # What every logged-in page pays before its own work (sessions, second factor, CSP,
        # the menu with its unread count): the floor any page here can reach.
        ("verklaring", "/toegankelijkheid/", intern, "vaste tekst, ingelogd"),
    ]
    uit = {
        "grootte": args.grootte,
        "aantallen": {
            "gemeenten": Gemeente.objects.count(),
            "onderzoeken": Onderzoek.objects.count(),
            "beoordelingen": Beoordeling.objects.count(),
            "bevindingen": Bevinding.objects.count(),
            "voortgangsrapportages": Voortgangsrapportage.objects.count(),
        },
        "paginas": [
            {"naam": naam, "pad": pad, "sessie": cookie, "onderwerp": onderwerp}
            for naam, pad, cookie, onderwerp in paginas
        ],
    }
    if args.pdf:
        melden(f"factsheet-PDF {args.pdf}x renderen...")
        uit["factsheet_pdf"] = factsheet_pdf_meten(rapport, args.pdf)
    json.dump(uit, sys.stdout)


if __name__ == "__main__":
    main()
