"""Browser tests of the built site (Playwright + the system Chromium)."""
