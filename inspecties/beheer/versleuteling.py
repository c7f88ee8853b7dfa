"""Encryption of backups with BACKUP_SLEUTEL: AES-256-GCM over chunks of the .tar.gz, each
chunk authenticated with its number and whether it is the last (so none can be dropped,
reordered or cut off); a wrong key or a changed byte is refused before anything is restored."""

import base64
import binascii
import os
import secrets
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from inspecties.fouten import ToezichtFout

SLEUTEL_VARIABELE = "BACKUP_SLEUTEL"


MAGIC = b"TOEZICHT-BACKUP\x01"


BLOK = 1024 * 1024  # plaintext bytes per encrypted chunk


class BackupFout(ToezichtFout):
    """A backup or restore that cannot go on, with a Dutch message for the operator."""


def nieuwe_sleutel() -> str:
    """A fresh value for BACKUP_SLEUTEL: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def backup_sleutel() -> bytes | None:
    """The key from the environment, or None when BACKUP_SLEUTEL is not set."""
    waarde = os.environ.get(SLEUTEL_VARIABELE, "").strip()
    if not waarde:
        return None
    try:
        sleutel = base64.urlsafe_b64decode(waarde)
    except (binascii.Error, ValueError):
        sleutel = b""
    if len(sleutel) != 32:
        raise BackupFout(
            f"{SLEUTEL_VARIABELE} is geen geldige sleutel (32 bytes in base64). Maak er een met "
            "`manage.py maak_backup --nieuwe-sleutel`."
        )
    return sleutel


class _Versleuteling:
    """A write-only file that encrypts what is written to it, in chunks (streaming, so a backup
    of many GB never sits in memory).

    File: MAGIC | salt (16) | chunk 0 | chunk 1 | ... Each chunk is AES-256-GCM over at most BLOK
    bytes, with a key derived from BACKUP_SLEUTEL and the salt (HKDF-SHA256, so every backup has
    its own key and the counter nonces never repeat), nonce = chunk number (11 bytes) + 1 if it
    is the last chunk, and the header as associated data. A changed byte, reordered or dropped
    chunks, a cut-off or extended file: decryption fails (the "STREAM" construction of Hoang,
    Reyhanitabar, Rogaway and Vizár).
    """

    def __init__(self, doel, sleutel: bytes):
        self.doel = doel
        zout = secrets.token_bytes(16)
        self.kop = MAGIC + zout
        self.aes = AESGCM(_afgeleide_sleutel(sleutel, zout))
        self.buffer = bytearray()
        self.nummer = 0
        doel.write(self.kop)

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > BLOK:
            self._blok(bytes(self.buffer[:BLOK]), laatste=False)
            del self.buffer[:BLOK]
        return len(data)

    def afsluiten(self) -> None:
        self._blok(bytes(self.buffer), laatste=True)
        self.buffer.clear()

    def _blok(self, data: bytes, *, laatste: bool) -> None:
        self.doel.write(self.aes.encrypt(_nonce(self.nummer, laatste), data, self.kop))
        self.nummer += 1


def _afgeleide_sleutel(sleutel: bytes, zout: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=zout, info=b"toezicht-backup-v1").derive(
        sleutel
    )


def _nonce(nummer: int, laatste: bool) -> bytes:
    return nummer.to_bytes(11, "big") + (b"\x01" if laatste else b"\x00")


def is_versleuteld(pad: Path) -> bool:
    with open(pad, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def _ontsleutelen(bron: Path, doel, sleutel: bytes) -> None:
    """Decrypt `bron` into the open file `doel`; BackupFout when anything does not add up."""
    fout = BackupFout(
        "De backup kan niet worden ontsleuteld: de sleutel klopt niet of de backup is "
        "gewijzigd of beschadigd."
    )
    with open(bron, "rb") as f:
        kop = f.read(len(MAGIC) + 16)
        if len(kop) != len(MAGIC) + 16 or not kop.startswith(MAGIC):
            raise fout
        aes = AESGCM(_afgeleide_sleutel(sleutel, kop[len(MAGIC) :]))
        huidig = f.read(BLOK + 16)
        nummer = 0
        while True:
            volgend = f.read(BLOK + 16)
            laatste = not volgend
            try:
                doel.write(aes.decrypt(_nonce(nummer, laatste), huidig, kop))
            except InvalidTag:
                raise fout from None
            if laatste:
                return
            huidig, nummer = volgend, nummer + 1


@contextmanager
def archief_openen(pad: Path, *, sleutel: bytes | None = None) -> Iterator[tarfile.TarFile]:
    """The backup's tar archive to read; an encrypted one is decrypted (and so authenticated)
    in full first, into a private temporary directory that is removed afterwards."""
    if not is_versleuteld(pad):
        try:
            with tarfile.open(pad, "r:gz") as tar:
                yield tar
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupFout(
                f"De backup is beschadigd en kan niet worden gelezen ({exc})."
            ) from exc
        return
    sleutel = sleutel or backup_sleutel()
    if sleutel is None:
        raise BackupFout(
            f"Deze backup is versleuteld. Zet {SLEUTEL_VARIABELE} op de sleutel waarmee hij is "
            "gemaakt."
        )
    with tempfile.TemporaryDirectory(prefix="herstel-") as tmp:
        uitgepakt = Path(tmp) / "backup.tar.gz"
        with open(os.open(uitgepakt, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            _ontsleutelen(pad, f, sleutel)
        try:
            with tarfile.open(uitgepakt, "r:gz") as tar:
                yield tar
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupFout(
                f"De backup is beschadigd en kan niet worden gelezen ({exc})."
            ) from exc
