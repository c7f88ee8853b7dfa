"""Backup and restore: the whole database (dumpdata, natural keys, history included) plus every
uploaded file of the default storage, in one .tar.gz.

Layout of the archive: manifest.json, database.json, bestanden/<storage name>.
"""

import hashlib
import io
import json
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction

from inspecties.beveiliging import signals

# Rebuilt by `migrate` itself, or worthless after a restore (sessions log everyone out anyway).
UITGESLOTEN = ["contenttypes", "auth.permission", "sessions"]


class BackupFout(Exception):
    pass


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


def _toevoegen(tar: tarfile.TarFile, naam: str, data: bytes) -> None:
    info = tarfile.TarInfo(naam)
    info.size = len(data)
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


def backup_maken(pad: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=UITGESLOTEN,
            output=str(dump),
            verbosity=0,
        )
        database = dump.read_bytes()
    bestanden = {}
    pad.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(pad, "w:gz") as tar:
        _toevoegen(tar, "database.json", database)
        for naam in _bestandsnamen():
            if not default_storage.exists(naam):
                continue  # referenced but missing: reported in the manifest
            with default_storage.open(naam, "rb") as f:
                data = f.read()
            bestanden[naam] = hashlib.sha256(data).hexdigest()
            _toevoegen(tar, f"bestanden/{naam}", data)
        manifest = {
            "formaat": 1,
            "database_sha256": hashlib.sha256(database).hexdigest(),
            "bestanden": bestanden,
            "ontbrekend": [n for n in _bestandsnamen() if n not in bestanden],
        }
        _toevoegen(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _veilige_naam(naam: str) -> str:
    p = PurePosixPath(naam)
    if p.is_absolute() or ".." in p.parts or not naam:
        raise BackupFout(f"Onveilige bestandsnaam in de backup: {naam!r}")
    return naam


def database_is_leeg() -> bool:
    return (
        not get_user_model().objects.exists()
        and not apps.get_model("inspecties", "Onderzoek").objects.exists()
    )


def backup_herstellen(pad: Path) -> dict:
    """Restore into an empty (migrated) database and storage."""
    if not database_is_leeg():
        raise BackupFout(
            "De database is niet leeg. Herstel een backup alleen in een lege database "
            "(maak een nieuwe database aan en voer `migrate` uit)."
        )
    with tarfile.open(pad, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        database = tar.extractfile("database.json").read()
        if hashlib.sha256(database).hexdigest() != manifest["database_sha256"]:
            raise BackupFout("De database in de backup is beschadigd (controlegetal klopt niet).")
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "database.json"
            dump.write_bytes(database)
            with transaction.atomic(), signals.audit_stil():
                # The role groups come from a migration; the backup holds them with their own ids.
                Group.objects.all().delete()
                call_command("loaddata", str(dump), verbosity=0)
        for naam, sha in manifest["bestanden"].items():
            naam = _veilige_naam(naam)
            data = tar.extractfile(f"bestanden/{naam}").read()
            if hashlib.sha256(data).hexdigest() != sha:
                raise BackupFout(f"Bestand {naam} in de backup is beschadigd.")
            if default_storage.exists(naam):
                default_storage.delete(naam)
            opgeslagen = default_storage.save(naam, ContentFile(data))
            if opgeslagen != naam:
                raise BackupFout(f"Bestand {naam} kon niet onder zijn eigen naam terug.")
    return manifest
