from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from inspecties.voortgang.herinneringen import herinneringen_versturen


class Command(BaseCommand):
    help = (
        "Stuurt gemeenten een herinnering HERINNERING_WEKEN weken vóór de uiterste datum van hun "
        "voortgangsrapportage en van elk verbeterplan. Draai dit dagelijks (systemd-timer of "
        "cron); elke herinnering gaat één keer weg, ook als het commando vaker draait."
    )

    def handle(self, *args, **options):
        aantal = herinneringen_versturen(vandaag=timezone.localdate())
        self.stdout.write(
            f"{aantal} herinnering(en) verstuurd ({settings.HERINNERING_WEKEN} weken vooraf)."
        )
