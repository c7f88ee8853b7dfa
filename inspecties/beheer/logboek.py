"""Structured logs (issue 17): one JSON object per line in production, readable lines in
development, from structlog and from every standard-library logger alike.

A line names the request (a random request id) and the user (their number), never a name, an
e-mail address, a finding, a file name or a document's contents. django-structlog binds the
request id and the user id to every line of a request; we leave out what it would add besides:
the client address (DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False), the browser's user agent, and
the query string of the path (a search term or a login code can be in it). Extra fields of
standard-library records are only taken over when listed in EXTRA_VELDEN.
"""

from django.dispatch import receiver

import structlog
import structlog.tracebacks
from django_structlog import signals
from django_structlog.middlewares import RequestMiddleware
from structlog.dev import plain_traceback

# Fields that standard-library loggers pass with `extra=` and that may appear in a line.
EXTRA_VELDEN = ("reden", "status_code")

VOORBEWERKING = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_instellingen(*, json: bool, niveau: str) -> dict:
    """The LOGGING setting: every record through structlog's formatter."""
    # Tracebacks without the values of local variables: those hold requests, forms and texts.
    tracebacks = structlog.processors.ExceptionRenderer(
        structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
    )
    weergave = (
        [tracebacks, structlog.processors.JSONRenderer()]
        if json
        # Plain tracebacks in development too: rich's default shows local variables, and
        # highlighting every traceback costs seconds (a 403 logs one).
        else [structlog.dev.ConsoleRenderer(colors=False, exception_formatter=plain_traceback)]
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "toezicht": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *weergave,
                ],
                "foreign_pre_chain": [
                    *VOORBEWERKING,
                    structlog.stdlib.ExtraAdder(allow=EXTRA_VELDEN),
                ],
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "toezicht"}},
        "root": {"handlers": ["console"], "level": niveau},
        "loggers": {
            # WeasyPrint logs every layout step of every page at INFO: noise in the server log.
            "weasyprint.progress": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            # At DEBUG it logs every missing template variable with the whole template context
            # (findings, names) in the exception: never, whatever LOG_LEVEL says.
            "django.template": {"level": "INFO"},
        },
    }


def structlog_instellen() -> None:
    structlog.configure(
        processors=[
            *VOORBEWERKING,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


class VerzoekLogMiddleware(RequestMiddleware):
    """django-structlog's request middleware: request id and user id on every line, one line
    when a request starts and one when it ends, the path without its query string."""

    @staticmethod
    def format_request(request) -> str:
        return f"{request.method} {request.path}"


@receiver(signals.bind_extra_request_metadata, dispatch_uid="logboek_geen_user_agent")
def geen_user_agent(sender, request, logger, log_kwargs, **kwargs) -> None:
    log_kwargs.pop("user_agent", None)
