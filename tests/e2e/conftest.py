"""Browser tests: a real `python -m dashboard` on a free port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from etl import pipeline
from etl.config import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dashboard exited with {process.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"dashboard did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def live_data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("e2e-warehouse")
    assert pipeline.init(Settings(data_dir=folder)).status == "succeeded"
    return folder


def start_dashboard(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """`python -m dashboard` with its log in a file (a pipe nobody reads fills up and stalls the server)."""
    log = log_path.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard"], env=env, stdout=log, stderr=subprocess.STDOUT
    )


@pytest.fixture(scope="session")
def server(live_data_dir) -> str:
    """The base URL of a running dashboard on the seeded warehouse."""
    port = _free_port()
    env = {
        **os.environ,
        "REGIOMETER_DATA_DIR": str(live_data_dir),
        "REGIOMETER_PORT": str(port),
        "REGIOMETER_HOST": "127.0.0.1",
    }
    process = start_dashboard(env, live_data_dir / "dashboard.log")
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and failed requests (checked by tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: page.console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def wait_for_dash(page) -> None:
    """Until Dash has rendered the page and finished its callbacks."""
    page.wait_for_selector("#_pages_content > *", timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=20_000)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
