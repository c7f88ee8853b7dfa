from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toetsingskader.services import toetsingskader_laden
from toetsingskader.yaml_io import MAX_KADER_TEKENS, KaderFout

MEEGELEVERD = Path(__file__).resolve().parents[2] / "kaders"


class Command(BaseCommand):
    help = (
        "Laadt toetsingskaders uit YAML. Zonder bestanden: de meegeleverde kaders. "
        "Opnieuw laden van dezelfde versie verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestanden", nargs="*", type=Path)
        parser.add_argument(
            "--concept",
            action="store_true",
            help="Laat het kader als concept staan in plaats van het vast te stellen.",
        )

    def handle(self, *args, bestanden, concept, **options):
        bestanden = bestanden or sorted(MEEGELEVERD.glob("*.yaml"))
        for pad in bestanden:
            try:
                with pad.open(encoding="utf-8") as f:
                    # One character more than allowed, so lees_kader sees it is too large.
                    tekst = f.read(MAX_KADER_TEKENS + 1)
            except (OSError, UnicodeDecodeError) as fout:
                raise CommandError(f"{pad}: kan het bestand niet lezen ({fout})") from fout
            try:
                kader, gewijzigd = toetsingskader_laden(tekst=tekst, vaststellen=not concept)
            except KaderFout as fout:
                raise CommandError(
                    f"{pad} is niet geladen:\n" + "\n".join(f"  {p}" for p in fout.problemen)
                ) from fout
            thema, crit, ind = (
                kader.themas.count(),
                kader.criteria.count(),
                kader.indicatoren.count(),
            )
            actie = "geladen" if gewijzigd else "ongewijzigd"
            self.stdout.write(
                f"{kader.sleutel} {kader.versie}: {actie} "
                f"({thema} thema's, {crit} criteria, {ind} indicatoren, {kader.get_status_display()})"
            )
