#!/usr/bin/env python
"""The query plans behind the measured pages, on the national data set (issue 16):

    .venv/bin/python bench/pages.py --landelijk      # fills toezicht_bench and writes the JSON
    .venv/bin/python bench/plannen.py                # then this, on the same database

Requests every page bench/pages.py measured at its largest size (read from the newest
bench/output/pages-*.json) through Django's test client, as the same bench users, records the
queries each page runs, and has PostgreSQL run each SELECT again under EXPLAIN (ANALYZE, FORMAT
JSON). Prints per page: the number of queries, their summed execution time, the slowest ones
with the scans they use (index names), and every sequential scan that read more than
--drempel rows, the sign of an index the planner could not use.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--database", default="toezicht_bench")
parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
parser.add_argument("--json", type=Path, help="a bench/output/pages-*.json (default: the newest)")
parser.add_argument("--drempel", type=int, default=5000, help="rows a sequential scan may read")
parser.add_argument("--traagste", type=int, default=3)
ARGS = parser.parse_args()

os.environ["DATABASE_URL"] = f"{ARGS.postgres}/{ARGS.database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

BACKEND = "django.contrib.auth.backends.ModelBackend"


def paginas() -> list[dict]:
    bestand = ARGS.json or max(
        (ROOT / "bench" / "output").glob("pages-*.json"), key=lambda p: p.stat().st_mtime
    )
    gemeten = json.loads(bestand.read_text())
    grootte = gemeten["groottes"][-1]
    print(f"pagina's uit {bestand.name}, omvang {grootte['grootte']}: {grootte.get('aantallen')}")
    return grootte["metingen"]


def client_voor(username: str, *, tweede_factor: bool) -> Client:
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user, backend=BACKEND)
    if tweede_factor:
        apparaat, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench-plannen", defaults={"confirmed": True}
        )
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    return client


def knopen(plan: dict):
    yield plan
    for kind in plan.get("Plans", ()):
        yield from knopen(kind)


def uitleggen(sql: str) -> tuple[float, list[dict]]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        resultaat = cursor.fetchone()[0]
    resultaat = json.loads(resultaat) if isinstance(resultaat, str) else resultaat
    return resultaat[0]["Execution Time"], list(knopen(resultaat[0]["Plan"]))


def scans(knooppunten: list[dict]) -> str:
    delen = []
    for k in knooppunten:
        if "Relation Name" not in k:
            continue
        soort = k["Node Type"].replace(" Scan", "")
        index = f" {k['Index Name']}" if "Index Name" in k else ""
        delen.append(f"{soort}{index} op {k['Relation Name']} ({k['Actual Rows']} r.)")
    return "; ".join(delen)


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    intern = client_voor("bench-inspecteur", tweede_factor=True)
    portaal = client_voor("bench-gemeente", tweede_factor=False)
    zorgen = 0
    for pagina in paginas():
        client = portaal if pagina["pad"].startswith("/portaal/") else intern
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(pagina["pad"])
            if antwoord.streaming:
                for _ in antwoord.streaming_content:
                    pass
        metingen = []
        for q in vastgelegd.captured_queries:
            if q["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                ms, knooppunten = uitleggen(q["sql"])
                metingen.append((ms, q["sql"], knooppunten))
        totaal = sum(m[0] for m in metingen)
        print(
            f"\n== {pagina['naam']} ({pagina['pad']}): status {antwoord.status_code}, "
            f"{len(vastgelegd.captured_queries)} queries, SELECTs samen {totaal:.1f} ms"
        )
        for ms, sql, knooppunten in sorted(metingen, key=lambda m: -m[0])[: ARGS.traagste]:
            print(f"  {ms:8.2f} ms  {sql[:110]}")
            print(f"              {scans(knooppunten)}")
        for ms, sql, knooppunten in metingen:
            for k in knooppunten:
                gelezen = k.get("Actual Rows", 0) + k.get("Rows Removed by Filter", 0)
                if k["Node Type"] == "Seq Scan" and gelezen > ARGS.drempel:
                    zorgen += 1
                    print(
                        f"  ! Seq Scan op {k['Relation Name']}: {gelezen} rijen gelezen "
                        f"({ms:.1f} ms): {sql[:100]}"
                    )
    print(f"\n{zorgen} sequentiële scans boven {ARGS.drempel} rijen")


if __name__ == "__main__":
    main()
