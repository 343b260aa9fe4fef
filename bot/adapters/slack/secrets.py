"""Encrypt stored Slack tokens with a Fernet key derived from QUOTABOT_SECRET_KEY."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# A fixed, app-specific context string: the same secret key used elsewhere yields another key.
_INFO = b"quotabot slack installation tokens v1"


class TokenBox:
    """Seals and opens tokens; a wrong or rotated secret key fails loudly, never silently."""

    def __init__(self, secret_key: str) -> None:
        if len(secret_key) < 16:
            raise ValueError("QUOTABOT_SECRET_KEY must be at least 16 characters")
        raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            secret_key.encode()
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(raw))

    def seal(self, token: str | None) -> str | None:
        if token is None:
            return None
        return self._fernet.encrypt(token.encode()).decode()

    def open(self, sealed: str | None) -> str | None:
        if sealed is None:
            return None
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise ValueError(
                "a stored Slack token cannot be decrypted: was QUOTABOT_SECRET_KEY changed?"
            ) from exc
