"""CI safety: files from a pull request can neither leak the runner's secrets nor forge its
workflow commands. Each test runs the installed command, as a CI job does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from junitparser import JUnitXml

import targets
from targets import ExitCode
from targets._safe import GuardStyle, excerpt, guard, oneline

Write = Callable[[dict[str, str]], Path]

CANARY = "s3cr3t-canary-4711"

PROGRAMME = """\
programme: {name: Safe}
sources: [{id: s, publisher: P, date: 2025-01}]
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: firms-2030, metric: firms, at_least: 100, by: 2030, source: s}
"""
FIGURES = """\
metric,period,value,unit,source
firms,2020,50,firm,s
firms,2024,60,firm,s
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, with a secret in its environment as a CI runner has."""
    env = {**os.environ, "SECRET_TOKEN": CANARY, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def lines_of(text: str) -> list[str]:
    """Lines as a CI runner splits them: at LF, CR or CRLF."""
    return re.split(r"\r\n|\r|\n", text)


@pytest.fixture
def folder(write: Write) -> Path:
    root = write({"ex/programme.yaml": PROGRAMME, "ex/figures.csv": FIGURES})
    return root / "ex"


# 1. Only regular files inside the checked folders are read.


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_link_to_the_process_environment_is_refused_unread(folder: Path, command: str) -> None:
    (folder / "env.csv").symlink_to("/proc/self/environ")
    result = run(command, str(folder))
    assert result.returncode == ExitCode.INVALID
    assert CANARY not in result.stdout + result.stderr
    assert "env.csv:1:1: refused: the link leads to a special file system" in result.stderr


def test_a_link_to_a_file_outside_the_folder_is_refused_unread(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{CANARY}: 1\n", encoding="utf-8")
    (folder / "leak.yaml").symlink_to(outside / "secret.yaml")
    result = run("validate", str(folder))
    assert result.returncode == ExitCode.INVALID
    assert CANARY not in result.stdout + result.stderr
    assert "leak.yaml:1:1: refused: the link leads outside" in result.stderr
    assert "--follow-links-outside" in result.stderr


def test_follow_links_outside_reads_the_linked_file(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "more.csv").write_text("metric,period,value,unit\nfirms,2023,55,firm\n")
    (folder / "more.csv").symlink_to(outside / "more.csv")
    assert run("validate", str(folder)).returncode == ExitCode.INVALID
    allowed = run("validate", "--follow-links-outside", str(folder))
    assert allowed.returncode == ExitCode.OK, allowed.stderr
    assert "3 figures" in allowed.stdout


def test_a_link_given_on_the_command_line_must_stay_in_its_folder(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{CANARY}: 1\n", encoding="utf-8")
    (folder / "named.yaml").symlink_to(outside / "secret.yaml")
    result = run("validate", str(folder / "programme.yaml"), str(folder / "named.yaml"))
    assert result.returncode == ExitCode.INVALID
    assert CANARY not in result.stdout + result.stderr
    assert "named.yaml:1:1: refused: the link leads outside" in result.stderr


def test_a_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "data").mkdir()
    (folder / "figures.csv").rename(folder / "data" / "figures.csv")
    (folder / "alias.csv").symlink_to(folder / "data" / "figures.csv")
    result = run("validate", str(folder))
    assert result.returncode == ExitCode.OK, result.stderr
    assert "2 figures" in result.stdout  # read once, not once per path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda f: (f / "gone.csv").symlink_to(f / "nowhere.csv"), "the link leads nowhere"),
        (lambda f: (f / "loop.yaml").symlink_to(f / "loop.yaml"), "a symlink loop"),
        (lambda f: os.mkfifo(f / "pipe.csv"), "not a regular file (a FIFO)"),
        (lambda f: (f / "gone").symlink_to(f / "no-folder"), "the link leads nowhere"),
    ],
    ids=["dangling", "loop", "fifo", "dangling-folder"],
)
def test_what_cannot_be_read_is_an_error_naming_it_never_skipped(
    folder: Path, make: Callable[[Path], object], message: str
) -> None:
    make(folder)
    for command in ("validate", "check"):
        result = run(command, str(folder))
        assert result.returncode == ExitCode.INVALID, (command, result.stderr)
        assert f"cannot read: {message}" in result.stderr
        assert "Traceback" not in result.stderr


def test_an_unreadable_file_is_an_error_naming_it(folder: Path) -> None:
    if os.geteuid() == 0:  # root reads everything: make the path a folder named like a file
        (folder / "locked.csv").mkdir()
        (folder / "locked.csv" / "inner.txt").write_text("x")
        expected = "locked.csv"
    else:
        locked = folder / "locked.csv"
        locked.write_text(FIGURES)
        locked.chmod(0)
        expected = "locked.csv:1:1: cannot read"
    result = run("validate", str(folder))
    # a folder named locked.csv holds no file of ours: the rest still loads
    if os.geteuid() == 0:
        assert result.returncode == ExitCode.OK
    else:
        assert result.returncode == ExitCode.INVALID
        assert expected in result.stderr


# 2. Messages quote short, escaped excerpts only.


def test_an_unknown_column_is_quoted_as_a_short_escaped_excerpt(folder: Path) -> None:
    header = "metric,period,value,unit," + "SECRET=" + "x" * 5000 + "\x1b[31m"
    (folder / "figures.csv").write_text(header + "\nfirms,2024,1,firm,\n", encoding="utf-8")
    result = run("validate", str(folder))
    assert result.returncode == ExitCode.INVALID
    line = next(li for li in result.stderr.splitlines() if "unknown column" in li)
    quoted_part = line.split("unknown column '", 1)[1].split("'", 1)[0]
    assert len(quoted_part) <= 60
    assert quoted_part.endswith("...")
    assert "\x1b" not in result.stderr


def test_a_value_holding_a_newline_stays_on_its_positioned_line(folder: Path) -> None:
    text = PROGRAMME.replace("unit: firm,", 'unit: "firm\\n::error::forged",', 1)
    (folder / "programme.yaml").write_text(text, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.returncode == ExitCode.INVALID
    for line in lines_of(result.stderr):
        assert not line.lstrip().startswith("::")
    bad = [li for li in result.stderr.splitlines() if "forged" in li]
    assert bad
    assert all(re.match(r"^\S+:\d+:\d+: ", li) for li in bad)
    assert all("\\n::error" in li for li in bad)


def test_excerpts_escape_controls_and_stop_at_the_limit() -> None:
    assert excerpt("a\nb\x1b[2J\u2028c\td") == "a\\nb\\x1b[2J\\u2028c\\td"
    assert excerpt("x" * 100) == "x" * 57 + "..."
    assert len(excerpt("y" * 10_000, 20)) == 20
    assert oneline("  one\r\ntwo  ") == "one\\r\\ntwo"


# 3. No input string can start an output line; 4. XML is always well-formed.

FORGED = "p\n::error file=x.yaml,line=1::forged annotation"
HOSTILE = f"""\
programme:
  name: {json.dumps(FORGED)}
sources:
  - id: s
    publisher: "\\r::warning::carriage"
    title: "T\\n::stop-commands::token123"
    date: 2025-01
metrics:
  - {{id: firms, name: "\\e[2J\\e[31mred firms", unit: firm, direction: higher}}
targets:
  - id: t1
    name: "n\\n##[error]legacy command"
    metric: firms
    at_least: 100
    by: 2030
    source: s
    quote: "q\\n  ::error::indented forge"
    note: "a note\\n::add-mask::x"
  - id: t2
    name: "::error::at the start"
    metric: firms
    at_least: 5000
    by: 2022
    owner: "o\\u2028::error::line separator"
  - id: t3
    name: "{"N" * 70} \\u00a0::error::after a no-break space, where the line wraps"
    metric: firms
    at_least: 200
    by: 2030
    quote: "q\\n\\u2003::error::after an em space"
figures:
  - {{metric: firms, period: 2020, value: 50, unit: firm, source: s,
      note: "f\\n::error::figure note"}}
  - {{metric: firms, period: 2024, value: 80, unit: firm, source: s}}
"""
OURS = re.compile(r"^::(error|warning|notice) ")


def assert_safe(output: str, *, own_commands: bool = False) -> None:
    """No line a runner would execute, unless it is one of our own annotations. The
    runner trims every Unicode space before it looks (.NET's ``TrimStart``), as
    `str.lstrip` does."""
    assert "\x1b" not in output
    assert "##[" not in output
    for line in lines_of(output):
        if own_commands and OURS.match(line):
            continue
        assert not line.lstrip().startswith("::"), line


@pytest.fixture
def hostile(write: Write) -> Path:
    return write({"h/p.yaml": HOSTILE}) / "h"


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--explain"],
        ["check", "--format", "markdown"],
        ["check", "--format", "json"],
        ["check", "--format", "junit"],
        ["check", "--format", "sarif"],
        ["check", "--format", "gitlab"],
        ["check", "--json", "-"],
        ["explain", "t1"],
        ["explain", "t2"],
        ["validate"],
    ],
    ids="-".join,
)
def test_forged_workflow_commands_never_start_a_line(hostile: Path, args: list[str]) -> None:
    if args[0] == "explain":
        result = run(*args, str(hostile))
    else:
        result = run(args[0], str(hostile), *args[1:])
    assert result.returncode in {ExitCode.OK, ExitCode.GATE}, result.stderr
    assert_safe(result.stdout)
    assert_safe(result.stderr)


def test_no_input_string_starts_a_line_of_a_report_file(hostile: Path, tmp_path: Path) -> None:
    files = {ext: tmp_path / f"r.{ext}" for ext in ("json", "jsonl", "junit", "markdown")}
    options = [arg for ext, path in files.items() for arg in (f"--{ext}", str(path))]
    checked = run("check", str(hostile), *options)
    assert checked.returncode in {ExitCode.OK, ExitCode.GATE}, checked.stderr
    page = tmp_path / "r.html"
    reported = run("report", str(hostile), "--html", str(page))
    assert reported.returncode == ExitCode.OK, reported.stderr
    for path in [*files.values(), page]:
        for line in lines_of(path.read_text(encoding="utf-8")):
            assert not line.lstrip().startswith("::"), (path.name, line)


def test_the_github_format_escapes_input_inside_its_own_commands(hostile: Path) -> None:
    result = run("check", str(hostile), "--format", "github", "--fail-on", "at_risk")
    assert result.returncode == ExitCode.GATE
    assert_safe(result.stdout, own_commands=True)
    assert_safe(result.stderr)
    assert all(OURS.match(line) for line in result.stdout.splitlines())


def test_the_json_report_keeps_input_strings_exactly(hostile: Path) -> None:
    result = run("check", str(hostile), "--format", "json")
    document = json.loads(result.stdout)
    assert document["programme"]["name"] == FORGED
    names = {r["target"]: r["name"] for r in document["results"]}
    assert names["t1"] == "n\n##[error]legacy command"


def test_junit_parses_for_input_holding_every_c0_control(write: Write) -> None:
    controls = "".join(f"\\x{code:02x}" for code in range(32))
    text = (
        PROGRAMME.replace("{name: Safe}", f'{{name: "all{controls}"}}')
        .replace("by: 2030,", f'by: 2030, name: "n{controls}", quote: "q{controls}",')
        .replace("publisher: P", f'publisher: "P{controls}"')
    )
    folder = write({"c/p.yaml": text, "c/f.csv": FIGURES}) / "c"
    result = run("check", str(folder), "--format", "junit")
    assert result.returncode in {ExitCode.OK, ExitCode.GATE}, result.stderr
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    junit_file = folder.parent / "out.xml"
    assert run("check", str(folder), "--junit", str(junit_file)).returncode != ExitCode.INTERNAL
    suite = next(iter(JUnitXml.fromfile(str(junit_file))))
    assert str(suite.name).startswith("all")


def test_guard_keeps_json_and_xml_meaning() -> None:
    document = json.dumps({"a": "##[error]x", "b": "line\n::error::y"}, indent=2)
    assert json.loads(guard(document, "json")) == {"a": "##[error]x", "b": "line\n::error::y"}
    xml = "<a>\n::error::x ##[warning]y\r::z</a>"
    guarded = guard(xml, "xml")
    assert ET.fromstring(guarded).text == "\n::error::x ##[warning]y\r::z"
    assert_safe(guarded)


def test_guard_keeps_the_colour_codes_of_the_text_report_only() -> None:
    red = "\x1b[31mOFF TRACK\x1b[0m"
    assert guard(red, colour=True) == red
    assert guard("\x1b]0;title\x07", colour=True) == "\\x1b]0;title\\x07"
    assert guard(red) == "\\x1b[31mOFF TRACK\\x1b[0m"


# 5. The HTML report: links only for http and https.


def test_a_javascript_url_is_refused_when_loading(write: Write) -> None:
    text = PROGRAMME.replace("date: 2025-01}", 'date: 2025-01, url: "javascript:alert(1)"}')
    folder = write({"j/p.yaml": text, "j/f.csv": FIGURES}) / "j"
    result = run("validate", str(folder))
    assert result.returncode == ExitCode.INVALID
    assert "is not an http(s) address" in result.stderr


def test_the_html_report_links_only_http_sources(write: Write) -> None:
    from targets.render._html import source_link  # noqa: PLC0415

    folder = write({"l/p.yaml": PROGRAMME, "l/f.csv": FIGURES}) / "l"
    source = targets.load(folder).sources["s"]
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil"):
        forged = source.model_copy(update={"url": url})  # past the loader's own check
        assert "href" not in source_link(forged)
    assert 'href="https://example.org/a"' in source_link(
        source.model_copy(update={"url": "https://example.org/a"})
    )


def test_html_on_standard_output_is_guarded(hostile: Path) -> None:
    result = run("report", str(hostile), "--html", "-")
    assert result.returncode == ExitCode.OK, result.stderr
    assert_safe(result.stdout)
    ET.fromstring(result.stdout)


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000", "\u205f", "\u1680", " \t\u202f"])
@pytest.mark.parametrize("style", ["text", "markdown", "xml"])
def test_guard_sees_a_command_after_any_unicode_space(space: str, style: GuardStyle) -> None:
    assert_safe(guard(f"a\n{space}::error::forged", style))


ENTITIES = """\
programme: {name: Entities}
metrics: [{id: firms, name: Firms, unit: firm, direction: higher}]
targets:
  - {id: t, metric: firms, at_least: 100, by: 2030, for_each: all}
figures:
  - {metric: firms, period: 2020, value: 50, unit: firm, entity: "x\\n::error::forged one"}
  - {metric: firms, period: 2024, value: 60, unit: firm, entity: "x\\n::error::forged one"}
  - {metric: firms, period: 2020, value: 50, unit: firm, entity: "\\e[31m##[error]two"}
  - {metric: firms, period: 2024, value: 60, unit: firm, entity: "\\e[31m##[error]two"}
"""


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "t"],  # judged per entity: the message names some
        ["explain", "t[x ::error::forged one]"],  # a close name suggested
        ["check", "--select", "entity:x ::error::forged one"],  # the same, for a pattern
    ],
    ids=["per-entity", "suggested", "selected"],
)
def test_names_given_back_in_error_messages_start_no_line(write: Write, args: list[str]) -> None:
    folder = write({"e/p.yaml": ENTITIES}) / "e"
    result = (
        run(*args, str(folder)) if args[0] == "explain" else run(args[0], str(folder), *args[1:])
    )
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert_safe(result.stderr)
    assert "forged one" in result.stderr or "two" in result.stderr


@pytest.mark.parametrize(
    "setting",
    [
        'fail-on = "x\\n::error::forged"',
        '"a\\n::error::forged" = 1',
        'select = ["x\\n::error::forged"]',
        'json = "x\\n::error::forged/a.json"',
    ],
)
def test_settings_quoted_in_error_messages_start_no_line(folder: Path, setting: str) -> None:
    """A settings file is input too (it can arrive in the same pull request)."""
    (folder / "targets.toml").write_text(setting + "\n", encoding="utf-8")
    result = run("check", ".", cwd=folder)
    assert result.returncode == ExitCode.INVALID, result.stderr
    assert_safe(result.stderr)
    assert "forged" in result.stderr


def test_a_recorded_figure_s_diff_shows_the_file_s_lines_guarded(write: Write) -> None:
    files = {
        "r/rules.yaml": PROGRAMME,
        "r/figs.yaml": """\
            figures:
              - metric: firms
                period: 2020
                value: 1
                unit: firm
                note: >
                  ::error::forged from a folded note
                  ##[error]and a legacy one
            """,
    }
    folder = write(files) / "r"
    args = ["--metric", "firms", "--period", "2021", "--value", "2", "--unit", "firm"]
    result = run("record", str(folder / "figs.yaml"), *args, "--dry-run")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "forged from a folded note" in result.stdout
    assert_safe(result.stdout)


def test_markdown_keeps_input_from_making_markup(write: Write) -> None:
    """An HTML comment in a name would hide the rest of a step summary; a backtick in an
    entity would end its code span and let raw HTML render."""
    text = ENTITIES.replace("{name: Entities}", '{name: "Summary <!-- hides the rest"}')
    text = text.replace('"x\\n::error::forged one"', '"`<img src=https://e.x/p.png>`"')
    result = run("check", str(write({"m/p.yaml": text}) / "m"), "--format", "markdown")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "## Summary &lt;!-- hides the rest" in result.stdout
    assert "<!--" not in result.stdout
    assert "``t[`<img src=https://e.x/p.png>`]``" in result.stdout
    assert_safe(result.stdout)


UNSEEN = "\x7f\x85\x9b\u202e\u2066\u2028"
"""DEL, C1 controls (NEL, CSI), a bidi override and isolate, a line separator."""


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "json"], ["check", "--format", "jsonl"], ["report", "--html", "-"]],
)
def test_json_and_html_on_standard_output_write_no_raw_control(
    write: Write, args: list[str]
) -> None:
    """Legal inside a JSON string or XML text, yet a terminal may obey them: escaped the
    format's way, so the document still holds the same text."""
    name = f"a{UNSEEN}b"
    rules = PROGRAMME.replace("name: Firms", f"name: {json.dumps(name)}")
    folder = write({"u/p.yaml": rules, "u/f.csv": FIGURES})
    result = run(args[0], str(folder / "u"), *args[1:])
    assert result.returncode in {ExitCode.OK, ExitCode.GATE}, result.stderr
    assert not set(UNSEEN) & set(result.stdout)
    if args[-1] == "json":
        assert json.loads(result.stdout)["results"][0]["metric_name"] == name
    elif args[-1] == "jsonl":
        assert json.loads(result.stdout.splitlines()[1])["metric_name"] == name
    else:
        ET.fromstring(result.stdout)  # still well-formed


def test_a_file_name_and_a_baseline_text_that_are_no_utf8_are_escaped_in_every_report(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "programme.yaml").rename(folder / os.fsdecode(b"r\xff.yaml"))
    baseline = tmp_path / "b.json"
    baseline.write_text(  # a target must be an id (a baseline's entity is any text)
        '{"schema_version": 1, "results": '
        '[{"target": "firms-2030", "entity": "\\ud800", "status": "achieved"}]}'
    )
    kinds = ("json", "jsonl", "junit", "markdown", "sarif", "gitlab")
    files = {kind: tmp_path / f"r.{kind}" for kind in kinds}
    options = [arg for kind, path in files.items() for arg in (f"--{kind}", str(path))]
    result = run("check", str(folder), "--baseline", str(baseline), *options)
    assert result.returncode in {ExitCode.OK, ExitCode.GATE}, result.stderr
    assert "firms-2030[\\ud800]: removed (was achieved)" in result.stdout
    report = json.loads(files["json"].read_text(encoding="utf-8"))
    assert any(name.endswith("r\\udcff.yaml") for name in report["programme"]["files"])
    assert "r\\\\udcff.yaml" in files["jsonl"].read_text(encoding="utf-8")  # JSON's escape
    assert "r\\udcff.yaml" in files["junit"].read_text(encoding="utf-8")
    assert json.loads(files["sarif"].read_text(encoding="utf-8"))["runs"]
