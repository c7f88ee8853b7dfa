"""The servers and load generators of bench/pages.py: gunicorn as production runs it, and wrk
(or a plain Python client) loading one page for a while."""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def melden(tekst: str) -> None:
    print(tekst, file=sys.stderr, flush=True)


# wrk prints its own summary; this script adds one line of JSON with the percentiles we report.
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"verzoeken": %d, "duur_us": %d, "bytes": %d, "fouten": {"connect": %d, '
    .. '"read": %d, "write": %d, "status": %d, "timeout": %d}, "p50_us": %d, "p95_us": %d, '
    .. '"p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


class Gunicorn:
    """gunicorn with 2 sync workers on loopback, started and stopped by us (by its own pid)."""

    def __init__(self, app: str, *, env: dict, chdir: Path, log: Path, timeout: int):
        self.poort = vrije_poort()
        self.log = log.open("ab")
        self.proces = subprocess.Popen(
            [
                GUNICORN,
                app,
                "-w",
                "2",
                "-b",
                f"{HOST}:{self.poort}",
                "--timeout",
                str(timeout),
                "--chdir",
                str(chdir),
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def basis(self) -> str:
        return f"http://{HOST}:{self.poort}"

    def wachten(self, pad: str, seconden: int = 60) -> None:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                sys.exit(f"gunicorn stopte meteen; zie {self.log.name}")
            try:
                status, _, _ = ophalen(self.poort, pad, timeout=5)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit(f"gunicorn antwoordde niet binnen {seconden} s; zie {self.log.name}")

    def stoppen(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()
        self.log.close()


def ophalen(poort: int, pad: str, *, cookie: str = "", timeout: float = 30):
    """One GET: (status, body bytes, seconds)."""
    verbinding = http.client.HTTPConnection(HOST, poort, timeout=timeout)
    t0 = time.perf_counter()
    try:
        verbinding.request("GET", pad, headers={"Cookie": cookie} if cookie else {})
        antwoord = verbinding.getresponse()
        body = antwoord.read()
        return antwoord.status, body, time.perf_counter() - t0
    finally:
        verbinding.close()


def wachten_tot_rustig(poort: int, pad: str, seconden: int = 180) -> None:
    """Wait until requests the load generator abandoned have been served.

    A sync worker finishes every request it accepted, also when the client has gone, and the
    listen queue still holds the ones not yet accepted: after a slow page the next page's
    measurement would wait behind them. Two requests at once (one per worker) queue behind all
    of that; when both come back quickly, the server is idle again.
    """

    def duur(_) -> float:
        try:
            return ophalen(poort, pad, timeout=seconden)[2]
        except OSError:
            return float(seconden)

    einde = time.monotonic() + seconden
    with ThreadPoolExecutor(2) as pool:
        while time.monotonic() < einde:
            if max(pool.map(duur, range(2))) < 0.5:
                return


def wrk_beschikbaar(installeren: bool) -> bool:
    if shutil.which("wrk"):
        return True
    if installeren:
        melden("wrk ontbreekt; installeren met bench/systeempakketten.sh ...")
        subprocess.run(["bash", str(ROOT / "bench" / "systeempakketten.sh")], check=False)
    return shutil.which("wrk") is not None


def met_wrk(poort, pad, *, cookie, duur, verbindingen, timeout) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_LUA)
    try:
        opdracht = [
            "wrk",
            "-t",
            "2",
            "-c",
            str(verbindingen),
            "-d",
            f"{duur}s",
            "--timeout",
            f"{timeout}s",
            "-s",
            f.name,
        ]
        if cookie:
            opdracht += ["-H", f"Cookie: {cookie}"]
        uit = subprocess.run(
            opdracht + [f"http://{HOST}:{poort}{pad}"],
            capture_output=True,
            text=True,
            timeout=duur + timeout + 60,
        )
    finally:
        os.unlink(f.name)
    regel = next((r for r in uit.stdout.splitlines() if r.startswith("WRK-JSON ")), None)
    if regel is None:
        raise RuntimeError(f"wrk gaf geen resultaat: {uit.stdout[-500:]} {uit.stderr[-500:]}")
    r = json.loads(regel.removeprefix("WRK-JSON "))
    seconden = r["duur_us"] / 1e6
    return {
        "verzoeken": r["verzoeken"],
        "per_seconde": r["verzoeken"] / seconden if seconden else 0.0,
        "p50_ms": r["p50_us"] / 1000,
        "p95_ms": r["p95_us"] / 1000,
        "p99_ms": r["p99_us"] / 1000,
        "max_ms": r["max_us"] / 1000,
        "fouten": {k: v for k, v in r["fouten"].items() if v},
    }


def percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return 0.0
    waarden = sorted(waarden)
    return waarden[min(len(waarden) - 1, round(p / 100 * (len(waarden) - 1)))]


def met_python(poort, pad, *, cookie, duur, verbindingen, timeout) -> dict:
    """The fallback: `verbindingen` threads, each a keep-alive connection, for `duur` seconds."""
    duren: list[float] = []
    fouten: dict[str, int] = {}
    slot = threading.Lock()
    einde = time.monotonic() + duur

    def werk():
        verbinding = http.client.HTTPConnection(HOST, poort, timeout=timeout)
        while time.monotonic() < einde:
            t0 = time.perf_counter()
            try:
                verbinding.request("GET", pad, headers={"Cookie": cookie} if cookie else {})
                antwoord = verbinding.getresponse()
                antwoord.read()
                fout = "status" if antwoord.status >= 400 else None
            except (OSError, http.client.HTTPException) as e:
                fout = type(e).__name__
                verbinding.close()
                verbinding = http.client.HTTPConnection(HOST, poort, timeout=timeout)
            with slot:
                if fout:
                    fouten[fout] = fouten.get(fout, 0) + 1
                else:
                    duren.append(time.perf_counter() - t0)
        verbinding.close()

    t_start = time.monotonic()
    threads = [threading.Thread(target=werk) for _ in range(verbindingen)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconden = time.monotonic() - t_start
    ms = [d * 1000 for d in duren]
    return {
        "verzoeken": len(ms),
        "per_seconde": len(ms) / seconden,
        "p50_ms": percentiel(ms, 50),
        "p95_ms": percentiel(ms, 95),
        "p99_ms": percentiel(ms, 99),
        "max_ms": max(ms, default=0.0),
        "fouten": fouten,
    }
