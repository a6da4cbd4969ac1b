"""Which browser runs the tests: printed, so version drift is visible in every log."""

from playwright.sync_api import Browser


def test_browser_version(browser: Browser) -> None:
    version = browser.version
    print(f"\nbrowser: {browser.browser_type.name} {version}")
    assert int(version.split(".")[0]) >= 120
