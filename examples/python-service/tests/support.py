"""
Helpers that run the real local auth emulator (scripts/auth-emulator) and sign
in through it, so the service is tested against the keys, tokens and JWKS the
Next.js app sees in local mode. Needs Node 24 on PATH and `npm ci` done.
"""
import json
import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

import httpx
import jwt
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

REPO_ROOT = Path(__file__).resolve().parents[3]
TSX = REPO_ROOT / "node_modules" / ".bin" / "tsx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AuthEmulator:
    """One emulator process; `restart` keeps its URL and data dir, as a key rotation would."""

    def __init__(self, data_dir: Path, port: int):
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.issuer = f"{self.url}/auth/v1"
        self.jwks_url = f"{self.issuer}/.well-known/jwks.json"
        self._process: Optional[subprocess.Popen] = None

    def start(self, algorithm: str = "ES256") -> None:
        if not TSX.exists():
            raise RuntimeError(f"{TSX} is missing: run `npm ci` in {REPO_ROOT} first")
        environment = {
            **os.environ,
            "AUTH_EMULATOR_PORT": str(self.port),
            "AUTH_EMULATOR_DATA_DIR": str(self.data_dir),
            "AUTH_EMULATOR_JWT_ALG": algorithm,
        }
        environment.pop("NODE_ENV", None)
        self._process = subprocess.Popen(
            [str(TSX), "scripts/auth-emulator/main.ts"],
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # Waiting for the process to listen, not for time to pass: the tests
        # themselves never sleep.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the auth emulator exited: {self._process.stderr.read().decode()}")
            try:
                if httpx.get(self.jwks_url, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the auth emulator did not start within 60 seconds")

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def restart(self, algorithm: str) -> None:
        self.stop()
        self.start(algorithm)

    def sign_in(self, email: str) -> str:
        """A real access token: the PKCE sign-in through supabase-js that `npm run token` performs."""
        result = subprocess.run(
            [str(TSX), "scripts/print-access-token.ts", email],
            cwd=REPO_ROOT,
            env={**os.environ, "NEXT_PUBLIC_SUPABASE_URL": self.url},
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"signing in failed: {result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def signing_key(self, kid: str):
        """The emulator's own private key for `kid`, read from its data dir."""
        stored = json.loads((self.data_dir / "signing-keys.json").read_text())
        for key in stored["keys"]:
            if key["kid"] == kid:
                algorithm = ECAlgorithm if key["algorithm"] == "ES256" else RSAAlgorithm
                return key["algorithm"], algorithm.from_jwk(json.dumps(key["privateJwk"]))
        raise KeyError(kid)

    def mint(self, claims: dict, kid: str) -> str:
        """A token signed with the emulator's real key: only the claims differ from what it issues."""
        algorithm, private_key = self.signing_key(kid)
        return jwt.encode(claims, private_key, algorithm=algorithm, headers={"kid": kid, "typ": "JWT"})


class ManualClock:
    """The key set's clock, moved by the test instead of by waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RunningService:
    def __init__(self, client, clock: ManualClock, jwks_requests: list):
        self.client = client
        self.clock = clock
        # Every request the service made for the key set, counted at its HTTP client.
        self.jwks_requests = jwks_requests

    def get(self, path: str, token: Optional[str] = None, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return self.client.get(path, headers={**headers, **kwargs.pop("headers", {})}, **kwargs)


def start_service(supabase_url: str, tenantry_api_url: str = "http://127.0.0.1:9", cors_allowed_origins: tuple = ()) -> RunningService:
    from fastapi.testclient import TestClient

    from service.jwks import KeySet
    from service.main import create_app
    from service.settings import Settings

    jwks_requests: list = []

    def count_jwks_request(request: httpx.Request) -> None:
        if request.url.path.endswith("/.well-known/jwks.json"):
            jwks_requests.append(request.url)

    http = httpx.Client(event_hooks={"request": [count_jwks_request]})
    settings = Settings(supabase_url=supabase_url, tenantry_api_url=tenantry_api_url, cors_allowed_origins=cors_allowed_origins)
    clock = ManualClock()
    key_set = KeySet(
        settings.jwks_url,
        http,
        max_age_seconds=settings.jwks_max_age_seconds,
        refetch_cooldown_seconds=settings.jwks_refetch_cooldown_seconds,
        clock=clock,
    )
    return RunningService(TestClient(create_app(settings, key_set=key_set, http=http)), clock, jwks_requests)


class TenantryApiServer:
    """Tenantry's real `GET /api/v1/me` handler (tenantry-api-server.ts) on a PGlite database of its own."""

    def __init__(self, supabase_url: str, data_dir: Path):
        environment = {
            **os.environ,
            # Local mode is explicit: the stand-ins and PGlite are allowed only with it.
            "LOCAL_MODE": "1",
            "NEXT_PUBLIC_SUPABASE_URL": supabase_url,
            "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY": "sb_publishable_local_emulator_key",
            "LOCAL_DATA_DIR": str(data_dir),
            "PORT": "0",
        }
        # Always the throw-away PGlite: this server must not touch a shared database.
        environment.pop("DATABASE_URL", None)
        environment.pop("NODE_ENV", None)
        self._process = subprocess.Popen(
            [str(TSX), "--conditions=react-server", "examples/python-service/tests/tenantry-api-server.ts"],
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self._process.stdout.readline()
        if not line.startswith("listening "):
            self._process.kill()
            raise RuntimeError(f"Tenantry's API server did not start: {line}{self._process.stderr.read()}")
        self.url = line.split(" ", 1)[1].strip()

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
