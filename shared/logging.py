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
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def setup_logging(service: str, level: str = "INFO") -> None:
    """Configure the root logger once per process: one line per record, CPR numbers redacted."""
    root = logging.getLogger()
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
