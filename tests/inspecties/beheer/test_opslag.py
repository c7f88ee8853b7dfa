"""Private media storage: on disk written whole or not at all; in S3-compatible storage through
django-storages, tested against moto's S3 server (issue 16, "past one machine")."""

import io
import socket
import threading
import zipfile
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.base import ContentFile

import pytest
import requests

from inspecties.beheer.opslag import PriveOpslag


@pytest.fixture
def opslag(tmp_path):
    return PriveOpslag(location=tmp_path, file_permissions_mode=0o600)


def _rest(map_: Path) -> list[str]:
    return sorted(p.name for p in map_.rglob("*") if p.is_file())


def test_bestand_staat_er_heel_en_zonder_restanten(opslag, tmp_path):
    naam = opslag.save("exports/a.zip", ContentFile(b"PK" + b"x" * 100_000))
    assert naam == "exports/a.zip"
    assert (tmp_path / naam).read_bytes() == b"PK" + b"x" * 100_000
    assert (tmp_path / naam).stat().st_mode & 0o777 == 0o600
    assert _rest(tmp_path) == ["a.zip"]


class Afgebroken(File):
    """Content whose writer dies after the first chunk (a killed process, a full disk)."""

    def chunks(self, chunk_size=None):
        yield b"PK half"
        raise OSError("geen ruimte meer op het apparaat")


def test_afgebroken_schrijven_laat_geen_half_bestand_achter(opslag, tmp_path):
    with pytest.raises(OSError):
        opslag.save("exports/b.zip", Afgebroken(io.BytesIO()))
    assert not opslag.exists("exports/b.zip")
    assert _rest(tmp_path) == []


def test_twee_tegelijk_met_dezelfde_naam_krijgen_elk_een_eigen_bestand(opslag, tmp_path):
    namen, inhoud = [], {}

    def bewaar(i):
        naam = opslag.save("rapporten/r.pdf", ContentFile(bytes([i]) * 50_000))
        namen.append(naam)
        inhoud[naam] = bytes([i]) * 50_000

    draden = [threading.Thread(target=bewaar, args=(i,)) for i in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert len(set(namen)) == 2
    for naam, verwacht in inhoud.items():
        assert (tmp_path / naam).read_bytes() == verwacht


def test_naam_buiten_de_map_wordt_geweigerd(opslag, tmp_path):
    with pytest.raises(SuspiciousFileOperation):
        opslag.save("../buiten.pdf", ContentFile(b"x"))
    assert not (tmp_path.parent / "buiten.pdf").exists()


# --- S3-compatible storage (django-storages) against moto's server ---------------------------


@pytest.fixture(scope="module")
def s3_server():
    pytest.importorskip("moto.server", reason="moto[server] is not installed")
    from moto.server import ThreadedMotoServer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=poort, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{poort}"
    server.stop()


@pytest.fixture
def s3(s3_server, monkeypatch):
    import boto3
    from storages.backends.s3 import S3Storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    bucket = f"toezicht-{threading.get_ident()}"
    boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1").create_bucket(Bucket=bucket)
    # The options inspecties/settings.py sets with MEDIA_OPSLAG=s3.
    return S3Storage(
        bucket_name=bucket,
        endpoint_url=s3_server,
        region_name="us-east-1",
        default_acl="private",
        querystring_auth=True,
        querystring_expire=300,
        file_overwrite=False,
    )


def test_s3_bewaart_leest_en_verwijdert(s3):
    naam = s3.save("rapporten/abc.pdf", ContentFile(b"%PDF-1.7 test"))
    assert s3.exists(naam) and s3.size(naam) == len(b"%PDF-1.7 test")
    with s3.open(naam, "rb") as f:
        assert f.read() == b"%PDF-1.7 test"
    s3.delete(naam)
    assert not s3.exists(naam)


def test_s3_overschrijft_niet_en_geeft_alleen_ondertekende_links(s3):
    eerste = s3.save("exports/x.zip", ContentFile(b"een"))
    tweede = s3.save("exports/x.zip", ContentFile(b"twee"))
    assert eerste != tweede
    url = s3.url(eerste)
    assert "Signature=" in url

    assert requests.get(url.split("?")[0], timeout=5).status_code == 403  # not public
    assert requests.get(url, timeout=5).content == b"een"


def test_s3_bewaart_een_zip_uit_een_tijdelijk_bestand_zoals_de_bulkexport(s3, tmp_path):
    tijdelijk = tmp_path / "export.zip"
    with zipfile.ZipFile(tijdelijk, "w") as zf:
        zf.writestr("a.pdf", b"%PDF a")
        zf.writestr("b.pdf", b"%PDF b")
    with tijdelijk.open("rb") as f:
        naam = s3.save("exports/y.zip", File(f))
    with s3.open(naam, "rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as zf:
        assert zf.testzip() is None and zf.namelist() == ["a.pdf", "b.pdf"]
