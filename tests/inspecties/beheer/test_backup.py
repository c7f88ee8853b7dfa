"""Backup and restore: everything comes back, on SQLite and on PostgreSQL."""

import hashlib
import io
import json
import os
import re
import stat
import tarfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import UserSessie
from inspecties.models import Beoordeling, Bevinding, Onderzoek, Voortgangsrapportage
from tests.conftest import inloggen
from tests.inspecties.beveiliging.test_beveiligingslog import rapportage_van


def momentopname():
    return {
        "onderzoeken": sorted(
            Onderzoek.objects.values_list("pk", "aanpak__gemeente__naam", "jaar", "status")
        ),
        "scores": sorted(
            Beoordeling.objects.values_list(
                "pk",
                "onderzoek_id",
                "indicator__sleutel",
                "optie__symbool",
                "niet_getoetst",
                "bevinding_id",
            )
        ),
        "bevindingen": sorted(Bevinding.objects.values_list("pk", "tekst", "let_op")),
        "geschiedenis": Beoordeling.history.count() + Onderzoek.history.count(),
        "gebruikers": sorted(
            get_user_model().objects.values_list("username", "password", "groups__name")
        ),
        "rapportages": sorted(
            Voortgangsrapportage.objects.values_list("pk", "bestand", "oorspronkelijke_naam")
        ),
        "totp": sorted(TOTPDevice.objects.values_list("user__username", "key", "confirmed")),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_en_herstel_brengen_alles_terug(demo, tmp_path, monkeypatch):
    """Encrypted (the normal case): everything comes back, the second factor included."""
    from tests.conftest import totp_apparaat

    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    totp_apparaat(get_user_model().objects.get(username="inspecteur"))
    gouda = get_user_model().objects.get(username="gouda")
    inhoud = bytes(range(256)) * 40
    rapportage = rapportage_van(demo[("Gouda", 2013)], gouda, inhoud)
    voor = momentopname()
    assert voor["onderzoeken"] and len(voor["scores"]) > 50 and voor["geschiedenis"] > 0

    pad = tmp_path / "toezicht.tar.gz.enc"
    call_command("maak_backup", str(pad))
    assert pad.stat().st_size > 0 and voor["totp"]

    # Disaster: the database and the uploaded files are gone.
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(rapportage.bestand.name)
    assert not Onderzoek.objects.exists() and not default_storage.exists(rapportage.bestand.name)

    call_command("herstel_backup", str(pad))

    assert momentopname() == voor
    with default_storage.open(rapportage.bestand.name, "rb") as f:
        assert f.read() == inhoud
    assert set(Group.objects.values_list("name", flat=True)) >= {"inspecteur", "gemeente"}

    # A second restore on top of the data is refused.
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("herstel_backup", str(pad))


# --- Issue 12: no live credentials, private file, encrypted, hostile archives ----------------


def sleutel_maken() -> str:
    """A BACKUP_SLEUTEL value as the README says to make one."""
    uitvoer = io.StringIO()
    call_command("maak_backup", "--nieuwe-sleutel", stdout=uitvoer)
    return uitvoer.getvalue().strip()


SLEUTEL = sleutel_maken()


def archief_bytes(pad) -> bytes:
    """Every byte of every member of a backup, decrypted when it is encrypted."""
    data = pad.read_bytes()
    if data[:2] == b"\x1f\x8b":  # a plain .tar.gz (as before issue 12)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            return b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    from inspecties.beheer.versleuteling import archief_openen

    with archief_openen(pad) as tar:
        return b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())


def test_backup_bevat_geen_sessiesleutel_waarmee_je_kunt_inloggen(
    inspecteur, client, tmp_path, monkeypatch
):
    from django.test import Client

    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    inloggen(client, inspecteur)  # password and second factor
    inbox = reverse("voortgang:inbox")
    assert client.get(inbox).status_code == 200
    assert UserSessie.objects.filter(user=inspecteur).exists()

    pad = tmp_path / "toezicht.backup"
    call_command("maak_backup", str(pad), stdout=io.StringIO())

    inhoud = archief_bytes(pad)
    assert b'"insp1"' in inhoud  # the archive was read
    kandidaten = set(re.findall(rb"(?<![a-z0-9])[a-z0-9]{32}(?![a-z0-9])", inhoud))
    for kandidaat in kandidaten:
        aanvaller = Client()
        aanvaller.cookies[settings.SESSION_COOKIE_NAME] = kandidaat.decode()
        antwoord = aanvaller.get(inbox)
        assert antwoord.status_code == 302, f"sessiesleutel {kandidaat!r} uit de backup werkt"
    assert client.get(inbox).status_code == 200  # the real session still works


def test_backup_is_alleen_leesbaar_voor_de_eigenaar(db, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    oud = os.umask(0o022)
    try:
        call_command("maak_backup", str(tmp_path / "map" / "toezicht.backup"), stdout=io.StringIO())
    finally:
        os.umask(oud)
    assert stat.S_IMODE((tmp_path / "map" / "toezicht.backup").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "map").stat().st_mode) == 0o700


def test_backup_overschrijft_geen_bestaand_bestand_of_symlink(db, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    doel = tmp_path / "elders.txt"
    doel.write_text("niet aankomen")
    (tmp_path / "toezicht.backup").symlink_to(doel)
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("maak_backup", str(tmp_path / "toezicht.backup"), stdout=io.StringIO())
    assert doel.read_text() == "niet aankomen"


def test_versleutelde_backup_bevat_niets_leesbaars(inspecteur, tmp_path, monkeypatch):
    from tests.conftest import totp_apparaat

    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    apparaat = totp_apparaat(inspecteur)
    pad = tmp_path / "toezicht.backup"
    call_command("maak_backup", str(pad), stdout=io.StringIO())
    ruw = pad.read_bytes()
    assert ruw[:2] != b"\x1f\x8b"
    for geheim in (b"insp1", inspecteur.password.encode(), apparaat.key.encode()):
        assert geheim not in ruw
    # Decrypted, the TOTP key is there: a restore brings the second factor back.
    assert apparaat.key.encode() in archief_bytes(pad)


def test_zonder_sleutel_geen_totp_sleutels_en_een_duidelijke_waarschuwing(
    inspecteur, tmp_path, monkeypatch
):
    from tests.conftest import totp_apparaat

    monkeypatch.delenv("BACKUP_SLEUTEL", raising=False)
    apparaat = totp_apparaat(inspecteur)
    pad = tmp_path / "toezicht.tar.gz"
    fouten = io.StringIO()
    call_command("maak_backup", str(pad), stdout=io.StringIO(), stderr=fouten)
    assert "NIET VERSLEUTELD" in fouten.getvalue()
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    inhoud = archief_bytes(pad)
    assert b"insp1" in inhoud
    assert apparaat.key.encode() not in inhoud and b"otp_totp" not in inhoud


@pytest.fixture
def versleutelde_backup(inspecteur, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    pad = tmp_path / "toezicht.backup"
    call_command("maak_backup", str(pad), stdout=io.StringIO())
    return pad


def test_herstel_met_verkeerde_sleutel_wordt_geweigerd(versleutelde_backup, monkeypatch):
    monkeypatch.setenv("BACKUP_SLEUTEL", sleutel_maken())
    with pytest.raises(CommandError, match="sleutel klopt niet of de backup is gewijzigd"):
        call_command("herstel_backup", str(versleutelde_backup))


def test_herstel_zonder_sleutel_wordt_geweigerd(versleutelde_backup, monkeypatch):
    monkeypatch.delenv("BACKUP_SLEUTEL")
    with pytest.raises(CommandError, match="BACKUP_SLEUTEL"):
        call_command("herstel_backup", str(versleutelde_backup))


@pytest.mark.parametrize("plek", ["kop", "midden", "eind", "afgekapt"])
def test_gewijzigde_versleutelde_backup_wordt_geweigerd(versleutelde_backup, plek):
    data = bytearray(versleutelde_backup.read_bytes())
    if plek == "afgekapt":
        del data[-100:]
    else:
        i = {"kop": 20, "midden": len(data) // 2, "eind": len(data) - 1}[plek]
        data[i] ^= 0x01
    versleutelde_backup.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="gewijzigd|beschadigd"):
        call_command("herstel_backup", str(versleutelde_backup))


def test_onversleutelde_backup_wordt_geweigerd_als_er_een_sleutel_is(db, tmp_path, monkeypatch):
    """An attacker who swaps the encrypted backup for a plain one of their own gains nothing."""
    monkeypatch.delenv("BACKUP_SLEUTEL", raising=False)
    pad = tmp_path / "toezicht.tar.gz"
    call_command("maak_backup", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    monkeypatch.setenv("BACKUP_SLEUTEL", SLEUTEL)
    with pytest.raises(CommandError, match="niet versleuteld"):
        call_command("herstel_backup", str(pad))


# Hostile archives on restore: built by hand, each refused before anything is touched.


def vijandig_archief(pad, leden: dict, manifest_bestanden: dict | None = None) -> None:
    database = b"[]"
    with tarfile.open(pad, "w:gz") as tar:

        def toevoegen(info, data=b""):
            info.size = len(data) if info.isfile() else 0
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)

        toevoegen(tarfile.TarInfo("database.json"), database)
        for naam, lid in leden.items():
            if isinstance(lid, bytes):
                toevoegen(tarfile.TarInfo(naam), lid)
            else:
                lid.name = naam
                toevoegen(lid)
        manifest = {
            "formaat": 1,
            "database_sha256": hashlib.sha256(database).hexdigest(),
            "bestanden": manifest_bestanden or {},
            "ontbrekend": [],
        }
        toevoegen(tarfile.TarInfo("manifest.json"), json.dumps(manifest).encode())


def symlink(doel):
    info = tarfile.TarInfo()
    info.type = tarfile.SYMTYPE
    info.linkname = doel
    return info


SHA_X = hashlib.sha256(b"x").hexdigest()


@pytest.mark.parametrize(
    ("leden", "bestanden", "melding"),
    [
        ({"bestanden/../../buiten.txt": b"x"}, {"../../buiten.txt": SHA_X}, "Onveilige"),
        ({"bestanden//etc/passwd": b"x"}, {"/etc/passwd": SHA_X}, "Onveilige"),
        ({"bestanden/a\\..\\..\\b": b"x"}, {"a\\..\\..\\b": SHA_X}, "Onveilige"),
        ({"bestanden/link": symlink("/etc/passwd")}, {"link": SHA_X}, "geen gewoon bestand"),
        ({"bestanden/link": symlink("../database.json")}, {"link": SHA_X}, "geen gewoon bestand"),
        ({}, {"ontbreekt.pdf": SHA_X}, "ontbreekt in de backup"),
        ({"bestanden/x.pdf": b"y"}, {"x.pdf": SHA_X}, "beschadigd"),
    ],
    ids=["pad-omhoog", "absoluut", "backslash", "symlink-buiten", "symlink-binnen", "weg", "sha"],
)
def test_vijandig_archief_wordt_geweigerd_zonder_iets_te_schrijven(
    db, tmp_path, monkeypatch, leden, bestanden, melding
):
    monkeypatch.delenv("BACKUP_SLEUTEL", raising=False)
    pad = tmp_path / "vijandig.tar.gz"
    vijandig_archief(pad, leden, bestanden)
    with pytest.raises(CommandError, match=melding):
        call_command("herstel_backup", str(pad))
    assert not default_storage.listdir("")[1]
    assert not (tmp_path.parent / "buiten.txt").exists()


def test_gzip_bom_in_de_database_wordt_geweigerd_zonder_alles_in_het_geheugen(
    db, tmp_path, monkeypatch
):
    """database.json 256 MB of zeros in a file of 250 kB that must not fill the memory."""
    import tracemalloc

    monkeypatch.delenv("BACKUP_SLEUTEL", raising=False)
    pad = tmp_path / "bom.tar.gz"
    groot = 256 * 1024**2
    with tarfile.open(pad, "w:gz", compresslevel=1) as tar:
        info = tarfile.TarInfo("database.json")
        info.size = groot

        class Nullen(io.RawIOBase):
            gelezen = 0

            def readable(self):
                return True

            def readinto(self, b):
                n = min(len(b), groot - self.gelezen)
                b[:n] = bytes(n)
                self.gelezen += n
                return n

        tar.addfile(info, io.BufferedReader(Nullen(), 1024 * 1024))
        manifest = json.dumps({"formaat": 1, "database_sha256": "0" * 64, "bestanden": {}})
        mi = tarfile.TarInfo("manifest.json")
        mi.size = len(manifest)
        tar.addfile(mi, io.BytesIO(manifest.encode()))
    tracemalloc.start()
    try:
        with pytest.raises(CommandError, match="beschadigd"):
            call_command("herstel_backup", str(pad))
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 50 * 1024 * 1024


# --- Issue 13: the security models moved from the inspecties app to beveiliging ---------------


@pytest.mark.django_db(transaction=True)
def test_backup_van_voor_de_verhuizing_van_de_beveiligingsmodellen_komt_terug(
    inspecteur, tmp_path, monkeypatch
):
    """A backup made while the audit log and the identity-provider links were inspecties models
    names them (and their content type and permissions) by that app: all of it comes back."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from inspecties.beveiliging.models import BeveiligingsGebeurtenis, IdpKoppeling

    monkeypatch.delenv("BACKUP_SLEUTEL", raising=False)
    IdpKoppeling.objects.create(user=inspecteur, issuer="https://idp.example", sub="s-1")
    BeveiligingsGebeurtenis.objects.create(soort="login", gebruiker=inspecteur, details={"a": 1})
    groep = Group.objects.create(name="auditors")
    groep.permissions.add(Permission.objects.get(codename="view_beveiligingsgebeurtenis"))
    LogEntry.objects.create(
        user=inspecteur,
        content_type=ContentType.objects.get_for_model(BeveiligingsGebeurtenis),
        object_id="1",
        object_repr="x",
        action_flag=1,
    )
    voor = {
        "log": list(BeveiligingsGebeurtenis.objects.filter(soort="login").values_list("details")),
        "koppelingen": list(IdpKoppeling.objects.values_list("user__username", "sub")),
        "recht": list(groep.permissions.values_list("content_type__app_label", "codename")),
    }
    pad = tmp_path / "nieuw.tar.gz"
    call_command("maak_backup", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    with tarfile.open(pad, "r:gz") as tar:
        dump = tar.extractfile("database.json").read().decode()
    oud = dump
    for model in ("beveiligingsgebeurtenis", "idpkoppeling"):
        oud = oud.replace(f'"beveiliging.{model}"', f'"inspecties.{model}"')
        oud = oud.replace(f'"beveiliging", "{model}"', f'"inspecties", "{model}"')
    assert oud != dump
    database = oud.encode()
    oud_pad = tmp_path / "oud.tar.gz"
    with tarfile.open(oud_pad, "w:gz") as tar:
        for naam, data in (
            ("database.json", database),
            (
                "manifest.json",
                json.dumps(
                    {
                        "formaat": 1,
                        "database_sha256": hashlib.sha256(database).hexdigest(),
                        "bestanden": {},
                        "ontbrekend": [],
                    }
                ).encode(),
            ),
        ):
            info = tarfile.TarInfo(naam)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    call_command("flush", interactive=False, verbosity=0)
    call_command("herstel_backup", str(oud_pad))

    groep = Group.objects.get(name="auditors")
    assert {
        "log": list(BeveiligingsGebeurtenis.objects.filter(soort="login").values_list("details")),
        "koppelingen": list(IdpKoppeling.objects.values_list("user__username", "sub")),
        "recht": list(groep.permissions.values_list("content_type__app_label", "codename")),
    } == voor
    assert LogEntry.objects.get().content_type.model_class() is BeveiligingsGebeurtenis
