"""Personal data encrypted at rest: a column type that stores ciphertext, and a keyed digest for lookups.

A CPR number is stored as a Fernet token (AES-128-CBC + HMAC-SHA256, from the ``cryptography``
package), so a copy of the database or a backup does not reveal it; the application decrypts on
read. Fernet tokens are randomised, so exact lookups and uniqueness use a separate column holding
an HMAC-SHA256 of the normalised number under another key (a "blind index").

Keys come from the owning service's settings (``configure``, called by its bootstrap). Several
encryption keys may be given, newest first: the first encrypts, all decrypt, so keys can be rotated
without a migration. The digest key cannot rotate without recomputing the digests.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Development defaults only: ServiceSettings subclasses refuse them in production.
DEV_FIELD_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZC11c2U="
DEV_DIGEST_KEY = "development digest key, not for production"


class FieldCipher:
    def __init__(self, keys: str, digest_key: str) -> None:
        parsed = [k.strip() for k in keys.split(",") if k.strip()]
        if not parsed:
            raise ValueError("at least one field encryption key is needed")
        self._fernet = MultiFernet([Fernet(k.encode()) for k in parsed])
        self._digest_key = digest_key.encode()

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("a stored value cannot be decrypted with the configured keys") from exc

    def digest(self, value: str) -> str:
        return hmac.new(self._digest_key, value.encode(), hashlib.sha256).hexdigest()


_cipher: FieldCipher | None = None


def configure(keys: str, digest_key: str) -> None:
    """Set the process's keys (the owning service's bootstrap calls this before any query)."""
    global _cipher
    _cipher = FieldCipher(keys, digest_key)


def cipher() -> FieldCipher:
    if _cipher is None:
        raise RuntimeError("shared.crypto.configure() was not called: no keys for encrypted columns")
    return _cipher


def digest(value: str) -> str:
    """The lookup digest of ``value`` (e.g. a normalised CPR number)."""
    return cipher().digest(value)


class Encrypted(TypeDecorator[str]):
    """A string column stored encrypted; reads return the plaintext."""

    impl = String(255)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().decrypt(str(value))
