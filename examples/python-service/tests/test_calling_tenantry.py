"""The service calls Tenantry's API as the caller, with the caller's own token."""
import jwt

from support import start_service


def test_the_service_reads_the_callers_tenantry_account_with_the_same_token(emulator, tenantry_api):
    service = start_service(emulator.url, tenantry_api.url)
    token = emulator.sign_in("linus@example.com")

    response = service.get("/tenantry/me", token)

    assert response.status_code == 200, response.text
    user = response.json()["user"]
    # Tenantry verified the forwarded token itself and found the same user.
    assert user["id"] == jwt.decode(token, options={"verify_signature": False})["sub"]
    assert user["email"] == "linus@example.com"
    assert response.json()["organizations"] == []


def test_a_forged_token_is_refused_before_anything_is_sent_to_tenantry(emulator, tenantry_api):
    service = start_service(emulator.url, tenantry_api.url)
    token = emulator.sign_in("linus@example.com")
    header, payload, _signature = token.split(".")

    response = service.get("/tenantry/me", f"{header}.{payload}.")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
