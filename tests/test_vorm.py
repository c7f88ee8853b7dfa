"""The shape of the code stays as docs/architectuur.md describes it (issue 13): short views, no
module that outgrows one concern, no concerns told apart by file-name suffixes."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("inspecties", "gemeenten", "toetsingskader", "rapporten")
MAX_VIEW_REGELS = 40
MAX_MODULE_REGELS = 400


def python_modules():
    for pad in sorted(ROOT.rglob("*.py")):
        delen = pad.relative_to(ROOT).parts
        if delen[0] in (".venv", "tests", "node_modules") or "migrations" in delen:
            continue
        yield pad


def view_modules():
    for app in APPS:
        yield from (ROOT / app).rglob("views.py")
        yield from (ROOT / app).rglob("views/*.py")


def views(pad: Path):
    """Every view in a views module: its functions and its class-based views' methods, with
    their decorators, as (name, number of lines)."""
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
            begin = min([knoop.lineno, *(d.lineno for d in knoop.decorator_list)])
            yield f"{pad.relative_to(ROOT)}::{knoop.name}", knoop.end_lineno - begin + 1


def test_geen_view_is_langer_dan_40_regels():
    te_lang = sorted(
        (regels, naam)
        for pad in view_modules()
        for naam, regels in views(pad)
        if regels >= MAX_VIEW_REGELS
    )
    assert not te_lang, f"Views van {MAX_VIEW_REGELS} regels of meer: {te_lang}"


def test_geen_module_buiten_migraties_en_tests_is_langer_dan_400_regels():
    te_lang = sorted(
        (len(pad.read_text(encoding="utf-8").splitlines()), str(pad.relative_to(ROOT)))
        for pad in python_modules()
        if len(pad.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_REGELS
    )
    assert not te_lang, f"Modules van meer dan {MAX_MODULE_REGELS} regels: {te_lang}"


def test_geen_concern_in_een_achtervoegsel_van_een_bestandsnaam():
    """`views_portaal.py`, `urls_oidc.py`: a concern is a sub-package, not a suffix."""
    soorten = "models|views|urls|forms|services|selectors|admin"
    achtervoegsels = sorted(
        str(pad.relative_to(ROOT))
        for pad in (ROOT / "inspecties").rglob("*.py")
        if re.fullmatch(rf"(?:{soorten})_\w+\.py", pad.name)
    )
    assert not achtervoegsels
