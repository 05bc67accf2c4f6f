"""CPR numbers (R3): form, real date, century from the 7th digit, no modulus-11 check, masking, logs."""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest

from shared.cpr import CprError, century, mask, parse_cpr
from shared.logging import RedactCprFilter, redact, setup_logging


@pytest.mark.parametrize(
    ("text", "normalised", "born"),
    [
        ("010190-1234", "010190-1234", date(1990, 1, 1)),
        ("0101901234", "010190-1234", date(1990, 1, 1)),
        ("311299-4000", "311299-4000", date(1999, 12, 31)),  # 7th digit 4, yy > 36 → 1900s
        ("010110-4000", "010110-4000", date(2010, 1, 1)),  # 7th digit 4, yy ≤ 36 → 2000s
        ("010160-5000", "010160-5000", date(1860, 1, 1)),  # 5–8, yy > 57 → 1800s
        ("010120-5000", "010120-5000", date(2020, 1, 1)),  # 5–8, yy ≤ 57 → 2000s
        ("290200-4001", "290200-4001", date(2000, 2, 29)),  # leap day in a leap year
        ("010107-0001", "010107-0001", date(1907, 1, 1)),  # fails modulus 11, still valid
    ],
)
def test_r3_valid_cpr_numbers(text: str, normalised: str, born: date) -> None:
    assert parse_cpr(text) == (normalised, born)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "01019-1234",  # too short
        "010190_1234",
        "010190-12345",
        "0101901234 5",
        "٠١٠١٩٠١٢٣٤",  # Arabic-Indic digits are not ASCII digits
        "320190-1234",  # no 32nd day
        "290201-4001",  # 2001 is no leap year
        "011390-1234",  # no 13th month
        "010190-123\x00",
    ],
)
def test_r3_invalid_cpr_numbers_are_refused(text: str) -> None:
    with pytest.raises(CprError):
        parse_cpr(text)


def test_r3_century_table() -> None:
    assert [century(36, 4), century(37, 4), century(57, 5), century(58, 8), century(36, 9), century(99, 3)] == [
        2000,
        1900,
        2000,
        1800,
        2000,
        1900,
    ]


def test_r3_mask_shows_only_the_date_part() -> None:
    assert mask("010190-1234") == "010190-XXXX"
    assert mask(None) is None


def test_cpr_numbers_never_reach_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.cpr")
    logger.addFilter(RedactCprFilter())
    with caplog.at_level(logging.INFO, logger="test.cpr"):
        logger.info("registered %s for case %d", "010190-1234", 7)
        logger.info("plain 0101901234 in text")
    text = caplog.text
    assert "1234" not in text.replace("010190-XXXX", "")
    assert "010190-XXXX" in text
    assert redact("a 311299-4000 b") == "a 311299-XXXX b"


def test_redaction_leaves_uuids_whole_but_masks_cpr_next_to_words() -> None:
    event_id = "cd719707-1234-5fad-8123-123456789012"
    assert redact(f"event {event_id} handled") == f"event {event_id} handled"
    assert redact("CPR-0101901234 og cpr:010190-1234.") == "CPR-010190-XXXX og cpr:010190-XXXX."


def test_a_cpr_number_in_a_search_url_is_masked_in_uvicorns_access_log() -> None:
    """uvicorn's access logger has its own handler and formatter, which unpacks the record's arguments."""
    from uvicorn.logging import AccessFormatter

    setup_logging("test")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False))
    access = logging.getLogger("uvicorn.access")
    access.addHandler(handler)
    try:
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/cases/search?q=0201901234", "1.1", 200)
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/?q=020190-1234", "1.1", 200)
    finally:
        access.removeHandler(handler)
    assert stream.getvalue().splitlines() == [
        '127.0.0.1:5000 - "GET /cases/search?q=020190-XXXX HTTP/1.1" 200 OK',
        '127.0.0.1:5000 - "GET /?q=020190-XXXX HTTP/1.1" 200 OK',
    ]
