"""The admin of the inspecties app: each sub-package registers its own models."""

from django.contrib import admin

from inspecties.onderzoeken import admin as onderzoeken_admin  # noqa: F401
from inspecties.voortgang import admin as voortgang_admin  # noqa: F401

# The admin speaks as the site does, not as "Django-beheer".
admin.site.site_header = "Toezicht – beheer"
admin.site.site_title = "Toezicht"
admin.site.index_title = "Beheer"
