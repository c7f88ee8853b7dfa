import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspecties.models import Onderzoek
from inspecties.uitwisseling.exporteren import onderzoeken_exporteren
from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.schema import SCHEMA


class Command(BaseCommand):
    help = (
        "Schrijft onderzoeken (van één gemeente, met hun eerdere onderzoeken) in het "
        "uitwisselformaat toezicht-onderzoek/1; --schema schrijft het JSON Schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("onderzoek_ids", nargs="*", type=int, metavar="onderzoek-id")
        parser.add_argument("-o", "--uitvoer", type=Path, help="Bestand (anders standaarduitvoer).")
        parser.add_argument("--schema", action="store_true", help="Schrijf het JSON Schema.")

    def handle(self, *args, onderzoek_ids, uitvoer, schema, **options):
        if schema:
            tekst = json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n"
        else:
            onderzoeken = list(Onderzoek.objects.filter(pk__in=onderzoek_ids))
            ontbrekend = set(onderzoek_ids) - {o.pk for o in onderzoeken}
            if not onderzoek_ids or ontbrekend:
                raise CommandError(f"Onbekende of geen onderzoek-id's: {sorted(ontbrekend)}")
            try:
                tekst = onderzoeken_exporteren(onderzoeken=onderzoeken)
            except UitwisselFout as fout:
                raise CommandError(str(fout)) from fout
        if uitvoer:
            uitvoer.write_text(tekst, encoding="utf-8")
        else:
            self.stdout.write(tekst, ending="")
