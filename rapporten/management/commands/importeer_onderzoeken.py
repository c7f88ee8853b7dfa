from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.importeren import import_bekijken
from inspecties.uitwisseling.lezen import MAX_TEKENS
from rapporten.services import onderzoeken_importeren_en_bevriezen


class Command(BaseCommand):
    help = (
        "Importeert gepubliceerde onderzoeken uit een uitwisselbestand (toezicht-onderzoek/1, "
        "zie docs/uitwisselformaat.md): eerst wordt het hele bestand gecontroleerd, dan alles "
        "of niets opgeslagen. Een tweede keer importeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument(
            "--controleer", action="store_true", help="Alleen controleren; niets opslaan."
        )

    def handle(self, *args, bestand: Path, controleer: bool, **options):
        try:
            if bestand.stat().st_size > MAX_TEKENS * 4:
                raise CommandError(f"{bestand} is groter dan 2 MB en wordt niet gelezen.")
            tekst = bestand.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as fout:
            raise CommandError(
                f"{bestand} kan niet als UTF-8-tekst worden gelezen: {fout}"
            ) from fout
        if controleer:
            voorbeeld = import_bekijken(tekst=tekst)
            if voorbeeld.controle.problemen:
                raise CommandError(self._problemen(voorbeeld.controle.problemen))
            for o in voorbeeld.onderzoeken:
                self.stdout.write(f"{'Bestaat al' if o.bestaat else 'Nieuw'}: {o.omschrijving}")
            return
        try:
            resultaat = onderzoeken_importeren_en_bevriezen(tekst=tekst, melden=self.stdout.write)
        except UitwisselFout as fout:
            raise CommandError(self._problemen(fout.problemen)) from fout
        for onderzoek in resultaat.nieuw:
            self.stdout.write(f"Geïmporteerd: {onderzoek}")
        for onderzoek in resultaat.bestaand:
            self.stdout.write(f"Bestond al, niet gewijzigd: {onderzoek}")

    @staticmethod
    def _problemen(problemen) -> str:
        regels = "\n".join(f"  {p}" for p in problemen)
        return f"Het bestand is niet geïmporteerd; {len(problemen)} probleem/problemen:\n{regels}"
