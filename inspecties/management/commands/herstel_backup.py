from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from inspecties.beheer.backup import backup_herstellen
from inspecties.beheer.versleuteling import BackupFout, backup_sleutel


class Command(BaseCommand):
    help = (
        "Restore a backup made by maak_backup into an empty database (migrates first). An "
        "encrypted backup needs the BACKUP_SLEUTEL it was made with."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument(
            "--onversleuteld",
            action="store_true",
            help="accept a backup that is not encrypted although BACKUP_SLEUTEL is set",
        )

    def handle(self, *args, pad, onversleuteld=False, **options):
        call_command("migrate", verbosity=0, interactive=False)
        try:
            manifest = backup_herstellen(
                Path(pad), sleutel=backup_sleutel(), onversleuteld_toestaan=onversleuteld
            )
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(f"Backup {pad} hersteld: {len(manifest['bestanden'])} bestand(en).")
