"""Backup and restore: the whole database (dumpdata, natural keys, history included) plus every
uploaded file of the default storage, in one .tar.gz.

Layout of the archive: database.json, bestanden/<storage name>, manifest.json (SHA-256 of each).

A backup holds password hashes, TOTP keys and every confidential finding, so:
- it never holds a live credential that works against the running site: no sessions, no
  UserSessie rows (their session keys are cookies);
- the file is created 0600 (in a 0700 directory when we make one), never over an existing file;
- with BACKUP_SLEUTEL set the whole .tar.gz is encrypted and authenticated (AES-256-GCM, see
  `_Versleuteling`); without it TOTP keys are left out and the command warns loudly;
- a restore first decrypts and checks everything (names, member types, checksums) and only then
  touches the database and the storage.
"""

import hashlib
import json
import os
import re
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction

from inspecties.beheer.versleuteling import (
    BackupFout,
    _Versleuteling,
    archief_openen,
    is_versleuteld,
)
from inspecties.beveiliging import signals

# Rebuilt by `migrate` itself, or live credentials: a session key (also in UserSessie) is a
# cookie that logs in as its user, second factor included. A restore logs everyone out anyway.
UITGESLOTEN = ["contenttypes", "auth.permission", "sessions", "beveiliging.usersessie"]
# Models that moved to another app since a backup may have been made: (old app, model) → app.
VERHUISD = {
    ("inspecties", "beveiligingsgebeurtenis"): "beveiliging",
    ("inspecties", "usersessie"): "beveiliging",
    ("inspecties", "idpkoppeling"): "beveiliging",
}
# Only in an encrypted backup: the TOTP secrets (without them 2FA users set up a new factor).
ALLEEN_VERSLEUTELD = ["otp_totp.totpdevice"]

LEESBLOK = 1024 * 1024
MAX_MANIFEST = 64 * 1024 * 1024


def _bestandsnamen() -> list[str]:
    """Every file name referenced by a FileField (including the history tables)."""
    namen: set[str] = set()
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            if isinstance(veld, models.FileField):
                waarden = model._default_manager.exclude(**{veld.name: ""}).values_list(
                    veld.name, flat=True
                )
                namen.update(w for w in waarden if w)
    return sorted(namen)


class _Hashend:
    """Reads through to `f` and keeps the SHA-256 of what was read."""

    def __init__(self, f):
        self.f = f
        self.sha = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.sha.update(data)
        return data


def _toevoegen(tar: tarfile.TarFile, naam: str, bron, grootte: int) -> str:
    info = tarfile.TarInfo(naam)
    info.size = grootte
    info.mtime = int(time.time())
    info.mode = 0o600
    hashend = _Hashend(bron)
    tar.addfile(info, hashend)
    return hashend.sha.hexdigest()


def _privebestand(pad: Path):
    """Open a new file that only its owner can read, from the first byte on."""
    if not pad.parent.exists():
        pad.parent.mkdir(parents=True, mode=0o700)
    vlaggen = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        return open(os.open(pad, vlaggen, 0o600), "wb")
    except FileExistsError:
        raise BackupFout(f"Het bestand {pad} bestaat al; kies een andere naam.") from None


def backup_maken(pad: Path, *, sleutel: bytes | None) -> dict:
    """Write a backup to `pad` (a new file), encrypted when `sleutel` is given."""
    uitgesloten = UITGESLOTEN if sleutel else UITGESLOTEN + ALLEEN_VERSLEUTELD
    bestanden: dict[str, str] = {}
    ontbrekend: list[str] = []
    with tempfile.TemporaryDirectory(prefix="backup-") as tmp:
        dump = Path(tmp) / "database.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=uitgesloten,
            output=str(dump),
            verbosity=0,
        )
        with _privebestand(pad) as ruw:
            try:
                doel = _Versleuteling(ruw, sleutel) if sleutel else ruw
                with tarfile.open(fileobj=doel, mode="w|gz") as tar:
                    with open(dump, "rb") as f:
                        database_sha = _toevoegen(tar, "database.json", f, dump.stat().st_size)
                    for naam in _bestandsnamen():
                        if not default_storage.exists(naam):
                            ontbrekend.append(naam)  # referenced but missing: in the manifest
                            continue
                        with default_storage.open(naam, "rb") as f:
                            bestanden[naam] = _toevoegen(
                                tar, f"bestanden/{naam}", f, default_storage.size(naam)
                            )
                    manifest = {
                        "formaat": 1,
                        "versleuteld": bool(sleutel),
                        "database_sha256": database_sha,
                        "bestanden": bestanden,
                        "ontbrekend": ontbrekend,
                    }
                    data = json.dumps(manifest, indent=2).encode()
                    _toevoegen(tar, "manifest.json", _BytesLezer(data), len(data))
                if sleutel:
                    doel.afsluiten()
            except BaseException:
                ruw.close()
                pad.unlink(missing_ok=True)
                raise
    return manifest


class _BytesLezer:
    def __init__(self, data: bytes):
        self.data = memoryview(data)

    def read(self, n: int = -1) -> bytes:
        n = len(self.data) if n < 0 else n
        deel, self.data = self.data[:n], self.data[n:]
        return bytes(deel)


_DRIVE = re.compile(r"^[A-Za-z]:")


def _veilige_naam(naam: str) -> str:
    """A storage name from the manifest: relative, no way up, nothing a filesystem reads
    differently (backslashes, drive letters, control characters)."""
    p = PurePosixPath(naam)
    if (
        not isinstance(naam, str)
        or not naam
        or p.is_absolute()
        or ".." in p.parts
        or "\\" in naam
        or _DRIVE.match(naam)
        or any(ord(c) < 32 or ord(c) == 127 for c in naam)
    ):
        raise BackupFout(f"Onveilige bestandsnaam in de backup: {naam!r}")
    return naam


def _lid(tar: tarfile.TarFile, naam: str) -> tarfile.TarInfo:
    try:
        lid = tar.getmember(naam)
    except KeyError:
        raise BackupFout(f"{naam} ontbreekt in de backup.") from None
    if not lid.isreg():
        # A symlink or hard link would make tarfile read another member (or fail).
        raise BackupFout(f"{naam} in de backup is geen gewoon bestand.")
    return lid


def _kopieren(tar: tarfile.TarFile, lid: tarfile.TarInfo, doel=None) -> str:
    """Stream a member (into `doel` if given) and return its SHA-256; memory stays small."""
    sha = hashlib.sha256()
    bron = tar.extractfile(lid)
    while blok := bron.read(LEESBLOK):
        sha.update(blok)
        if doel is not None:
            doel.write(blok)
    return sha.hexdigest()


def _verhuisde_modellen_bijwerken(dump: Path) -> None:
    """A backup made before a model moved to another app names it by its old app, in its own
    entries and in the natural keys of its content type and permissions ([app, model] and
    [codename, app, model]): name the new app, so loaddata finds them."""
    data = dump.read_bytes()
    if not any(
        f'"{app}.{model}"'.encode() in data or f'"{app}", "{model}"'.encode() in data
        for app, model in VERHUISD
    ):
        return

    def bijwerken(waarde):
        if isinstance(waarde, list):
            sleutel = tuple(waarde[-2:])
            if (
                2 <= len(waarde) <= 3
                and all(isinstance(w, str) for w in waarde)
                and sleutel in VERHUISD
            ):
                return [*waarde[:-2], VERHUISD[sleutel], waarde[-1]]
            return [bijwerken(w) for w in waarde]
        return waarde

    objecten = json.loads(data)
    for obj in objecten:
        app, _, model = obj["model"].partition(".")
        if (app, model) in VERHUISD:
            obj["model"] = f"{VERHUISD[app, model]}.{model}"
        obj["fields"] = {veld: bijwerken(waarde) for veld, waarde in obj["fields"].items()}
    dump.write_text(json.dumps(objecten), encoding="utf-8")


def database_is_leeg() -> bool:
    return (
        not get_user_model().objects.exists()
        and not apps.get_model("inspecties", "Onderzoek").objects.exists()
    )


def backup_herstellen(
    pad: Path, *, sleutel: bytes | None, onversleuteld_toestaan: bool = False
) -> dict:
    """Restore into an empty (migrated) database and storage.

    Everything is checked before anything is written: the decryption, every name, every member
    type and every checksum. With a key configured a plain archive is refused unless the
    operator says so: otherwise whoever can replace the backup file chooses what is restored.
    """
    if not is_versleuteld(pad) and sleutel and not onversleuteld_toestaan:
        raise BackupFout(
            "Deze backup is niet versleuteld, terwijl BACKUP_SLEUTEL is gezet. Herstel hem "
            "alleen als u zeker weet waar hij vandaan komt, met --onversleuteld."
        )
    with archief_openen(pad, sleutel=sleutel) as tar, tempfile.TemporaryDirectory() as tmp:
        manifest_lid = _lid(tar, "manifest.json")
        if manifest_lid.size > MAX_MANIFEST:
            raise BackupFout("manifest.json in de backup is onredelijk groot.")
        try:
            manifest = json.loads(tar.extractfile(manifest_lid).read())
            database_sha = manifest["database_sha256"]
            bestanden = {_veilige_naam(n): sha for n, sha in manifest["bestanden"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupFout("manifest.json in de backup is beschadigd.") from exc

        dump = Path(tmp) / "database.json"
        with open(os.open(dump, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            if _kopieren(tar, _lid(tar, "database.json"), f) != database_sha:
                raise BackupFout(
                    "De database in de backup is beschadigd (controlegetal klopt niet)."
                )
        leden = {}
        for naam, sha in bestanden.items():
            leden[naam] = _lid(tar, f"bestanden/{naam}")
            if _kopieren(tar, leden[naam]) != sha:
                raise BackupFout(f"Bestand {naam} in de backup is beschadigd.")

        if not database_is_leeg():
            raise BackupFout(
                "De database is niet leeg. Herstel een backup alleen in een lege database "
                "(maak een nieuwe database aan en voer `migrate` uit)."
            )
        _verhuisde_modellen_bijwerken(dump)
        with transaction.atomic(), signals.audit_stil():
            # The role groups come from a migration; the backup holds them with their own ids.
            Group.objects.all().delete()
            call_command("loaddata", str(dump), verbosity=0)
        for naam, lid in leden.items():
            if default_storage.exists(naam):
                default_storage.delete(naam)
            opgeslagen = default_storage.save(naam, File(tar.extractfile(lid), name=naam))
            if opgeslagen != naam:
                raise BackupFout(f"Bestand {naam} kon niet onder zijn eigen naam terug.")
    return manifest
