#!/usr/bin/env python
"""Page throughput beside the bare Django ceiling (issue 16), in one run.

    .venv/bin/python bench/pages.py                  # demo size, 5 s per page (a smoke run)
    .venv/bin/python bench/pages.py --landelijk --duur 20   # demo and national size

1. Starts the bare Django anchor (../shared/anchors/bare_django/app.py) under gunicorn with 2
   sync workers and measures /ok and /table: the ceiling every page is compared to.
2. Recreates a PostgreSQL database of its own (--database, default toezicht_bench), fills it
   (bench/pages_data.py: migrate, frameworks, demo; with --landelijk a second round with
   `manage.py landelijke_dataset` on top), collects the static files and serves Toezicht the way
   production does: gunicorn with 2 sync workers, DEBUG off, HTTPS=false (plain http on
   loopback), a random SECRET_KEY. Each page is first fetched once (it must answer 200 within
   --max-seconden, else it is reported as not answering and skipped), then loaded for --duur
   seconds by wrk with 10 connections, logged in with a session cookie (the inspecteur's with
   the second factor passed).
3. Prints per page req/s, p50/p95/p99 latency, response size and the ratio to the bare /table
   req/s, and writes the same as JSON to bench/output/. With --pdf N it also times the
   project's factsheet PDF against the WeasyPrint floor (../shared/anchors/weasyprint_floor.py).

wrk comes from Debian (bench/systeempakketten.sh installs it when missing); without it a plain
Python client with the same number of connections is used, which itself needs CPU the server
then lacks: compare only runs made with the same load generator. Only loopback is ever loaded.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from laadgenerator import (
    HOST,
    PYTHON,
    Gunicorn,
    melden,
    met_python,
    met_wrk,
    ophalen,
    wachten_tot_rustig,
    wrk_beschikbaar,
)
from opzet import ankers

ROOT = Path(__file__).resolve().parent.parent
UITVOER = ROOT / "bench" / "output"


def meten(poort, pagina: dict, args, laadgenerator, *, rustig_pad: str) -> dict:
    """Fetch the page alone, three times (the first ones warm the workers up; the fastest
    counts): it must answer 200 within --max-seconden, else it is reported and not loaded.
    Then load it for --duur seconds."""
    cookie = f"sessionid={pagina['sessie']}" if pagina.get("sessie") else ""
    uit = {k: v for k, v in pagina.items() if k != "sessie"}
    uit["load_1m"] = os.getloadavg()[0]  # how busy the machine was: other work skews it all
    alleen = []
    for _ in range(3):
        try:
            status, body, seconden = ophalen(
                poort, pagina["pad"], cookie=cookie, timeout=args.max_seconden + 2
            )
        except TimeoutError:
            uit["fout"] = f"geen antwoord binnen {args.max_seconden} s"
            return uit
        except OSError as e:  # e.g. the worker was killed by gunicorn's timeout
            uit["fout"] = f"geen antwoord ({type(e).__name__})"
            return uit
        if status != 200:
            uit["fout"] = (
                f"geen antwoord binnen {args.max_seconden} s"
                if seconden >= args.max_seconden * 0.9  # the statement_timeout ended it
                else f"status {status}"
            )
            return uit
        alleen.append(seconden)
        if seconden > 5:
            break  # a warm-up makes no difference worth waiting for again
    uit["bytes"] = len(body)
    uit["alleen_ms"] = min(alleen) * 1000
    meting = laadgenerator(
        poort,
        pagina["pad"],
        cookie=cookie,
        duur=args.duur,
        verbindingen=args.verbindingen,
        timeout=args.max_seconden,
    )
    wachten_tot_rustig(poort, rustig_pad)
    if not meting["verzoeken"]:
        uit["fout"] = f"geen verzoek klaar in {args.duur} s"
        return uit
    uit.update(meting)
    return uit


# --- Database and the served application -----------------------------------------------------


def database_opnieuw(args) -> None:
    """Drop and create the bench database (its own name: never the project's own databases)."""
    import psycopg2

    verbinding = psycopg2.connect(f"{args.postgres}/postgres")
    verbinding.autocommit = True
    with verbinding.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{args.database}"')
    verbinding.close()


def omgeving(args, media: Path, geheim: str, *, server: bool) -> dict:
    url = f"{args.postgres}/{args.database}"
    if server:  # a runaway query stops with the request that waited for it
        url += f"?options=-c%20statement_timeout%3D{args.max_seconden * 1000}"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=geheim,
        DATABASE_URL=url,
        ALLOWED_HOSTS=f"{HOST},localhost",
        MEDIA_ROOT=str(media),
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def grootte_meten(grootte: str, args, media: Path, geheim: str, log: Path, laadgenerator) -> dict:
    melden(f"== {grootte}: database {args.database} opnieuw maken en vullen ==")
    database_opnieuw(args)
    opdracht = [
        PYTHON,
        str(ROOT / "bench" / "pages_data.py"),
        grootte,
        "--gemeenten",
        str(args.gemeenten),
        "--jaren",
        str(args.jaren),
        "--seed",
        str(args.seed),
    ]
    if grootte == "demo" and args.pdf:
        opdracht += ["--pdf", str(args.pdf)]
    t0 = time.monotonic()
    data = json.loads(
        subprocess.run(
            opdracht,
            env=omgeving(args, media, geheim, server=False),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    )
    data["vullen_s"] = time.monotonic() - t0
    melden(f"gevuld in {data['vullen_s']:.0f} s: {data['aantallen']}")
    server = Gunicorn(
        "inspecties.wsgi",
        env=omgeving(args, media, geheim, server=True),
        chdir=ROOT,
        log=log,
        timeout=args.max_seconden + 5,
    )
    try:
        server.wachten("/inloggen/")
        data["metingen"] = []
        for pagina in data.pop("paginas"):
            if args.paginas and pagina["naam"] not in args.paginas:
                continue
            melden(f"  {pagina['naam']} ({pagina['pad']}) ...")
            meting = meten(server.poort, pagina, args, laadgenerator, rustig_pad="/inloggen/")
            meting["grootte"] = grootte
            data["metingen"].append(meting)
    finally:
        server.stoppen()
    return data


def kaal_meten(args, log: Path, laadgenerator) -> dict:
    melden("== kale Django 5.2 (bare_django/app.py) ==")
    map_ = ankers() / "bare_django"
    server = Gunicorn("app:application", env=dict(os.environ), chdir=map_, log=log, timeout=30)
    try:
        server.wachten("/ok")
        return {
            pad: meten(
                server.poort, {"naam": pad, "pad": pad}, args, laadgenerator, rustig_pad="/ok"
            )
            for pad in ("/ok", "/table")
        }
    finally:
        server.stoppen()


def weasyprint_vloer(n: int) -> dict:
    uit = subprocess.run(
        [PYTHON, str(ankers() / "weasyprint_floor.py"), str(n)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    waarden = dict(re.findall(r"(\w+)=([\d.]+)", uit))
    return {
        "paginas": int(waarden["pages"]),
        "n": int(waarden["n"]),
        "mediaan_s": float(waarden["median_s"]),
    }


# --- Report -----------------------------------------------------------------------------------


def tabel(resultaat: dict) -> str:
    tafel = resultaat["kaal"]["/table"].get("per_seconde") or 0
    regels = [
        f"{'pagina':<18} {'grootte':<9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'alleen':>7} {'KB':>7} {'× kaal':>14}  onderwerp",
    ]

    def regel(naam, grootte, m):
        alleen = f"{m['alleen_ms']:>7.0f}" if "alleen_ms" in m else " " * 7
        kb = f"{m['bytes'] / 1024:>7.1f}" if "bytes" in m else " " * 7
        if "fout" in m:
            return (
                f"{naam:<18} {grootte:<9} {m['fout']:>31} {alleen} {kb} {'':>14}  {m['onderwerp']}"
            )
        ratio = m["per_seconde"] / tafel if tafel else 0
        deel = f"(1/{1 / ratio:.0f})" if 0 < ratio < 1 else ""
        fouten = f"  fouten: {m['fouten']}" if m.get("fouten") else ""
        return (
            f"{naam:<18} {grootte:<9} {m['per_seconde']:>7.1f} {m['p50_ms']:>7.1f} "
            f"{m['p95_ms']:>7.1f} {m['p99_ms']:>7.1f} {alleen} {kb} {ratio:>6.3f} {deel:>7}  "
            f"{m.get('onderwerp', '')}{fouten}"
        )

    for pad, m in resultaat["kaal"].items():
        regels.append(regel(f"kaal {pad}", "-", {"onderwerp": "", **m}))
    for data in resultaat["groottes"]:
        a = data["aantallen"]
        regels.append(
            f"-- {data['grootte']}: {a['gemeenten']} gemeenten, {a['onderzoeken']} onderzoeken, "
            f"{a['beoordelingen']} beoordelingen, {a['voortgangsrapportages']} "
            f"voortgangsrapportages (gevuld in {data['vullen_s']:.0f} s)"
        )
        for m in data["metingen"]:
            regels.append(regel(m["naam"], data["grootte"], m))
    regels.append(
        "(req/s en p50/p95/p99 onder belasting; ‘alleen’: één verzoek zonder andere belasting, ms)"
    )
    if "weasyprint" in resultaat:
        w = resultaat["weasyprint"]
        regels.append(
            f"\nPDF: factsheet {w['project']['mediaan_s']:.3f} s ({w['project']['paginas']} p.), "
            f"WeasyPrint-vloer {w['vloer']['mediaan_s']:.3f} s ({w['vloer']['paginas']} p.): "
            f"{w['verhouding']:.1f}× de vloer"
        )
        if w["project"].get("ontbrekende_bronnen"):
            regels.append(
                "LET OP: de factsheet werd gerenderd zonder "
                + ", ".join(w["project"]["ontbrekende_bronnen"])
                + " (WeasyPrint kon ze niet laden); de verhouding geldt voor die PDF."
            )
    return "\n".join(regels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--duur", type=int, default=5, help="seconden per pagina (echte meting: 20)"
    )
    parser.add_argument("--verbindingen", type=int, default=10)
    parser.add_argument("--landelijk", action="store_true", help="ook op landelijke omvang meten")
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--jaren", type=int, default=5)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--database", default="toezicht_bench")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--max-seconden",
        type=int,
        default=30,
        help="een pagina die langer over één verzoek doet, wordt niet belast",
    )
    parser.add_argument("--pdf", type=int, default=3, help="factsheet-PDF's om te timen (0: geen)")
    parser.add_argument("--paginas", nargs="*", help="alleen deze pagina's (namen uit de tabel)")
    parser.add_argument("--python-client", action="store_true", help="niet wrk gebruiken")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database) or args.database in (
        "postgres",
        "toezicht",
        "template0",
        "template1",
    ):
        sys.exit("Kies een eigen databasenaam (kleine letters, cijfers, _), niet die van de app.")

    UITVOER.mkdir(parents=True, exist_ok=True)
    moment = datetime.now().strftime("%Y%m%d-%H%M%S")
    log = UITVOER / f"pages-{moment}.log"
    laadgenerator = met_python if args.python_client or not wrk_beschikbaar(True) else met_wrk
    resultaat = {
        "moment": moment,
        "machine": {
            "cpu": os.cpu_count(),
            "platform": platform.platform(),
            "load_begin": os.getloadavg(),
        },
        "instellingen": {
            **vars(args),
            "laadgenerator": "wrk" if laadgenerator is met_wrk else "python",
            "gunicorn": "2 sync workers",
            "DEBUG": False,
        },
    }
    resultaat["kaal"] = kaal_meten(args, log, laadgenerator)

    geheim = secrets.token_urlsafe(50)
    media = Path(tempfile.mkdtemp(prefix="toezicht-bench-media-"))
    try:
        env = omgeving(args, media, geheim, server=False)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        resultaat["groottes"] = [grootte_meten("demo", args, media, geheim, log, laadgenerator)]
        if args.landelijk:
            resultaat["groottes"].append(
                grootte_meten("landelijk", args, media, geheim, log, laadgenerator)
            )
    finally:
        shutil.rmtree(media, ignore_errors=True)

    project = resultaat["groottes"][0].pop("factsheet_pdf", None)
    if project:
        melden("== WeasyPrint-vloer ==")
        vloer = weasyprint_vloer(args.pdf)
        resultaat["weasyprint"] = {
            "project": project,
            "vloer": vloer,
            "verhouding": project["mediaan_s"] / vloer["mediaan_s"],
        }
    resultaat["machine"]["load_einde"] = os.getloadavg()
    pad = UITVOER / f"pages-{moment}.json"
    pad.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False), encoding="utf-8")
    load = resultaat["machine"]
    print(
        f"Toezicht tegen kale Django, {args.verbindingen} verbindingen, {args.duur} s per pagina, "
        f"laadgenerator {resultaat['instellingen']['laadgenerator']}, {os.cpu_count()} cores, "
        f"load {load['load_begin'][0]:.2f} -> {load['load_einde'][0]:.2f}"
    )
    print(tabel(resultaat))
    print(f"\nJSON: {pad.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
