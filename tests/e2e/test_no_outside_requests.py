"""No request leaves the user's browser for another host: every page of the navigation (the demo workspace open,
so every page is listed) and the join page are opened in Chromium, every request is recorded, and any request to
a host other than the app's fails the test (a page icon from fonts.gstatic.com, a font or script from a CDN: each
would tell a third party who uses the workbook, and fails on an offline network)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from tests.e2e.conftest import open_demo, wait_for_app

# data: and blob: URLs never leave the browser; chrome-extension: etc. do not occur in a clean profile.
LOCAL_SCHEMES = {"data", "blob", "about"}


def outside(requests: list[str], base_url: str) -> list[str]:
    host = urlsplit(base_url).netloc
    return [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != host]


def test_outside_filter_keeps_only_other_hosts():
    base = "http://127.0.0.1:8501"
    seen = [
        "http://127.0.0.1:8501/static/js/main.js",
        "data:image/svg+xml;base64,AAAA",
        "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/home/default/24px.svg",
        "http://127.0.0.1:9999/other-port",  # another port is another origin: counted
    ]
    assert outside(seen, base) == seen[2:]


def test_every_page_asks_only_the_apps_host(page: Page, server):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/join")
    wait_for_app(page)
    open_demo(page, server)
    links = page.get_by_test_id("stSidebarNavLink")
    count = links.count()
    assert count > 20  # the demo is open: every page of the navigation is listed
    visited = []
    for n in range(count):
        link = links.nth(n)
        visited.append(link.inner_text())
        link.click()
        wait_for_app(page)
    page.reload()  # a fresh load of a deep link fetches the page icon again
    wait_for_app(page)
    assert len(visited) == count
    assert len(requests) > count  # the log really recorded the pages' requests
    assert outside(requests, server) == []
