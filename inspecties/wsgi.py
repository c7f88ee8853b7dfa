"""WSGI entry point (gunicorn inspecties.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")

application = get_wsgi_application()
