"""Milliseconds per GET of a page, in-process: python bench/scoren_profiel.py [N] [--profiel] [--pagina=P]

Sets up a throwaway SQLite database, loads the frameworks and the demo, creates the 30-indicator
concept beleidstoets bench/pages_data.py uses (24 scored, with findings), and GETs its scoring
page N times through Django's test client as a logged-in inspector (DEBUG off). --pagina picks
another page: lijst (the study list), opslaan (an htmx row save; the
bench's own queries to find the row's versions are in the figure), rapport (Gouda's report page), portaal (Gouda's portal as
its gemeente user) or verklaring (the accessibility statement: the base template and the
middleware alone, the fixed cost every page pays). Prints the
median ms per GET, wall-clock and CPU time of the process (the CPU figure
is the one to compare on a shared, busy machine); with --profiel, the top of a cProfile run (cumulative time).
"""

import cProfile
import io
import logging
import os
import pstats
import shutil
import statistics
import sys
import time
from functools import partial

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(ARGS[0]) if ARGS else 50
PROFIEL = "--profiel" in sys.argv
PAGINA = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--pagina=")), "scoren")

from opzet import wegwerp_django  # noqa: E402

tmp = wegwerp_django("bench-scoren-")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from gemeenten.models import Aanpak  # noqa: E402
from inspecties.beveiliging.rollen import Rol  # noqa: E402
from inspecties.demo.landelijk import concept_beleidstoets_maken  # noqa: E402
from inspecties.models import Onderzoek  # noqa: E402
from tests.factories import gebruiker  # noqa: E402


def opslaan(client, onderzoek) -> None:
    """One htmx row save (score and finding) against the versions the last answer gave."""
    b = onderzoek.beoordelingen.select_related("bevinding").order_by("pk").first()
    optie = onderzoek.kader.schaal.order_by("pk")[len(b.bevinding.tekst if b.bevinding else "") % 2]
    antwoord = client.post(
        f"/onderzoeken/{onderzoek.pk}/beoordeling/{b.pk}/",
        {
            "beoordeling_versie": b.versie,
            "bevinding_id": b.bevinding_id or "",
            "bevinding_versie": b.bevinding.versie if b.bevinding else "",
            "oordeel": optie.pk,
            "tekst": "x" * (1 + len(b.bevinding.tekst if b.bevinding else "") % 7),
            "let_op": "",
        },
        headers={"HX-Request": "true"},
    )
    assert b'data-testid="opgeslagen"' in antwoord.content, antwoord.content[:300]


def main() -> None:
    settings.DEBUG = False
    logging.disable(logging.INFO)
    settings.ALLOWED_HOSTS = ["*"]
    stil = io.StringIO()
    call_command("migrate", verbosity=0, interactive=False, stdout=stil)
    call_command("laad_toetsingskader", stdout=stil)
    call_command("laad_demo", stdout=stil)
    inspecteur = gebruiker(Rol.INSPECTEUR, username="bench-inspecteur")
    aanpak = Aanpak.objects.filter(gemeente__cbs_code="GM0513").order_by("pk").first()
    onderzoek = concept_beleidstoets_maken(aanpak=aanpak, jaar=2030, inspecteurs=[inspecteur])
    gouda = Onderzoek.objects.filter(aanpak__gemeente__cbs_code="GM0513", status="gepubliceerd")
    url = {
        "scoren": f"/onderzoeken/{onderzoek.pk}/",
        "lijst": "/onderzoeken/",
        "rapport": f"/rapporten/onderzoeken/{gouda.first().pk}/",
        "portaal": "/portaal/",
        "verklaring": "/toegankelijkheid/",
        "opslaan": f"/onderzoeken/{onderzoek.pk}/",
    }[PAGINA]
    client = Client()
    if PAGINA == "portaal":
        client.force_login(
            gebruiker(Rol.GEMEENTE, username="bench-gouda", gemeenten=[aanpak.gemeente]),
            backend="django.contrib.auth.backends.ModelBackend",
        )
    else:
        client.force_login(inspecteur, backend="django.contrib.auth.backends.ModelBackend")
        apparaat = TOTPDevice.objects.create(user=inspecteur, name="bench", confirmed=True)
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    antwoord = client.get(url)
    assert antwoord.status_code == 200, antwoord.status_code
    verzoek = partial(client.get, url)
    if PAGINA == "opslaan":
        verzoek = partial(opslaan, client, onderzoek)
    for _ in range(3):
        verzoek()
    tijden, cpu = [], []
    profiel = cProfile.Profile() if PROFIEL else None
    for _ in range(N):
        if profiel:
            profiel.enable()
        t0, c0 = time.perf_counter(), time.process_time()
        verzoek()
        tijden.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if profiel:
            profiel.disable()
    print(
        f"{PAGINA} ({url}), {len(antwoord.content)} "
        f"bytes: median {statistics.median(tijden):.1f} ms wall, "
        f"{statistics.median(cpu):.1f} ms CPU per request (n={N}{', under cProfile' if profiel else ''})"
    )
    if profiel:
        uit = io.StringIO()
        pstats.Stats(profiel, stream=uit).sort_stats(
            os.environ.get("SORT", "cumulative")
        ).print_stats(int(os.environ.get("TOP", "45")))
        if os.environ.get("CALLERS"):
            pstats.Stats(profiel, stream=uit).print_callers(os.environ["CALLERS"])
        print(uit.getvalue())


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
