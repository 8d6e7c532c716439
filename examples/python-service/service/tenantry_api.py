"""Calls Tenantry's API as the caller, with the caller's own access token."""
import httpx

from .errors import ApiError


class TenantryApi:
    def __init__(self, base_url: str, http: httpx.Client):
        self._base_url = base_url
        self._http = http

    def me(self, access_token: str) -> httpx.Response:
        """`GET /api/v1/me`: the user and their organizations with roles, as Tenantry sees them.

        The same bearer token this service verified is forwarded unchanged, so
        Tenantry applies its own checks (membership, roles, row-level security)
        to the same user; this service never needs a key that could act as anyone.
        """
        try:
            return self._http.get(
                f"{self._base_url}/api/v1/me",
                headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
                timeout=10.0,
            )
        except httpx.HTTPError as error:
            raise ApiError("tenantry_unavailable", "Tenantry's API could not be reached.") from error
