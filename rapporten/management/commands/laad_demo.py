from django.core.management.base import BaseCommand, CommandError

from inspecties.demo.laden import (
    DEMO_GEBRUIKERS,
    DEMO_WACHTWOORD,
    DemoFout,
    demo_laden,
)
from rapporten.services import demo_bevriezen


class Command(BaseCommand):
    help = "Vult een lege database met de gepubliceerde demo-casussen en demo-gebruikers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Laad de demo ook als er al andere gegevens zijn."
        )

    def handle(self, *args, force, **options):
        try:
            geladen = demo_laden(forceren=force)
        except DemoFout as fout:
            raise CommandError(str(fout)) from fout
        if geladen is None:
            self.stdout.write("Demo-gegevens waren al geladen; niets veranderd.")
        else:
            for onderzoek in geladen:
                self.stdout.write(f"Geladen: {onderzoek}")
        for onderzoek in demo_bevriezen():
            self.stdout.write(f"Rapport vastgelegd: {onderzoek}")
        self.stdout.write(f"\nDemo-gebruikers (wachtwoord voor allen: {DEMO_WACHTWOORD}):")
        for g in DEMO_GEBRUIKERS:
            self.stdout.write(f"  {g.gebruikersnaam:<12} {g.rol:<11} {g.naam}")
