"""The auth server's public keys, fetched once and kept, looked up by `kid`."""
import threading
import time
from typing import Callable, Optional

import httpx

from .errors import ApiError


class KeySet:
    """
    Caches `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`.

    Verifying a token costs no network call while its `kid` is known. A `kid`
    we have not seen means the auth server may have rotated keys, so the set is
    fetched again, but at most once per cooldown: otherwise anyone could make
    this service hammer the auth server by sending tokens with made-up `kid`s.
    """

    def __init__(
        self,
        url: str,
        http: httpx.Client,
        max_age_seconds: float,
        refetch_cooldown_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._url = url
        self._http = http
        self._max_age = max_age_seconds
        self._cooldown = refetch_cooldown_seconds
        self._clock = clock
        self._keys: dict[str, dict] = {}
        self._fetched_at: Optional[float] = None
        # Requests are served from a thread pool; one fetch at a time.
        self._lock = threading.Lock()

    def key_for(self, kid: str) -> Optional[dict]:
        """The public JWK published under `kid`, or None when the auth server does not publish it."""
        with self._lock:
            now = self._clock()
            if self._fetched_at is None or now - self._fetched_at >= self._max_age:
                self._fetch(now)
            elif kid not in self._keys and now - self._fetched_at >= self._cooldown:
                self._fetch(now)
            return self._keys.get(kid)

    def _fetch(self, now: float) -> None:
        try:
            response = self._http.get(self._url, timeout=5.0)
            response.raise_for_status()
            keys = response.json()["keys"]
            fetched = {key["kid"]: key for key in keys if isinstance(key, dict) and isinstance(key.get("kid"), str)}
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            # Keep serving the keys we have; only a token needing a new key fails, and
            # as our outage (503), not as the caller's bad token.
            if self._fetched_at is not None:
                self._fetched_at = now
                return
            raise ApiError("auth_unavailable", "Sign-in is temporarily unavailable; try again shortly.") from error
        self._keys = fetched
        self._fetched_at = now
