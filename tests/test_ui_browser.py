"""Headless Chromium through the Dagster UI: the asset graph, and the `strikes_per_faction_week` page
with its chart. Screenshots go to test-artifacts/ (gitignored). Skips with a reason when Chromium or
chromedriver is missing (`make test` installs them when it can: apt-get install chromium chromium-driver)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import REPO
from test_dagster_dev import Server, dagster_server, ensure_refreshed  # noqa: F401  (session fixture)

pytestmark = pytest.mark.e2e

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (uv sync --all-groups)")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Chromium not installed: apt-get install -y chromium chromium-driver (make test tries it as root)")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1600,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, predicate, timeout: float = 45, what: str = "") -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate(driver):
                return
        except Exception:
            pass
        time.sleep(0.5)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "ui-timeout.png"))
    raise TimeoutError(f"page never showed {what}; see test-artifacts/ui-timeout.png")


def dismiss_modal(driver) -> None:
    """The first visit shows a 'Join the Dagster community' dialog: skip it."""
    deadline = time.time() + 4
    while time.time() < deadline:
        buttons = driver.find_elements("xpath", "//button[normalize-space()='Skip']")
        if buttons:
            try:
                buttons[0].click()
                time.sleep(0.5)
                return
            except Exception:
                pass
        time.sleep(0.3)


def test_asset_graph_and_strikes_chart_in_the_ui(dagster_server: Server, browser) -> None:  # noqa: F811
    server = dagster_server
    ensure_refreshed(server)
    ARTIFACTS.mkdir(exist_ok=True)
    base = f"http://127.0.0.1:{server.port}"

    browser.get(f"{base}/asset-groups")
    groups = ("ingest", "extract", "code", "normalize", "warehouse", "marts")
    wait_for(browser, lambda d: all(g in d.page_source for g in groups), what="the asset graph")
    dismiss_modal(browser)
    time.sleep(2)  # let the graph lay out
    browser.save_screenshot(str(ARTIFACTS / "ui-asset-graph.png"))  # the stages, group by group

    browser.get(f"{base}/locations/conflict_etl/asset-groups/marts")
    wait_for(browser, lambda d: "strikes_per_faction_week" in d.page_source and "report" in d.page_source,
             what="the marts group")
    dismiss_modal(browser)
    time.sleep(2)
    browser.save_screenshot(str(ARTIFACTS / "ui-marts-group.png"))

    # The asset's Events tab lists the latest materialization's metadata; the chart is a markdown entry
    # with the PNG inline, opened by its "[Show Markdown]" link.
    browser.get(f"{base}/assets/strikes_per_faction_week?view=events")
    wait_for(browser, lambda d: d.find_elements("xpath", "//tr[td[normalize-space()='chart']]"),
             what="the chart metadata entry")
    dismiss_modal(browser)
    row = browser.find_element("xpath", "//tr[td[normalize-space()='chart']]")
    assert "dagster/row_count" in browser.page_source and "preview" in browser.page_source
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
    row.find_elements("xpath", ".//*[contains(text(), 'Show Markdown')]")[-1].click()
    img = "img[src^='data:image/png;base64']"
    wait_for(browser, lambda d: d.find_elements("css selector", img), what="the strikes chart")
    time.sleep(1)
    el = browser.find_elements("css selector", img)[0]
    browser.save_screenshot(str(ARTIFACTS / "ui-strikes-per-faction-week.png"))
    assert browser.execute_script("return arguments[0].naturalWidth", el) > 300  # decoded, not a broken image
