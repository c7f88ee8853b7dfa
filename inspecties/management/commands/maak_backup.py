from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspecties.beheer.backup import backup_maken
from inspecties.beheer.versleuteling import BackupFout, backup_sleutel, nieuwe_sleutel

WAARSCHUWING = """
!!! LET OP: BACKUP_SLEUTEL is niet gezet. Deze backup is NIET VERSLEUTELD. !!!
Hij bevat wachtwoord-hashes en alle vertrouwelijke bevindingen en documenten. De TOTP-sleutels
zijn weggelaten: na een herstel moet iedereen met een tweede factor die opnieuw instellen.
Maak een sleutel met `manage.py maak_backup --nieuwe-sleutel` en zie README.md, "Backups".
"""


class Command(BaseCommand):
    help = (
        "Backup of the whole database and all uploaded files into one .tar.gz, encrypted with "
        "BACKUP_SLEUTEL when that is set; the file is readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "pad",
            nargs="?",
            help="target file, must not exist yet "
            "(default backups/toezicht-<time>.tar.gz.enc, or .tar.gz without a key)",
        )
        parser.add_argument(
            "--nieuwe-sleutel",
            action="store_true",
            help="print a new random value for BACKUP_SLEUTEL and stop",
        )

    def handle(self, *args, pad=None, nieuwe_sleutel=False, **options):
        if nieuwe_sleutel:
            self.stdout.write(_nieuwe_sleutel())
            return
        try:
            sleutel = backup_sleutel()
            achtervoegsel = ".tar.gz.enc" if sleutel else ".tar.gz"
            doel = Path(pad or f"backups/toezicht-{timezone.now():%Y%m%d-%H%M%S}{achtervoegsel}")
            if sleutel is None:
                self.stderr.write(self.style.ERROR(WAARSCHUWING))
            manifest = backup_maken(doel, sleutel=sleutel)
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        soort = "versleuteld" if sleutel else "NIET versleuteld"
        self.stdout.write(
            f"Backup geschreven naar {doel} ({soort}, alleen leesbaar voor de eigenaar): "
            f"database en {len(manifest['bestanden'])} bestand(en)."
        )
        for naam in manifest["ontbrekend"]:
            self.stderr.write(f"Let op: bestand {naam} ontbreekt in de opslag.")


_nieuwe_sleutel = nieuwe_sleutel
