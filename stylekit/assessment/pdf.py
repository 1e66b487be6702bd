"""HTML pages printed to PDF by headless chromium (through Playwright), so the kit needs no PDF library of its own.

Debian's chromium at /usr/bin/chromium (`make browser`) or `$STYLEKIT_CHROMIUM`; Playwright's own browser download
is never used. Without a chromium the HTML reports are still written and the error says how to get the PDFs.
"""
import logging
from pathlib import Path
from typing import Callable, List, Optional

from stylekit.chromium import CHROMIUM, CHROMIUM_ARGS
from stylekit.errors import StylekitError

logger = logging.getLogger(__name__)



class PdfUnavailable(StylekitError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"Cannot print the reports to PDF ({reason}); the HTML reports are written. Install "
                         "Debian's chromium (`make browser`) and the kit's hiring extra (`pip install "
                         "'stylekit[hiring]'`), or set STYLEKIT_CHROMIUM")


def print_to_pdf(pages: List[Path], progress: Optional[Callable[[Path], None]] = None) -> List[Path]:
    """Print each HTML page to a PDF beside it (same name, .pdf); the PDFs, in order."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise PdfUnavailable(f"Playwright is not installed: {error}") from error
    if not CHROMIUM.exists():
        raise PdfUnavailable(f"{CHROMIUM} is missing")
    printed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            for html_page in pages:
                page.goto(html_page.resolve().as_uri())
                target = html_page.with_suffix(".pdf")
                page.pdf(path=str(target), format="A4", print_background=True,
                         margin={"top": "1.5cm", "bottom": "1.5cm", "left": "1.5cm", "right": "1.5cm"})
                printed.append(target)
                if progress:
                    progress(target)
        finally:
            browser.close()
    return printed
