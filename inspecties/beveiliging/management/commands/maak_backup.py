from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from inspecties.beveiliging.backup import backup_maken


class Command(BaseCommand):
    help = "Backup of the whole database and all uploaded files into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "pad", nargs="?", help="target file (default backups/toezicht-<time>.tar.gz)"
        )

    def handle(self, *args, pad=None, **options):
        doel = Path(pad or f"backups/toezicht-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup_maken(doel)
        self.stdout.write(
            f"Backup geschreven naar {doel}: database en {len(manifest['bestanden'])} bestand(en)."
        )
        for naam in manifest["ontbrekend"]:
            self.stderr.write(f"Let op: bestand {naam} ontbreekt in de opslag.")
