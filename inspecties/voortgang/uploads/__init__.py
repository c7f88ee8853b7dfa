"""Pure checks on uploaded progress reports: the type is recognised by content, never by name.

Inspectors open these files in their own PDF reader and word processor, so a file passes only
when it is plainly what it says it is:

- a PDF that is not also a ZIP or HTML page (polyglots) and carries no JavaScript, launch
  actions or embedded files (a progress report never needs them; names are read with their
  #xx escapes decoded, and compressed object streams are inflated, bounded, to look inside);
- a DOCX or ODT whose every entry is inflated with a bounded read, counting the real bytes
  (the directory's sizes can lie), with safe entry names, no macros, ActiveX, embedded
  programs or OLE objects, no relationships to external files or templates (hyperlinks to
  web pages excepted), no DTDs in its XML and no archive inside beyond one level of embedded
  Office/ODF document (a chart's data), which is checked by the same rules.

XML is parsed with defusedxml, and only the small package parts (.rels, manifest).
"""

from inspecties.voortgang.uploads.grenzen import (
    DOCX,
    EXTENSIE,
    MAX_GROOTTE,
    ODT,
    PDF,
    TOEGESTAAN_TEKST,
    BestandFout,
)
from inspecties.voortgang.uploads.herkennen import bestandstype_herkennen
from inspecties.voortgang.uploads.namen import downloadnaam, naam_opschonen

__all__ = [
    "DOCX",
    "EXTENSIE",
    "MAX_GROOTTE",
    "ODT",
    "PDF",
    "TOEGESTAAN_TEKST",
    "BestandFout",
    "bestandstype_herkennen",
    "downloadnaam",
    "naam_opschonen",
]
