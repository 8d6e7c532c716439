"""
A second backend next to Tenantry's Next.js app. It trusts the same Supabase
access tokens, verified locally against the auth server's published keys,
and knows the caller only by the token's `sub`.

Run: SUPABASE_URL=http://127.0.0.1:54321 TENANTRY_API_URL=http://localhost:3000 \
     python3 -m uvicorn --factory service.main:app_from_environment --port 8000
"""
import re
from typing import Optional

import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from .errors import ApiError, install_error_handlers
from .jwks import KeySet
from .settings import Settings
from .tenantry_api import TenantryApi
from .verify import Caller, TokenVerifier

BEARER = re.compile(r"^Bearer\s+(\S+)\s*$", re.IGNORECASE)


def create_app(settings: Settings, key_set: Optional[KeySet] = None, http: Optional[httpx.Client] = None) -> FastAPI:
    http = http or httpx.Client()
    key_set = key_set or KeySet(
        settings.jwks_url,
        http,
        max_age_seconds=settings.jwks_max_age_seconds,
        refetch_cooldown_seconds=settings.jwks_refetch_cooldown_seconds,
    )
    verifier = TokenVerifier(settings, key_set)
    tenantry = TenantryApi(settings.tenantry_api_url, http)

    app = FastAPI(title="Tenantry example service")
    install_error_handlers(app)
    if settings.cors_allowed_origins:
        # The token travels in the Authorization header, never in a cookie, so
        # no credentials mode: another site cannot ride on a user's session.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_allowed_origins),
            allow_methods=["GET"],
            allow_headers=["Authorization"],
        )

    def bearer_token(request: Request) -> str:
        match = BEARER.match(request.headers.get("authorization", ""))
        if not match:
            raise ApiError("unauthorized", "Send the access token as Authorization: Bearer <token>.")
        return match.group(1)

    # A plain `def` dependency: FastAPI runs it in a worker thread, so the
    # occasional key fetch never blocks the event loop.
    def current_caller(token: str = Depends(bearer_token)) -> Caller:
        return verifier.verify(token)

    @app.get("/whoami")
    def whoami(caller: Caller = Depends(current_caller)) -> dict:
        return {"user_id": caller.user_id, "email": caller.email}

    @app.get("/tenantry/me")
    def tenantry_me(caller: Caller = Depends(current_caller), token: str = Depends(bearer_token)) -> JSONResponse:
        # Verified here first: a bad token is refused without reaching Tenantry.
        response = tenantry.me(token)
        try:
            body = response.json()
        except ValueError:
            raise ApiError("tenantry_unavailable", "Tenantry's API answered something other than JSON.") from None
        # Tenantry's answer, status included, so its own 401/403 reach the client as they are.
        return JSONResponse(body, status_code=response.status_code)

    return app


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory service.main:app_from_environment`: fails at startup when the environment is incomplete."""
    return create_app(Settings.from_environment())
