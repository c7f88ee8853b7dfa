from django.core.management.base import BaseCommand, CommandError

from inspecties.demo.laden import DEMO_WACHTWOORD
from inspecties.demo.landelijk import (
    EERSTE_NUMMER,
    STANDAARD_SEED,
    LandelijkeDatasetFout,
    landelijke_dataset_maken,
)
from inspecties.models import Onderzoek
from inspecties.onderzoeken.selectors import gepubliceerd_zonder_publicatie
from rapporten.services import publicaties_bevriezen


class Command(BaseCommand):
    help = (
        "Vult de database met een landelijke dataset voor metingen (issue 16): gemeenten vanaf "
        "GM2001 met elk een aantal jaren onderzoeken, scores, bevindingen, conclusies, "
        "voortgangsrapportages en gebruikers. Draai eerst migrate en laad_toetsingskader "
        "(en eventueel laad_demo). Weigert als de gemeenten er al zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeenten", type=int, default=342, help="Aantal gemeenten.")
        parser.add_argument("--jaren", type=int, default=5, help="Aantal jaren onderzoeken.")
        parser.add_argument(
            "--eerste-jaar",
            type=int,
            default=None,
            help="Standaard: zo dat vorig jaar het laatste is.",
        )
        parser.add_argument("--seed", type=int, default=STANDAARD_SEED)
        parser.add_argument("--inspecteurs", type=int, default=20)
        parser.add_argument(
            "--eerste-nummer",
            type=int,
            default=EERSTE_NUMMER,
            help="Eerste CBS-nummer (GM2001); een hoger nummer vult een eerdere dataset aan.",
        )
        parser.add_argument(
            "--bevriezen",
            action="store_true",
            help="Maak en bewaar de PDF van elk gepubliceerd onderzoek (ongeveer een seconde per "
            "onderzoek). Standaard uit.",
        )

    def handle(self, *args, **opties):
        try:
            s = landelijke_dataset_maken(
                gemeenten=opties["gemeenten"],
                jaren=opties["jaren"],
                eerste_jaar=opties["eerste_jaar"],
                seed=opties["seed"],
                inspecteurs=opties["inspecteurs"],
                eerste_nummer=opties["eerste_nummer"],
                melden=self.stdout.write,
            )
        except LandelijkeDatasetFout as fout:
            raise CommandError(str(fout)) from fout
        if opties["bevriezen"]:
            s.bevroren = len(
                publicaties_bevriezen(
                    onderzoeken=gepubliceerd_zonder_publicatie(cbs_codes=s.cbs_codes),
                    melden=self.stdout.write,
                )
            )
        soorten = dict(Onderzoek.Soort.choices)
        statussen = dict(Onderzoek.Status.choices)
        self.stdout.write(
            f"{s.gemeenten} gemeenten, {s.aanpakken} aanpakken, {s.aantal_onderzoeken} "
            f"onderzoeken, {s.beoordelingen} beoordelingen ({s.gescoord} gescoord), "
            f"{s.bevindingen} bevindingen, {s.voortgangsrapportages} voortgangsrapportages, "
            f"{s.gebruikers} gebruikers in {s.seconden:.1f} s"
        )
        for (soort, status), aantal in sorted(s.onderzoeken.items()):
            self.stdout.write(f"  {soorten[soort]:<18} {statussen[status]:<13} {aantal}")
        if s.bevroren:
            self.stdout.write(f"{s.bevroren} PDF's bevroren.")
        self.stdout.write(
            f"Gebruikers: landelijk-inspecteur-01.., gemeente-gm2001.., regio-<provincie>; "
            f"wachtwoord {DEMO_WACHTWOORD}."
        )
