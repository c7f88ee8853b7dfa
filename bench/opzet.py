"""What the bench scripts share: where the anchors are, and, for the scripts that measure in
process, a throwaway SQLite database and media directory with Django set up on them."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ankers() -> Path:
    """../shared/anchors relative to the checkout (a worktree sits one level deeper)."""
    for basis in (ROOT, *ROOT.parents):
        kandidaat = basis.parent / "shared" / "anchors"
        if kandidaat.is_dir():
            return kandidaat
    sys.exit("../shared/anchors niet gevonden (bare_django/app.py en weasyprint_floor.py).")


def wegwerp_django(prefix: str) -> Path:
    """Point Django at a new SQLite database and media directory in a temporary directory and
    set it up; the caller removes the returned directory when done."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspecties.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    return tmp
