"""The inspectors' pages of a study, one module per page or concern (urls.py names them)."""
