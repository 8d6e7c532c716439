"""The auth server changes its signing key; the service follows without a restart,
and made-up key ids cannot make it hammer the auth server."""
import shutil
import tempfile
from pathlib import Path

import jwt
import pytest

from support import AuthEmulator, free_port, start_service

COOLDOWN = 30  # Settings.jwks_refetch_cooldown_seconds


@pytest.fixture
def rotating_emulator():
    # Its own emulator: restarting the shared one would change keys under other tests.
    data_dir = Path(tempfile.mkdtemp(prefix="tenantry-python-rotation-"))
    running = AuthEmulator(data_dir, free_port())
    running.start("ES256")
    yield running
    running.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def kid_of(token: str) -> str:
    return jwt.get_unverified_header(token)["kid"]


def test_a_token_signed_by_a_newly_rotated_key_is_accepted_after_one_key_set_refetch(rotating_emulator):
    service = start_service(rotating_emulator.url)
    before = rotating_emulator.sign_in("grace@example.com")
    assert service.get("/whoami", before).status_code == 200
    assert len(service.jwks_requests) == 1

    # The auth server switches to a new RS256 key on the same URL.
    rotating_emulator.restart("RS256")
    after = rotating_emulator.sign_in("grace@example.com")
    assert jwt.get_unverified_header(after)["alg"] == "RS256"
    assert kid_of(after) != kid_of(before)
    service.clock.advance(COOLDOWN)

    response = service.get("/whoami", after)

    assert response.status_code == 200, response.text
    assert response.json()["email"] == "grace@example.com"
    assert len(service.jwks_requests) == 2
    # Known keys are served from the cache: no fetch per request.
    assert service.get("/whoami", after).status_code == 200
    assert len(service.jwks_requests) == 2


def test_tokens_with_made_up_key_ids_refetch_the_key_set_at_most_once_per_cooldown(rotating_emulator):
    service = start_service(rotating_emulator.url)
    real = rotating_emulator.sign_in("mallory@example.com")
    assert service.get("/whoami", real).status_code == 200
    assert len(service.jwks_requests) == 1
    claims = jwt.decode(real, options={"verify_signature": False})
    service.clock.advance(COOLDOWN)

    def unknown_kid_token(number: int) -> str:
        # Signed with the real key, so only the kid lookup stands in the way.
        algorithm, private_key = rotating_emulator.signing_key(kid_of(real))
        return jwt.encode(claims, private_key, algorithm=algorithm, headers={"kid": f"made-up-{number}"})

    for number in range(5):
        response = service.get("/whoami", unknown_kid_token(number))
        assert response.status_code == 401, response.text
    assert len(service.jwks_requests) == 2, "only the first unknown kid may refetch within the cooldown"

    service.clock.advance(COOLDOWN - 1)
    assert service.get("/whoami", unknown_kid_token(5)).status_code == 401
    assert len(service.jwks_requests) == 2

    service.clock.advance(1)
    assert service.get("/whoami", unknown_kid_token(6)).status_code == 401
    assert service.get("/whoami", unknown_kid_token(7)).status_code == 401
    assert len(service.jwks_requests) == 3
    # Real tokens keep working throughout, from the cache.
    assert service.get("/whoami", real).status_code == 200
    assert len(service.jwks_requests) == 3
