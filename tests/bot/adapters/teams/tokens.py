"""Bot Framework-style JWTs minted in the test with keys the fake connector publishes."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "6f1b0c2e-4a7d-4c1e-9a35-0b8a7e2d5c11"
TENANT = "f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f607"
ISSUER = "https://api.botframework.com"


class SigningKey:
    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        # Bot Framework keys say which channels they may sign for.
        data.update(kid=self.kid, use="sig", alg="RS256", endorsements=["msteams"])
        return data

    def token(self, service_url: str, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "serviceurl": service_url,
            "nbf": now - 10,
            "exp": now + 3600,
            "iat": now - 10,
            "iss": ISSUER,
            "aud": APP_ID,
        }
        claims.update(overrides)
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid})
