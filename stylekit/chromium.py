"""Debian's chromium, the one browser the kit drives (PDF reports; the tests and the widget benchmark too).

Playwright's own browser download cannot work on machines without the open internet, so every launch names this
executable (`make browser` installs it; STYLEKIT_CHROMIUM points elsewhere).
"""
import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("STYLEKIT_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags chromium keeps dialling Google's hosts, which a closed network refuses;
# --no-sandbox because the tests and graders run as root, where chromium's own sandbox cannot start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
