"""Checks a Supabase access token the way Tenantry's API does (lib/auth/verify-access-token.ts)."""
import uuid
from dataclasses import dataclass
from typing import Optional

import jwt

from .errors import ApiError
from .jwks import KeySet
from .settings import Settings

# The algorithms Supabase signs access tokens with. Never `none`, never HS256:
# with a public key set, accepting HS256 lets anyone "sign" a token using the
# public key as the HMAC secret.
ALLOWED_ALGORITHMS = ("ES256", "RS256")
AUDIENCE = "authenticated"
# Real Supabase tokens are about a kilobyte; a huge one is an attack on the parser.
MAX_TOKEN_LENGTH = 16 * 1024


@dataclass(frozen=True)
class Caller:
    # The Supabase user id: the only identity this service trusts.
    user_id: str
    email: Optional[str]
    claims: dict


class TokenVerifier:
    def __init__(self, settings: Settings, keys: KeySet):
        self._settings = settings
        self._keys = keys

    def verify(self, token: str) -> Caller:
        if len(token) > MAX_TOKEN_LENGTH:
            raise _invalid("The access token is too large.")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError:
            raise _invalid("The access token is malformed.") from None

        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise _invalid("The access token is invalid.")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise _invalid("The access token is invalid.")

        # The key is chosen by `kid`, and must be of the type the header names:
        # a key set may hold an EC and an RSA key at once during a rotation.
        published = self._keys.key_for(kid)
        if published is None or published.get("alg", algorithm) != algorithm:
            raise _invalid("The access token is invalid.")
        try:
            # Raises unless the key's type (EC, RSA) is the one `algorithm` needs.
            key = jwt.PyJWK(published, algorithm)
        except (jwt.PyJWKError, jwt.InvalidKeyError, KeyError, ValueError, TypeError):
            raise _invalid("The access token is invalid.") from None

        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=AUDIENCE,
                issuer=self._settings.issuer,
                leeway=self._settings.leeway_seconds,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise _invalid("The access token has expired.") from None
        except jwt.PyJWTError:
            raise _invalid("The access token is invalid.") from None

        # A valid signature is not enough: the anon and service_role keys are
        # signed by the same server but are not a signed-in user.
        if claims.get("role") != "authenticated" or not _is_uuid(claims.get("sub")):
            raise _invalid("The access token does not belong to a signed-in user.")
        email = claims.get("email")
        return Caller(user_id=claims["sub"], email=email if isinstance(email, str) and email else None, claims=claims)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _invalid(message: str) -> ApiError:
    return ApiError("unauthorized", message)
