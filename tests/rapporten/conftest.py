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


@pytest.fixture
def gouda(demo):
    return demo[("Gouda", 2013)]


@pytest.fixture
def oosterhout_vervolg(demo):
    return demo[("Oosterhout", 2014)]
