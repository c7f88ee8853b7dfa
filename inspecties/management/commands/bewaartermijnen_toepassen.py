from django.conf import settings
from django.core.management.base import BaseCommand

from inspecties.beheer.bewaartermijnen import bewaartermijnen_toepassen


class Command(BaseCommand):
    help = (
        "Verwijdert voortgangsrapportages, regels van het beveiligingslog, inlogpogingen en "
        "sessies die ouder zijn dan hun bewaartermijn, en legt de aantallen vast in het "
        "beveiligingslog. Draai dit dagelijks (systemd-timer of cron)."
    )

    def handle(self, *args, **options):
        aantallen = bewaartermijnen_toepassen()
        self.stdout.write(
            "Bewaartermijnen toegepast: "
            f"{aantallen['voortgangsrapportages']} voortgangsrapportage(s) ouder dan "
            f"{settings.BEWAARTERMIJN_UPLOADS_DAGEN} dagen, "
            f"{aantallen['beveiligingslog']} regel(s) van het beveiligingslog en "
            f"{aantallen['inlogpogingen']} inlogpoging(en) ouder dan "
            f"{settings.BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN} dagen, "
            f"{aantallen['sessies']} verlopen sessie(s) verwijderd."
        )
