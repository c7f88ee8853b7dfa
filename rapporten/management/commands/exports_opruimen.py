from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from rapporten.bulk import oude_exports_opruimen


class Command(BaseCommand):
    help = (
        "Verwijdert bulkexports (met hun ZIP-bestand) die ouder zijn dan de bewaartermijn. "
        "Draai dit dagelijks (cron of systemd-timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=settings.EXPORT_BEWAARDAGEN,
            help="Bewaartermijn in dagen (standaard EXPORT_BEWAARDAGEN, nu %(default)s).",
        )

    def handle(self, *args, dagen: int, **options):
        aantal = oude_exports_opruimen(ouder_dan=timedelta(days=dagen))
        self.stdout.write(f"{aantal} bulkexport(s) ouder dan {dagen} dagen verwijderd.")
