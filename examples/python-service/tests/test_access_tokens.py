"""What the service accepts as a signed-in user, and the forgeries it refuses."""
import base64
import hashlib
import hmac
import json
import time
import uuid

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def real_claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def real_kid(token: str) -> str:
    return jwt.get_unverified_header(token)["kid"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def assert_refused(response, message_part: str = "") -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error"]["code"] == "unauthorized"
    assert message_part in body["error"]["message"]
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_a_signed_in_user_is_known_by_the_tokens_sub(service, ada_token):
    response = service.get("/whoami", ada_token)

    assert response.status_code == 200, response.text
    claims = real_claims(ada_token)
    assert response.json() == {"user_id": claims["sub"], "email": "ada@example.com"}
    assert str(uuid.UUID(response.json()["user_id"])) == claims["sub"]


def test_a_request_without_a_bearer_token_is_refused(service):
    assert_refused(service.get("/whoami"), "Authorization: Bearer")
    assert_refused(service.client.get("/whoami", headers={"Authorization": "Basic YWRhOnB3"}))


def test_an_expired_token_is_refused(service, emulator, ada_token):
    now = int(time.time())
    # Expired two minutes ago: beyond the 30 seconds of clock leeway.
    expired = emulator.mint({**real_claims(ada_token), "iat": now - 3720, "exp": now - 120}, real_kid(ada_token))

    assert_refused(service.get("/whoami", expired), "expired")


def test_a_token_without_an_expiry_is_refused(service, emulator, ada_token):
    claims = real_claims(ada_token)
    del claims["exp"]
    assert_refused(service.get("/whoami", emulator.mint(claims, real_kid(ada_token))))


def test_a_token_signed_by_a_key_the_auth_server_does_not_publish_is_refused(service, ada_token):
    # An attacker's own key, presented under the real key's kid.
    attacker_key = ec.generate_private_key(ec.SECP256R1())
    forged = jwt.encode(real_claims(ada_token), attacker_key, algorithm="ES256", headers={"kid": real_kid(ada_token)})

    assert_refused(service.get("/whoami", forged))


def test_a_token_from_another_issuer_is_refused_even_when_the_signature_is_valid(service, emulator, ada_token):
    claims = {**real_claims(ada_token), "iss": "https://another-project.supabase.co/auth/v1"}
    assert_refused(service.get("/whoami", emulator.mint(claims, real_kid(ada_token))))


def test_a_token_for_another_audience_is_refused_even_when_the_signature_is_valid(service, emulator, ada_token):
    claims = {**real_claims(ada_token), "aud": "some-other-service"}
    assert_refused(service.get("/whoami", emulator.mint(claims, real_kid(ada_token))))


def test_an_anonymous_role_token_is_not_a_signed_in_user(service, emulator, ada_token):
    claims = {**real_claims(ada_token), "role": "anon"}
    assert_refused(service.get("/whoami", emulator.mint(claims, real_kid(ada_token))), "signed-in user")


def test_a_sub_that_is_not_a_user_id_is_refused(service, emulator, ada_token):
    claims = {**real_claims(ada_token), "sub": "admin"}
    assert_refused(service.get("/whoami", emulator.mint(claims, real_kid(ada_token))), "signed-in user")


def test_an_unsigned_token_with_alg_none_is_refused(service, ada_token):
    header = {"alg": "none", "typ": "JWT", "kid": real_kid(ada_token)}
    unsigned = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(real_claims(ada_token)).encode())}."

    assert_refused(service.get("/whoami", unsigned))


def public_key_texts(emulator, kid: str) -> dict:
    """The texts an attacker can read from the JWKS and try as an HMAC secret."""
    jwk = next(key for key in httpx.get(emulator.jwks_url).json()["keys"] if key["kid"] == kid)
    public_key = jwt.PyJWK(jwk).key
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return {"pem": pem, "jwk_json": json.dumps(jwk).encode(), "jwk_json_compact": json.dumps(jwk, separators=(",", ":")).encode()}


@pytest.mark.parametrize("secret_form", ["pem", "jwk_json", "jwk_json_compact"])
def test_an_hs256_token_signed_with_the_public_key_as_secret_is_refused(service, emulator, ada_token, secret_form):
    kid = real_kid(ada_token)
    secret = public_key_texts(emulator, kid)[secret_form]
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(real_claims(ada_token)).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()

    assert_refused(service.get("/whoami", f"{signing_input}.{b64url(signature)}"))


def test_garbage_is_refused_as_a_malformed_token(service):
    assert_refused(service.get("/whoami", "not-a-jwt"), "malformed")


def test_only_the_configured_browser_origin_may_call_the_service_from_a_page(emulator, ada_token):
    from support import start_service

    service = start_service(emulator.url, cors_allowed_origins=("http://localhost:3000",))

    allowed = service.get("/whoami", ada_token, headers={"Origin": "http://localhost:3000"})
    other = service.get("/whoami", ada_token, headers={"Origin": "https://evil.example"})

    assert allowed.headers.get("access-control-allow-origin") == "http://localhost:3000"
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-credentials" not in allowed.headers
