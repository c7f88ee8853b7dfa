"""The admin of the inspecties app: each sub-package registers its own models."""

from inspecties.meldingen import admin as meldingen_admin  # noqa: F401
from inspecties.onderzoeken import admin as onderzoeken_admin  # noqa: F401
from inspecties.planning import admin as planning_admin  # noqa: F401
from inspecties.voortgang import admin as voortgang_admin  # noqa: F401
