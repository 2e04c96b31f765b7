"""The book builds offline without a warning, and reads right in a real browser.

One build (``jupyter-book build -W -n --keep-going``, notebooks executed, verdicts from a
``ifsod verify --quick`` run) is shared by every test here.  The browser is Debian's Chromium
driven by Playwright; it is never downloaded.  Without ``/usr/bin/chromium`` the browser tests
skip, except under ``CI=true`` where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ifsod.proof.runner import id_matches

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: Pages the browser checks, with the number of figures each must show: the index, a theory
#: page, the experiment notebook, and the two notebooks that draw exact and verifier output.
PAGES = {"index.html": 0, "theory/quantization.html": 0, "notebooks/01_tour.html": 1,
         "notebooks/03_paper_experiment.html": 3, "notebooks/05_verification_report.html": 2}
#: URL schemes that never leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
#: What the publishing workflow adds to the built site: the PDF, linked from the intro page.
PUBLISHED_PDF = "ifsod.pdf"
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.fixture(scope="module")
def html(tmp_path_factory, quick_verify) -> Path:
    """Build the book once into a temporary folder; returns the HTML output folder."""
    out = tmp_path_factory.mktemp("book")
    # Exit 1 reports a claim whose verdict differs from its expectation (the proof tests own
    # that); the book must still render it.  Anything else means no usable output.
    assert quick_verify.code in (0, 1) and quick_verify.json.is_file(), quick_verify.err[-3000:]
    env = dict(os.environ, IFSOD_VERIFY_JSON=str(quick_verify.json))
    build = subprocess.run(
        [_bin("jupyter-book"), "build", "-W", "-n", "--keep-going", str(BOOK),
         "--path-output", str(out)],
        capture_output=True, text=True, cwd=ROOT, env=env)
    log = build.stdout + build.stderr
    problems = [line for line in log.splitlines() if "WARNING" in line or "Error" in line]
    assert build.returncode == 0, "\n".join(problems)[-6000:] or log[-6000:]
    return out / "_build" / "html"


class _Anchors(HTMLParser):
    """Collects the ids, the links and the loaded resources of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])
        elif attrs.get("src"):
            self.resources.append(attrs["src"])


def _pages(html: Path) -> list[Path]:
    """The book's pages (``_static`` holds theme templates, not pages)."""
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts)


@functools.cache
def _parse(page: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_and_toc_entry_is_built(html):
    for name in ["intro", "install", "definitions", "api", "data", "references"]:
        assert (html / f"{name}.html").is_file(), name
    theory = sorted(p.stem for p in (html / "theory").glob("*.html"))
    assert len(theory) == 8, theory
    notebooks = sorted(p.stem for p in (html / "notebooks").glob("*.html"))
    assert notebooks, "no notebook page was built"


def test_internal_links_and_assets_resolve(html):
    broken = []
    for page in _pages(html):
        parsed = _parse(page)
        for link in parsed.links + parsed.resources:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target == (html / PUBLISHED_PDF).resolve():
                continue  # put there after the build (book_pdf, the publishing workflow)
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {link}")
            elif (parts.fragment and target.suffix == ".html"
                  and unquote(parts.fragment) not in _parse(target).ids):
                broken.append(f"{page.relative_to(html)} -> {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_notebook_outputs_hold_results_not_noise(html):
    # Solver banners, progress bars and warnings belong in a terminal, not in the book.
    noise = re.compile(r"Running HiGHS|Copyright \(c\)|it/s\]|Warning:|Traceback")
    noisy = [f"{page.relative_to(html)}: {match.group(0)}"
             for page in sorted((html / "notebooks").glob("*.html"))
             for match in [noise.search(page.read_text(encoding="utf-8"))] if match]
    assert not noisy, "\n".join(noisy)


def test_nothing_is_loaded_from_the_network(html):
    # Links to papers are fine; what a page loads (scripts, styles, images, fonts) is local.
    remote = [f"{page.relative_to(html)}: {url}" for page in _pages(html)
              for url in _parse(page).resources
              if urlsplit(url).scheme not in LOCAL_SCHEMES | {""} or url.startswith("//")]
    assert not remote, "\n".join(remote)
    assert (html / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_verdicts_are_rendered_from_the_verifier_output(html, quick_verify):
    import json

    claims = json.loads(quick_verify.json.read_text(encoding="utf-8"))
    page = (html / "theory" / "quantization.html").read_text(encoding="utf-8")
    t1 = [c for c in claims if id_matches(c["id"], "T1")]
    assert t1, "the verifier reported no T1 claim"
    for claim in t1:
        assert f'id="claim-{claim["id"].lower()}"' in page, claim["id"]
        assert f"ifsod-verdict-{claim['verdict'].lower()}" in page, claim["id"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        reason = (f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); "
                  "the browser checks of the book need it")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_in_browser(html, browser, name):
    page = browser.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url} {r.failure}"))
    # Network idleness is no signal for file:// pages (it timed out on pages whose requests had
    # all finished); wait for what the page itself does: load, MathJax's startup promise, the
    # fonts and every image decoded.
    page.goto((html / name).as_uri(), wait_until="load")
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("""async () => {
        await MathJax.startup.promise;
        await document.fonts.ready;
        await Promise.all([...document.images].map(
            i => i.decode().catch(() => undefined)));
    }""")

    remote = [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES]
    assert not remote, f"{name} requested {remote}"
    assert not errors, f"{name} console errors: {errors}"

    math = page.evaluate("""() => {
        const nodes = [...document.querySelectorAll('span.math, div.math')];
        return {total: nodes.length,
                raw: nodes.filter(n => !n.querySelector('mjx-container')).length,
                containers: document.querySelectorAll('mjx-container').length};
    }""")
    assert math["total"] > 0 and math["containers"] > 0, f"{name}: no typeset math {math}"
    assert math["raw"] == 0, f"{name}: {math['raw']} math elements left untypeset"
    prose = page.evaluate("""() => {
        const main = document.querySelector('main') || document.body;
        const copy = main.cloneNode(true);
        copy.querySelectorAll('pre, code, script, mjx-container').forEach(n => n.remove());
        return copy.innerText;
    }""")
    assert "\\(" not in prose and "\\[" not in prose, f"{name}: raw LaTeX delimiters in text"

    images = page.evaluate("""() => [...document.images].map(
        i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0}))""")
    assert all(i["ok"] for i in images), f"{name}: undecoded images {images}"
    assert len(images) >= PAGES[name], f"{name}: expected {PAGES[name]} figures, got {images}"

    for href in page.evaluate("() => [...document.links].map(a => a.href)"):
        parts = urlsplit(href)
        if parts.scheme == "file" and Path(unquote(parts.path)) != html / PUBLISHED_PDF:
            assert Path(unquote(parts.path)).exists(), f"{name}: broken link {href}"
    page.close()


def _book_tool(name: str):
    """A script of ``book/_ext`` (the PDF printer, the run summary) as a module."""
    spec = importlib.util.spec_from_file_location(name, BOOK / "_ext" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def book_pdf(html, browser, tmp_path_factory):
    """``make book-pdf``'s printer run on the shared build; returns (reader, chapter -> pages)."""
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("pdf") / "ifsod.pdf"
    run = subprocess.run([sys.executable, str(BOOK / "_ext" / "book_pdf.py"), str(html),
                          str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    shutil.copyfile(out, html / PUBLISHED_PDF)  # where the publishing workflow puts it
    reader = PdfReader(out)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    names = _book_tool("book_pdf").toc_pages()
    assert len(starts) == len(names), (len(starts), names)
    ends = [*starts[1:], len(reader.pages)]
    return reader, {name: range(a, b) for name, a, b in zip(names, starts, ends)}


def test_pdf_has_every_chapter_in_order(book_pdf):
    reader, chapters = book_pdf
    assert all(len(pages) >= 1 for pages in chapters.values()), chapters
    assert sum(len(pages) for pages in chapters.values()) == len(reader.pages)
    assert 25 <= len(reader.pages) <= 400, len(reader.pages)
    titles = [item.title for item in reader.outline]
    assert titles[0] and all(titles), titles
    text = reader.pages[chapters["theory/quantization"][0]].extract_text()
    assert "T1" in text and "Quantization" in text, text[:300]


def test_intro_links_the_pdf_in_the_site(html, book_pdf):
    from pypdf import PdfReader

    reader, _ = book_pdf
    links = _parse(html / "intro.html").links
    assert PUBLISHED_PDF in links, links
    assert len(PdfReader(html / PUBLISHED_PDF).pages) == len(reader.pages)


def test_pdf_math_is_typeset(book_pdf):
    reader, chapters = book_pdf
    for name in ["definitions", "theory/quantization", "notebooks/01_tour"]:
        fonts, text = set(), ""
        for n in chapters[name]:
            page = reader.pages[n]
            text += page.extract_text()
            for font in (page.get("/Resources", {}).get("/Font") or {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                fonts.add(str(descriptor.get_object().get("/FontName") if descriptor
                              else font.get("/BaseFont")))
        # MathJax's output prints with its own fonts (MathJax_Main, MathJax_Math, ...); raw
        # TeX would print as text in the body font.
        assert any("MathJax_Math" in f for f in fonts), (name, sorted(fonts))
        assert "θ" in text, name
        if not name.startswith("notebooks/"):  # code cells may hold TeX in their strings
            for raw in ("\\(", "\\[", "$$", "\\theta", "\\lVert"):
                assert raw not in text, (name, raw)


def test_pdf_has_the_figures(book_pdf):
    reader, chapters = book_pdf
    expected = {"notebooks/01_tour": 1, "notebooks/02_sod_as_differential_if": 1,
                "notebooks/03_paper_experiment": 4, "notebooks/05_verification_report": 2,
                "notebooks/06_elephant_distances": 2}
    for name, count in expected.items():
        images = sum(len(reader.pages[n].images) for n in chapters[name])
        assert images >= count, (name, images)
    assert not any("Traceback" in reader.pages[n].extract_text()
                   for name in expected for n in chapters[name])


def test_run_summary_counts_the_verdicts(quick_verify):
    import json
    from collections import Counter

    claims = json.loads(quick_verify.json.read_text(encoding="utf-8"))
    text = _book_tool("run_summary").summary(quick_verify.json, Path("/b/html/index.html"),
                                             [Path("/b/logs/book.log")])
    first = text.splitlines()[0]
    assert first.startswith(f"ifsod verify: {len(claims)} claims: ")
    for verdict, count in Counter(c["verdict"] for c in claims).items():
        assert f"{count} {verdict}" in first
    assert "book:  /b/html/index.html" in text and "log:   /b/logs/book.log" in text


def _workflow() -> dict:
    import yaml

    spec = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(spec, dict) and {"name", "jobs", "permissions"} <= set(spec), spec
    return spec


def _make_rule(target: str) -> tuple[str, list[str]]:
    """The prerequisites and the recipe of ``target`` in the Makefile."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", text, re.M)
    assert match, f"no rule {target} in the Makefile"
    return match.group(1).strip(), [line.strip() for line in match.group(2).splitlines()]


def _steps(job: dict) -> list[dict]:
    steps = job["steps"]
    for step in steps:
        assert isinstance(step, dict) and len({"uses", "run"} & set(step)) == 1, step
    return steps


def test_workflow_builds_the_book_and_its_pdf_in_debian():
    spec = _workflow()
    triggers = spec.get("on", spec.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert spec["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = spec["jobs"]["build"]
    assert build["runs-on"] == "ubuntu-latest"
    # Debian packages Chromium itself (Ubuntu's is a snap) and brings Python 3.11 with it.
    assert build["container"].startswith("debian:")
    steps = _steps(build)
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = [step.get("run", "") for step in steps]

    def index(predicate) -> int:
        found = [k for k, step in enumerate(steps) if predicate(step)]
        assert len(found) == 1, (found, steps)
        return found[0]

    apt = index(lambda st: "apt-get install" in st.get("run", ""))
    packages = set(runs[apt].replace("\\\n", " ").split("apt-get install", 1)[1].split())
    assert {"chromium", "python3", "python3-venv", "make", "git"} <= packages, packages
    checkout = uses.index("actions/checkout")
    pdf = index(lambda st: re.search(r"\bmake book-pdf\b", st.get("run", "")))
    assert apt < checkout < pdf
    # `make book-pdf` builds the book first (`make book`), then prints it.
    prerequisites, recipe = _make_rule("book-pdf")
    assert prerequisites.split() == ["book"] and "book/_ext/book_pdf.py" in recipe[0]
    assert _make_rule("book")[1] == ["$(BOOK_BUILD)"]
    assert re.search(r"^BOOK_BUILD := .*jupyter-book build", (ROOT / "Makefile").read_text(),
                     re.M)
    made = re.search(r"^BOOK_PDF := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    copy = index(lambda st: st.get("run", "").startswith("cp "))
    assert runs[copy].split() == ["cp", made, f"book/_build/html/{PUBLISHED_PDF}"]
    artifact = steps[uses.index("actions/upload-artifact")]
    assert artifact["with"]["path"] == made and artifact["with"]["if-no-files-found"] == "error"
    pages = steps[uses.index("actions/upload-pages-artifact")]
    assert pages["with"]["path"] == "book/_build/html"
    assert pdf < copy < uses.index("actions/upload-pages-artifact")
    assert "actions/setup-python" not in uses  # its builds are for Ubuntu, not Debian


def test_workflow_deploys_the_site_to_pages():
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = _steps(deploy)
    assert step["uses"].split("@")[0] == "actions/deploy-pages"
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_intro_source_links_the_name_the_workflow_publishes():
    assert f'<a href="{PUBLISHED_PDF}">' in (BOOK / "intro.md").read_text(encoding="utf-8")
