from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from inspecties.beveiliging.backup import BackupFout, backup_herstellen


class Command(BaseCommand):
    help = "Restore a backup made by maak_backup into an empty database (migrates first)."

    def add_arguments(self, parser):
        parser.add_argument("pad")

    def handle(self, *args, pad, **options):
        call_command("migrate", verbosity=0, interactive=False)
        try:
            manifest = backup_herstellen(Path(pad))
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(f"Backup {pad} hersteld: {len(manifest['bestanden'])} bestand(en).")
