"""The HTML report: structure read with the standard library, and the page in real Chromium.

The acceptance test opens the report in headless Chromium, spoken to over the DevTools
protocol on a pipe (``--remote-debugging-pipe``: NUL-terminated JSON on file descriptors 3
and 4, so neither a websocket client nor a port is needed). It collects every network
request (``Network.requestWillBeSent``) and every console error (``Runtime.consoleAPICalled``
of type error, ``Runtime.exceptionThrown``, ``Log.entryAdded`` at level error, which is
where Chromium reports blocked or failed loads), takes a screenshot of the whole page, and
counts the cards. Set ``TARGETS_SCREENSHOT=path.png`` to keep the screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import select
import shlex
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

import targets
from targets.cli import cli
from targets.engine import WORST_FIRST, Status
from targets.judge._gate import Gate
from targets.render._html import report_html_document

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
H = "{http://www.w3.org/1999/xhtml}"


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        # The pipes go in as stdin and stdout; the shell moves them to 3 and 4.
        command = shlex.join([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"])
        self.process = subprocess.Popen(
            ["sh", "-c", f"exec {command} 3<&0 4>&1 0</dev/null 1>/dev/null"],
            stdin=to_browser,
            stdout=from_browser,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Call `method` and wait for its result, keeping the events that arrive meanwhile."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(30)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    def close(self) -> None:
        with contextlib.suppress(OSError, EOFError, TimeoutError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._read, self._write):
            os.close(fd)


def open_page(browser: Chromium, url: str, width: int = 1280) -> dict[str, Any]:
    """Load `url` in a new tab; return what the page did and a screenshot of all of it."""
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.events.clear()
    browser.send("Page.navigate", session, url=url)
    loaded = f"location.href === {json.dumps(url)} && document.readyState === 'complete'"
    deadline = time.monotonic() + 30
    while not _evaluate(browser, session, loaded):  # not the blank page's late load event
        assert time.monotonic() < deadline, f"{url} did not load"
        time.sleep(0.05)
    cards = _evaluate(browser, session, 'document.querySelectorAll("article.card").length')
    pwned = _evaluate(browser, session, "window.pwned === undefined ? null : window.pwned")
    size = browser.send("Page.getLayoutMetrics", session)["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = browser.send(
        "Page.captureScreenshot", session, format="png", captureBeyondViewport=True, clip=clip
    )
    mine = [e for e in browser.events if e.get("sessionId") == session]
    browser.send("Target.closeTarget", targetId=target)
    return {
        "cards": cards,
        "pwned": pwned,
        "png": base64.b64decode(shot["data"]),
        "events": mine,
        "url": url,
    }


def _evaluate(browser: Chromium, session: str, expression: str) -> Any:
    reply = browser.send("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return reply["result"].get("value")


def requests(page: dict[str, Any]) -> list[str]:
    """Every request but the page's own file."""
    urls = [
        e["params"]["request"]["url"]
        for e in page["events"]
        if e.get("method") == "Network.requestWillBeSent"
    ]
    return [u for u in urls if u != page["url"]]


def console_errors(page: dict[str, Any]) -> list[str]:
    errors = []
    for event in page["events"]:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in {"error", "assert"}:
            errors.append(" ".join(str(a.get("value", a)) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            errors.append(str(params["exceptionDetails"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            errors.append(params["entry"]["text"])
    return errors


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `.ci/setup` installs Debian's chromium")
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


def test_the_report_renders_in_chromium_without_errors_or_requests(
    browser: Chromium, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = open_page(browser, out.as_uri())
    assert console_errors(page) == []
    assert requests(page) == []
    assert page["cards"] == len(targets.load(EXAMPLE).targets) == 33
    image = Image.open(io.BytesIO(page["png"])).convert("RGB")
    (tmp_path / "report.png").write_bytes(page["png"])
    if os.environ.get("TARGETS_SCREENSHOT"):
        Path(os.environ["TARGETS_SCREENSHOT"]).write_bytes(page["png"])
    assert image.width == 1280
    assert image.height > 2000
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 100  # text, charts and badges, not a blank page
    assert max(n for n, _ in colours) < 0.9 * image.width * image.height


def test_the_harness_sees_console_errors_and_requests(browser: Chromium, tmp_path: Path) -> None:
    # Guards the probe itself: a page that fetches and logs an error must not pass.
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/x.png'/>"
        "<script>console.error('boom'); fetch('other.json')</script></body></html>",
        encoding="utf-8",
    )
    page = open_page(browser, page_file.as_uri())
    assert "http://127.0.0.1:9/x.png" in requests(page)
    assert any(u.endswith("/other.json") for u in requests(page))
    assert "boom" in console_errors(page)


HOSTILE = """\
programme: {name: "Hostile <script>window.pwned = 1</script> & co"}
sources:
  - {id: s, publisher: "P <img src=x onerror=alert(1)>", date: 2025-01,
     url: "https://example.org/?a=1&b=<2>"}
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - id: t1
    name: "<script>window.pwned = 2</script> & firms"
    metric: firms
    at_least: 100
    by: 2030
    source: s
    quote: "</blockquote><script>window.pwned = 3</script>"
  - {id: t2, name: "no figures & <b>bold</b>", metric: firms, at_least: 5, by: 2030}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, source: s}
  - {metric: firms, period: 2024, value: 80, unit: firm, source: s}
"""


def test_hostile_text_stays_text_in_chromium(
    browser: Chromium, tmp_path: Path, write: Callable[[dict[str, str]], Path]
) -> None:
    report = targets.check(write({"p.yaml": HOSTILE}))
    out = tmp_path / "hostile.html"
    out.write_text(report.to_html(), encoding="utf-8")
    page = open_page(browser, out.as_uri())
    assert console_errors(page) == []
    assert requests(page) == []
    assert page["cards"] == 2
    assert page["pwned"] is None


# The document itself, read with the standard library (it is well-formed XML too).


def parse(document: str) -> ET.Element:
    return ET.fromstring(document)


def cards(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter("article") if e.get("class") == "card"]


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_one_card_per_target_worst_first(example_report: targets.Report) -> None:
    report = example_report
    found = cards(parse(report.to_html()))
    assert len(found) == len(report) == 33
    order = [WORST_FIRST.index(Status(c.get("data-status", ""))) for c in found]
    assert order == sorted(order)
    by_id = {r.id: r for r in report}
    for card in found:
        result = by_id[(card.get("id") or "").removeprefix("target-")]
        assert card.get("data-status") == result.status.value


def test_nothing_in_the_page_can_fetch(example_report: targets.Report) -> None:
    document = example_report.to_html()
    root = parse(document)
    assert not [e for e in root.iter() if e.get("src") is not None]
    assert {e.tag for e in root.iter()}.isdisjoint({"link", "img", "iframe", "object", "embed"})
    style = "".join(e.text or "" for e in root.iter("style"))
    assert "url(" not in style
    assert "@import" not in style
    hrefs = [e for e in root.iter() if e.get("href") is not None]
    assert {e.tag for e in hrefs} == {"a"}
    policy = next(m.get("content", "") for m in root.iter("meta") if m.get("http-equiv"))
    assert "default-src 'none'" in policy
    (script,) = list(root.iter("script"))
    digest = base64.b64encode(hashlib.sha256((script.text or "").encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def gate(document: str) -> str:
    return text(next(e for e in parse(document).iter("p") if "gate" in (e.get("class") or "")))


def test_the_header_says_where_the_programme_stands(
    write: Callable[[dict[str, str]], Path], example_report: targets.Report
) -> None:
    report = example_report
    root = parse(report.to_html())
    assert text(next(root.iter("h1"))) == report.programme.info.name
    assert gate(report.to_html()).startswith("✗ Gate failed: 9 targets are off track or worse")
    strict = gate(report.to_html(fail_on="achieved", strict=True))
    assert strict.startswith("✗ Gate failed: 20 targets are achieved or worse")
    assert gate(report.to_html(fail_on="none")) == "no gate set"
    passing = targets.check(write({"p.yaml": HOSTILE})).to_html()
    assert gate(passing).startswith("✓ Gate passed: no target is off track or worse")
    bar = next(e for e in root.iter("div") if e.get("class") == "bar")
    drawn = {seg.get("data-status"): int(seg.text or 0) for seg in bar}
    assert drawn == {s: n for s, n in report.summary.items() if n}


def test_a_card_has_chart_numbers_explanation_notes_and_sources(
    example_report: targets.Report,
) -> None:
    report = example_report
    result = report["dt-firms-100k-2025"]
    card = next(c for c in cards(parse(report.to_html())) if c.get("id") == f"target-{result.id}")
    words = text(card)
    for part in ("off track", "statcan: limited progress", "✗ trips the gate", result.goal):
        assert part in words
    assert card.find(".//{http://www.w3.org/2000/svg}svg") is not None
    numbers = [text(d) for d in card.iter("dd")]
    assert numbers == ["73,7882024", "35.5 %", "4.9 %", "77,4002025", "2031"]  # year in <small>
    assert result.explain() in words
    assert "Sources disagree for 3 periods: 2019, 2020, 2022" in words
    rows = [r for r in card.iter("tr") if r.find("td") is not None]
    assert len(rows) == len(result.evidence.every)
    assert any(a.get("href", "").startswith("https://") for a in card.iter("a"))
    assert f"“{result.target.quote}”" in words
    assert "programme.yaml:471:5" in words


def test_a_citation_links_to_its_source(example_report: targets.Report) -> None:
    report = example_report
    found = cards(parse(report.to_html()))
    ordered = sorted(report, key=lambda r: WORST_FIRST.index(r.status))
    for result, card in zip(ordered, found, strict=True):
        source = report.programme.sources.get(result.target.source or "")
        footer = card.find("footer")
        if source is not None and source.url:
            assert footer is not None
            assert source.url in [a.get("href") for a in footer.iter("a")]


def test_not_assessable_cards_say_why_without_a_chart(example_report: targets.Report) -> None:
    report = example_report
    found = {c.get("id"): c for c in cards(parse(report.to_html()))}
    for result in report:
        if result.status is Status.NOT_ASSESSABLE:
            card = found[f"target-{result.id}"]
            assert f"Why not: {result.reason}" in text(card)
            assert card.find(".//{http://www.w3.org/2000/svg}svg") is None


def test_hostile_text_is_escaped(write: Callable[[dict[str, str]], Path]) -> None:
    document = targets.check(write({"p.yaml": HOSTILE})).to_html()
    root = parse(document)
    assert len(list(root.iter("script"))) == 1
    assert [e for e in root.iter() if e.get("onerror")] == []
    assert "Hostile <script>window.pwned = 1</script> & co" in text(next(root.iter("h1")))


def test_to_html_is_the_report_document(example_report: targets.Report) -> None:
    report = example_report
    assert report.to_html(strict=True) == report_html_document(report, gate=Gate(strict=True))
    dated = targets.check(EXAMPLE, as_of="2023-01-01", method="unsd").to_html()
    assert "as of 2023-01-01" in dated
    assert "method unsd for every target" in dated


# The report on paper and phones, measured in Chromium.


@contextlib.contextmanager
def tab(
    browser: Chromium, url: str, *, width: int, mobile: bool = False, media: str = ""
) -> Iterator[Callable[[str], Any]]:
    """A page at `width` CSS pixels (a phone when `mobile`, paper when media is 'print');
    yields a function that evaluates JavaScript in it."""
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    browser.send("Page.enable", session)
    browser.send("Runtime.enable", session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=844,
        deviceScaleFactor=1,
        mobile=mobile,
    )
    if media:
        browser.send("Emulation.setEmulatedMedia", session, media=media)
    browser.send("Page.navigate", session, url=url)
    loaded = f"location.href === {json.dumps(url)} && document.readyState === 'complete'"
    deadline = time.monotonic() + 30
    while not _evaluate(browser, session, loaded):
        assert time.monotonic() < deadline, f"{url} did not load"
        time.sleep(0.05)
    try:
        yield lambda expression: _evaluate(browser, session, expression)
    finally:
        browser.send("Target.closeTarget", targetId=target)


@pytest.fixture(scope="module")
def example_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    out.write_text(targets.check(EXAMPLE).to_html(), encoding="utf-8")
    return out.as_uri()


USED_OVER_SET_ASIDE = """(() => {
  const clashes = [];
  let pairs = 0;
  for (const svg of document.querySelectorAll('svg.targets-chart')) {
    const points = [...svg.querySelectorAll('g.point')].map((g, order) => {
      const box = g.lastElementChild.getBoundingClientRect();
      return {order, used: !g.classList.contains('unused'),
              x: box.x + box.width / 2, y: box.y + box.height / 2,
              target: svg.dataset.target, tip: g.querySelector('title').textContent};
    });
    for (const a of points) for (const b of points) {
      if (a.used && !b.used && Math.abs(a.x - b.x) < 4 && Math.abs(a.y - b.y) < 4) {
        pairs += 1;
        if (a.order < b.order) clashes.push(a.target + ': ' + a.tip);
      }
    }
  }
  return {pairs, clashes};
})()"""

ON_TOP = """(() => {
  const svg = document.querySelector('svg[data-target="hw-exports-137-160bn"]');
  const there = [...svg.querySelectorAll('g.point')].filter(
    p => p.querySelector('title').textContent.startsWith('2023 (vns-2024-12-31): 113.3'));
  const g = there.find(p => !p.classList.contains('unused'));
  g.scrollIntoView();
  const box = g.lastElementChild.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {drawn: there.length, setAside: there.filter(p => p.classList.contains('unused')).length,
          top: hit.closest('g.point') === g};
})()"""


def test_every_used_figure_is_drawn_above_a_set_aside_one_at_its_place(
    browser: Chromium, example_page: str
) -> None:
    with tab(browser, example_page, width=1280) as evaluate:
        found = evaluate(USED_OVER_SET_ASIDE)
        assert found["pairs"] > 0  # the example has such places (hw-exports 2023, ...)
        assert found["clashes"] == []
        # The 2023 actual that decides "2023 milestone missed" is the one on top there.
        assert evaluate(ON_TOP) == {"drawn": 2, "setAside": 1, "top": True}


PAGE_FIT = """(() => {
  const table = document.querySelector('table.glance');
  const page = document.documentElement.clientWidth;
  const badges = [...table.querySelectorAll('td:last-child .badge')].map(b => {
    const r = b.getBoundingClientRect(); return [r.left, r.right];
  });
  const box = table.getBoundingClientRect();
  return {page, left: box.left, right: box.right, scroll: table.parentElement.scrollWidth,
          client: table.parentElement.clientWidth, badges,
          rows: table.querySelectorAll('tbody tr').length};
})()"""


def test_print_keeps_the_summary_table_within_the_page(
    browser: Chromium, example_page: str, tmp_path: Path
) -> None:
    # A4 less the report's 12 mm margins: 186 mm, 703 CSS pixels.
    with tab(browser, example_page, width=703, media="print") as evaluate:
        fit = evaluate(PAGE_FIT)
    assert fit["rows"] == 33
    assert fit["left"] >= 0
    assert fit["right"] <= fit["page"]
    assert fit["scroll"] <= fit["client"]  # nothing clipped by the scrolling container
    assert all(left >= 0 and right <= fit["page"] for left, right in fit["badges"])
    target = browser.send("Target.createTarget", url=example_page)["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    browser.send("Page.enable", session)
    time.sleep(0.5)
    pdf = browser.send(
        "Page.printToPDF", session, paperWidth=8.27, paperHeight=11.69, printBackground=True
    )
    browser.send("Target.closeTarget", targetId=target)
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF")
    (tmp_path / "report.pdf").write_bytes(data)


PHONE = """(() => {
  const view = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('table.glance tbody td:last-child .badge')];
  const out = cells.map(b => { const r = b.getBoundingClientRect(); return [r.left, r.right]; });
  const sizes = [];
  for (const svg of document.querySelectorAll('article.card svg.targets-chart')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
    }
  }
  return {view, badges: out, smallest: Math.min(...sizes)};
})()"""


def test_on_a_390_px_phone_the_status_column_is_in_view_and_chart_text_legible(
    browser: Chromium, example_page: str
) -> None:
    with tab(browser, example_page, width=390, mobile=True) as evaluate:
        phone = evaluate(PHONE)
    assert phone["view"] == 390
    assert len(phone["badges"]) == 33
    for left, right in phone["badges"]:
        assert left >= 0
        assert right <= phone["view"]
    assert phone["smallest"] >= 10  # CSS pixels on screen, for every word of every chart


CONTRAST = """(() => {
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const pairs = [];
  const add = (what, el) => pairs.push([what, getComputedStyle(el).color, background(el)]);
  document.querySelectorAll('.badge').forEach(e => add('badge', e));
  document.querySelectorAll('.figures tr.unused td').forEach(e => add('set aside', e));
  document.querySelectorAll('.glance td, .glance th').forEach(e => add('table', e));
  document.querySelectorAll('h2 .count, .legend a, .meta, .foot').forEach(e => add('text', e));
  document.querySelectorAll('.seg').forEach(e => add('bar', e));
  for (const svg of document.querySelectorAll('svg.targets-chart')) {
    const paper = getComputedStyle(svg.querySelector('rect.paper')).fill;
    svg.querySelectorAll('text').forEach(
      t => pairs.push(['chart text', getComputedStyle(t).fill, paper]));
  }
  return pairs;
})()"""


def _rgb(css: str) -> tuple[float, float, float]:
    values = [float(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    return values[0], values[1], values[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_is_known() -> None:
    # Guards the computation: black on white is 21, a mid grey about 4.5.
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)


def test_badges_set_aside_rows_and_chart_text_meet_wcag_aa(
    browser: Chromium, example_page: str
) -> None:
    with tab(browser, example_page, width=1280) as evaluate:
        pairs = evaluate(CONTRAST)
    kinds = {what for what, _, _ in pairs}
    assert {"badge", "set aside", "table", "chart text", "bar"} <= kinds
    failing = [(w, f, b, round(contrast(f, b), 2)) for w, f, b in pairs if contrast(f, b) < 4.5]
    assert failing == []
