"""The error of the exchange format: every problem found, each with its line."""

from inspecties.fouten import ToezichtFout
from inspecties.uitwisseling.lezen import Probleem


class UitwisselFout(ToezichtFout):
    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__("\n".join(str(p) for p in problemen))
