"""Session fixtures: one real auth emulator for the whole run, and a fresh service per test."""
import shutil
import tempfile
from pathlib import Path

import pytest

from support import AuthEmulator, RunningService, TenantryApiServer, free_port, start_service


@pytest.fixture(scope="session")
def emulator():
    data_dir = Path(tempfile.mkdtemp(prefix="tenantry-python-auth-"))
    running = AuthEmulator(data_dir, free_port())
    running.start("ES256")
    yield running
    running.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def ada_token(emulator) -> str:
    return emulator.sign_in("ada@example.com")


@pytest.fixture
def service(emulator) -> RunningService:
    return start_service(emulator.url)


@pytest.fixture(scope="session")
def tenantry_api(emulator):
    data_dir = Path(tempfile.mkdtemp(prefix="tenantry-python-api-"))
    server = TenantryApiServer(emulator.url, data_dir)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
