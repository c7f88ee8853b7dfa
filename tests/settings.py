"""Test settings: the real settings with fast, safe defaults."""

import os

# PostgreSQL's statement limit for the suite: generous, since the suite shares a loaded machine
# and tests/test_schaal.py runs Overzichten at 300 studies (production's default is 25 s).
os.environ.setdefault("STATEMENT_TIMEOUT_SECONDEN", "300")

from inspecties.settings import *  # noqa: E402, F403
from inspecties.settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
