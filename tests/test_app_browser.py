"""The whole app in a real browser: `streamlit run` on 127.0.0.1, Playwright driving Debian's
chromium (TOOLING.md §4.2).  Every page opens without an exception box, a canned query runs
and its CSV downloads with the right header, no request leaves the machine, and a
screenshot of each page is written to docs/screenshots/."""
from __future__ import annotations

import csv
import io
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import require_program

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [("", "政策知识图谱"), ("document", "文件"), ("lineage", "谱系"), ("targets", "指标目标"),
         ("units", "责任单位"), ("sparql", "SPARQL 查询"), ("export", "导出"), ("add_documents", "添加文件")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from app.launch import start
    store = tmp_path_factory.mktemp("browser") / "store"
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    proc, port = start(str(store), headless=True, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"streamlit did not start (exit {proc.poll()})")
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except Exception:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    require_program(CHROMIUM, "the real-browser test of the app")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True,
                              locale="zh-CN")
    p = ctx.new_page()
    p.blocked = []

    def route(r):
        u = r.request.url
        if u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "about:", "blob:")):
            r.continue_()
        else:
            p.blocked.append(u)
            r.abort()
    p.route("**/*", route)
    yield p
    ctx.close()


def settle(page, timeout: float = 60) -> None:
    """Wait until the script run is over (no running indicator) and no spinner shows."""
    from playwright.sync_api import expect
    page.wait_for_timeout(600)
    deadline = time.time() + timeout
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        spinning = page.locator('[data-testid="stSpinner"]').count()
        if not running and not spinning:
            break
        page.wait_for_timeout(300)
    page.wait_for_timeout(800)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_every_page_renders_and_screenshots(server, page):
    from playwright.sync_api import expect
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, title in PAGES:
        page.goto(f"{server}/{path}")
        expect(page.get_by_role("heading", name=title).first).to_be_visible(timeout=60000)
        settle(page)
        if path in ("", "lineage", "units"):
            frame = page.frame_locator("iframe").first
            expect(frame.locator("#mynetwork canvas")).to_be_visible(timeout=30000)
            page.wait_for_timeout(1000)
        page.screenshot(path=str(SHOTS / f"{path or 'overview'}.png"), full_page=True)
    assert not [u for u in page.blocked if "jsdelivr" in u], page.blocked


def test_canned_query_runs_and_csv_downloads(server, page):
    from playwright.sync_api import expect
    page.goto(f"{server}/sparql?canned=documents")
    expect(page.get_by_role("heading", name="SPARQL 查询").first).to_be_visible(timeout=60000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=60000)
    settle(page)
    expect(page.get_by_text("行 ·", exact=False).first).to_be_visible()
    with page.expect_download(timeout=30000) as dl:
        page.get_by_role("button", name="下载 CSV").click()
    body = Path(dl.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["doc", "title", "level"], rows[0]
    loaded = [r for r in rows[1:] if r[rows[0].index("stub")] == "false"]
    assert len(loaded) == 5, rows
    assert any("湖南省" in r[1] for r in loaded)
    page.screenshot(path=str(SHOTS / "sparql_result.png"), full_page=True)


def test_document_node_link_and_language_switch(server, page):
    from playwright.sync_api import expect
    page.goto(server)
    expect(page.get_by_role("heading", name="政策知识图谱").first).to_be_visible(timeout=60000)
    settle(page)
    page.get_by_text("English").first.click()
    expect(page.get_by_role("heading", name="PolicyKG").first).to_be_visible(timeout=30000)
    settle(page)
    page.goto(f"{server}/document?doc=https%3A%2F%2Fw3id.org%2Fpolicykg%2Fid%2Fdoc%2F3e848e3dbe3a62da")
    settle(page)
    expect(page.get_by_text("湖南省“十四五”市场监管规划").first).to_be_visible(timeout=30000)
