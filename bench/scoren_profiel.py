"""Milliseconds per GET of the scoring page, in-process: python bench/scoren_profiel.py [N] [--profiel]

Sets up a throwaway SQLite database, loads the frameworks and the demo, creates the 30-indicator
concept beleidstoets bench/pages_data.py uses (24 scored, with findings), and GETs its scoring
page N times through Django's test client as a logged-in inspector (DEBUG off). Prints the
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
import tempfile
import time
from pathlib import Path

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(ARGS[0]) if ARGS else 50
PROFIEL = "--profiel" in sys.argv

tmp = Path(tempfile.mkdtemp(prefix="bench-scoren-"))
os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(tmp / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from gemeenten.models import Aanpak  # noqa: E402
from inspecties.beveiliging.rollen import Rol  # noqa: E402
from inspecties.demo.landelijk import concept_beleidstoets_maken  # noqa: E402
from tests.factories import gebruiker  # noqa: E402


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
    client = Client()
    client.force_login(inspecteur, backend="django.contrib.auth.backends.ModelBackend")
    apparaat = TOTPDevice.objects.create(user=inspecteur, name="bench", confirmed=True)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    url = f"/onderzoeken/{onderzoek.pk}/"
    antwoord = client.get(url)
    assert antwoord.status_code == 200, antwoord.status_code
    for _ in range(3):
        client.get(url)
    tijden, cpu = [], []
    profiel = cProfile.Profile() if PROFIEL else None
    for _ in range(N):
        if profiel:
            profiel.enable()
        t0, c0 = time.perf_counter(), time.process_time()
        client.get(url)
        tijden.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if profiel:
            profiel.disable()
    print(
        f"scoring page, {onderzoek.beoordelingen.count()} indicators, {len(antwoord.content)} "
        f"bytes: median {statistics.median(tijden):.1f} ms wall, "
        f"{statistics.median(cpu):.1f} ms CPU per GET (n={N}{', under cProfile' if profiel else ''})"
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
