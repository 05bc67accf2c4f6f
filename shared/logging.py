"""Logging set-up for every process, with CPR numbers redacted before any handler sees them."""

from __future__ import annotations

import logging
import re
import sys

# A CPR number is six date digits, an optional hyphen, four digits; redact anything of that shape
# that is not part of a longer hexadecimal token (event and task UUIDs are logged and must stay whole).
_CPR_RE = re.compile(r"(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-)(\d{6})-?\d{4}(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])")


def redact(text: str) -> str:
    """Replace every CPR-shaped number in ``text`` by its masked form (DDMMYY-XXXX)."""
    return _CPR_RE.sub(r"\1-XXXX", text)


class RedactCprFilter(logging.Filter):
    """Masks CPR numbers in the rendered message, so no log line ever carries one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message and isinstance(record.args, tuple):
            # Mask inside the arguments first, keeping their shape: uvicorn's access formatter unpacks
            # them (client, method, path with the query string, version, status).
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
            message = record.getMessage()
            masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


_UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def setup_logging(service: str, level: str = "INFO") -> None:
    """Configure the root logger once per process: one line per record, CPR numbers redacted."""
    root = logging.getLogger()
    # uvicorn's loggers have their own handlers and do not propagate to the root; its access log
    # carries the query string (a CPR number typed into a search). A filter on the logger itself
    # stays when uvicorn configures logging again.
    for name in _UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactCprFilter) for f in logger.filters):
            logger.addFilter(RedactCprFilter())
    if any(isinstance(f, RedactCprFilter) for h in root.handlers for f in h.filters):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(asctime)s %(levelname)s {service} %(name)s: %(message)s"))
    handler.addFilter(RedactCprFilter())
    root.addHandler(handler)
    root.setLevel(level)
    for existing in root.handlers:
        if not any(isinstance(f, RedactCprFilter) for f in existing.filters):
            existing.addFilter(RedactCprFilter())
