"""The exchange format of published studies, `toezicht-onderzoek/1` (docs/uitwisselformaat.md):
reading a file safely with its line numbers (`lezen`), its JSON Schema (`schema`), checking a
whole file and reporting every problem with its line before anything is stored (`controle`,
pure), importing it all or nothing (`importeren`) and writing a study in it (`exporteren`).

Freezing the PDFs of imported published studies is rapporten's (its command and admin view
call `importeren` and then `rapporten.services`)."""
