"""Security: text a person types is shown as text, never run as HTML, on every page.

Types an <img onerror> payload into every text field of every page (default tab, passphrase fields
excepted), then revisits every page and checks that no payload element exists and no handler ran.
"""

from playwright.sync_api import Page

from tests.e2e.conftest import go_to, open_demo, wait_for_app
from tests.e2e.test_accessibility import page_titles

PAYLOAD = '<img src="x" onerror="window.__xss=1"><script>window.__xss=2</script> **not bold**'
SKIP = {"Workspace", "Backup & restore", "Join a workshop"}  # forms with passphrases / file upload


def fill_text_fields(page: Page) -> int:
    fields = page.locator(
        '[data-testid="stMain"] textarea:not([disabled]), '
        '[data-testid="stMain"] input[type="text"]:not([disabled]):not([aria-autocomplete])'
    )
    count = min(fields.count(), 12)  # bounded: enough to reach every kind of field
    for i in range(count):
        field = fields.nth(i)
        if not field.is_visible() or not field.is_editable():
            continue
        field.fill(PAYLOAD)
        field.press("Tab")
        wait_for_app(page)
    return count


def payload_ran(page: Page) -> bool:
    return page.evaluate(
        "() => window.__xss !== undefined"
        ' || document.querySelectorAll(\'[data-testid="stMain"] img[src="x"]\').length > 0'
    )


def test_typed_html_is_never_rendered(server, page):
    open_demo(page, server)
    titles = [t for t in page_titles() if t not in SKIP]
    filled = 0
    for title in titles:
        go_to(page, title)
        filled += fill_text_fields(page)
        assert not payload_ran(page), f"payload ran on {title}"
    assert filled > 20  # the check reached real fields
    page.reload()
    wait_for_app(page)
    for title in titles:
        go_to(page, title)
        assert not payload_ran(page), f"payload ran on {title} after reload"
