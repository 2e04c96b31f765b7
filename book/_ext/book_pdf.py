"""Print the built book into one PDF: ``python book/_ext/book_pdf.py HTML_DIR OUT.pdf``.

Every page of the table of contents, in its order, is opened in Debian's Chromium (driven by
Playwright, never downloaded), left to finish what it does (load, MathJax typesetting, fonts,
images) and printed; the pages are joined with pypdf, one bookmark per page.  Nothing is
fetched from the network: the pages load only the files of the build.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import yaml

BOOK = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: Wait for what the page does, not for network idleness (no signal for file:// pages).
SETTLED = """async () => {
    if (window.MathJax && MathJax.startup) { await MathJax.startup.promise; }
    await document.fonts.ready;
    await Promise.all([...document.images].map(i => i.decode().catch(() => undefined)));
}"""
#: The printed page: no navigation, no buttons, wide content, figures kept whole.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.header-article, .prev-next-area, .bd-header-article, .sidebar-toggle, .theme-switch-button,
.headerlink, .copybtn, .search-button, .bd-search { display: none !important; }
.bd-main .bd-content .bd-article-container, .bd-page-width, .bd-container__inner,
.bd-main { max-width: 100% !important; width: 100% !important; }
img, figure, .cell_output, mjx-container[display="true"] { break-inside: avoid; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
"""


def toc_pages(toc: Path = BOOK / "_toc.yml") -> list[str]:
    """The book's pages (without suffix) in the order of its table of contents.

    Examples
    --------
    >>> pages = toc_pages()
    >>> pages[0], "theory/quantization" in pages
    ('intro', True)
    """
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    pages = [spec["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections", []))

    for part in spec.get("parts", [{"chapters": spec.get("chapters", [])}]):
        walk(part["chapters"])
    return pages


def print_book(html: Path, out: Path) -> int:
    """Print every page of the built book in ``html`` into ``out``; returns the page count."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    html = html.resolve()  # file:// URIs need an absolute path
    names = toc_pages()
    missing = [n for n in names if not (html / f"{n}.html").is_file()]
    if missing:
        raise SystemExit(f"{html} lacks {missing}: build the book first (make book)")
    writer = PdfWriter()
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        remote = []
        page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(
            ("file:", "data:", "blob:", "about:")) else None)
        page.emulate_media(media="print")
        for name in names:
            page.goto((html / f"{name}.html").as_uri(), wait_until="load")
            page.evaluate(SETTLED)
            page.add_style_tag(content=PRINT_CSS)
            title = page.evaluate("() => (document.querySelector('main h1') || {}).innerText"
                                  " || document.title")
            pdf = page.pdf(format="A4", print_background=True, display_header_footer=False,
                           margin={"top": "16mm", "bottom": "16mm", "left": "14mm",
                                   "right": "14mm"})
            start = len(writer.pages)
            writer.append(PdfReader(io.BytesIO(pdf)))
            writer.add_outline_item(title=title.replace("#", "").strip(), page_number=start)
        browser.close()
    if remote:
        raise SystemExit(f"pages requested remote resources: {sorted(set(remote))}")
    writer.add_metadata({"/Title": "ifsod", "/Author": "ifsod developers"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the built HTML (book/_build/html)")
    parser.add_argument("out", type=Path, help="PDF to write")
    args = parser.parse_args(argv)
    pages = print_book(args.html, args.out)
    print(f"{args.out}: {pages} pages from {len(toc_pages())} chapters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
