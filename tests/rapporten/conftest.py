import re
from io import BytesIO

import pytest
from pypdf import PdfReader


def normaliseer(tekst: str) -> str:
    """Text extraction wraps lines and may hyphenate: join words, collapse whitespace."""
    tekst = re.sub(r"-\s*\n\s*", "", tekst)
    return re.sub(r"\s+", " ", tekst).strip()


def pdf_paginas(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(BytesIO(pdf)).pages]


def zonder_spaties(tekst: str) -> str:
    return re.sub(r"\s+", "", tekst.replace("-", ""))


@pytest.fixture(scope="session")
def gerenderd() -> dict:
    """PDFs rendered once per session, for tests that only read them: {name: bytes}. What they
    render is made the same way in every test (the demo, a factory), so the bytes are too."""
    return {}


def eenmaal_gerenderd(gerenderd: dict, naam: str, onderzoek) -> bytes:
    from rapporten.services import rapport_pdf

    if naam not in gerenderd:
        gerenderd[naam] = rapport_pdf(onderzoek=onderzoek)
    return gerenderd[naam]


@pytest.fixture
def gouda(demo):
    return demo[("Gouda", 2013)]


@pytest.fixture
def oosterhout_vervolg(demo):
    return demo[("Oosterhout", 2014)]
