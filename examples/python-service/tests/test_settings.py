"""The service refuses to start rather than guess which auth server to trust."""
import pytest

from service.main import app_from_environment


def test_the_service_will_not_start_without_knowing_its_auth_server(monkeypatch):
    monkeypatch.delenv("SUPABASE_URL", raising=False)
    monkeypatch.setenv("TENANTRY_API_URL", "http://localhost:3000")

    with pytest.raises(RuntimeError, match="SUPABASE_URL"):
        app_from_environment()


def test_the_issuer_it_expects_is_the_configured_auth_server(monkeypatch):
    monkeypatch.setenv("SUPABASE_URL", "http://127.0.0.1:54321/")
    monkeypatch.setenv("TENANTRY_API_URL", "http://localhost:3000")

    from service.settings import Settings

    settings = Settings.from_environment()
    assert settings.issuer == "http://127.0.0.1:54321/auth/v1"
    assert settings.jwks_url == "http://127.0.0.1:54321/auth/v1/.well-known/jwks.json"
