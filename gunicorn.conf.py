"""gunicorn's settings, read from the working directory (`gunicorn inspecties.wsgi` in the
checkout). Command-line flags still override them.

A worker that takes longer than `timeout` to answer is killed. The database ends a statement
after STATEMENT_TIMEOUT_SECONDEN (inspecties/settings.py), so the worker's timeout is a little
longer: the query stops first, the request answers with an error, and no query is left running
for a worker that is gone.
"""

import os

_statement = int(os.environ.get("STATEMENT_TIMEOUT_SECONDEN", 25))
timeout = _statement + 5 if _statement else 30
