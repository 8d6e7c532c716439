"""The service's configuration, read once from the environment."""
import os
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Settings:
    supabase_url: str
    # Where Tenantry's API is, for calls made on the caller's behalf.
    tenantry_api_url: str
    # Clock difference tolerated on `exp`, the same as Tenantry's own verifier.
    leeway_seconds: int = 30
    # Keys are refetched at least this often, so a key withdrawn from the set stops working.
    jwks_max_age_seconds: int = 600
    # An unknown `kid` refetches the key set at most once per this many seconds.
    jwks_refetch_cooldown_seconds: int = 30
    # Browser origins allowed to call this service directly (the Next.js app's, usually).
    cors_allowed_origins: tuple = ()

    @property
    def issuer(self) -> str:
        return f"{self.supabase_url}/auth/v1"

    @property
    def jwks_url(self) -> str:
        return f"{self.supabase_url}/auth/v1/.well-known/jwks.json"

    @classmethod
    def from_environment(cls) -> "Settings":
        # No defaults for the URLs: a service that guessed its auth server
        # would trust whatever answers there.
        return cls(
            supabase_url=_required_url("SUPABASE_URL"),
            tenantry_api_url=_required_url("TENANTRY_API_URL"),
            leeway_seconds=_seconds("JWT_LEEWAY_SECONDS", 30),
            jwks_max_age_seconds=_seconds("JWKS_MAX_AGE_SECONDS", 600),
            jwks_refetch_cooldown_seconds=_seconds("JWKS_REFETCH_COOLDOWN_SECONDS", 30),
            cors_allowed_origins=tuple(
                origin.strip().rstrip("/") for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if origin.strip()
            ),
        )


def _required_url(name: str) -> str:
    value = os.environ.get(name, "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RuntimeError(f"{name} must be set to an http(s) URL, e.g. http://127.0.0.1:54321")
    return value


def _seconds(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise RuntimeError(f"{name} must be a whole number of seconds")
    return int(value)
