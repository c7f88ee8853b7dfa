"""Operations (docs/beheer.md): health endpoints, structured logs, backups, retention and the
production static files storage."""
