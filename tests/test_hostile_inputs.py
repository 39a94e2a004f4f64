"""Hostile input (issue 11, item 1): each is refused with exit code 2 and a message naming the
file and the line, or accepted where the rules say so, always within a time bound. Every
command runs in this process, cut by an alarm after `BOUND` seconds (see tests/fuzz)."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PROGRAMME
from .fuzz.runner import Run, run

BOUND = 10.0
"""Seconds: each of these runs takes a fraction of a second; the bound catches a hang."""

FIGURES = """\
figures:
  - {metric: firms, period: 2022, value: 60000, unit: firm, source: src}
"""


def folder_with(tmp_path: Path, programme: str = PROGRAMME, figures: str = FIGURES) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.yaml").write_text(programme, encoding="utf-8")
    (folder / "f.yaml").write_text(figures, encoding="utf-8")
    return folder


def targets(*args: str | Path, expect: int) -> Run:
    done = run(*(str(a) for a in args))
    assert done.exit_code == expect, str(done)
    assert done.seconds < BOUND, str(done)
    assert "Traceback" not in done.stderr, str(done)
    return done


def refused(folder: Path, where: str, message: str, *, command: str = "validate") -> None:
    """`command` on `folder` exits 2 with `message` at `where` (``file:line:col``)."""
    extra = ("--html", str(folder.parent / "r.html")) if command == "report" else ()
    done = targets(command, folder, *extra, expect=2)
    shown = f"{folder}/{where}"
    lines = [line for line in done.stderr.splitlines() if line.startswith(shown)]
    assert any(message in line for line in lines), f"wanted {shown}...{message}\n{done}"


def figure(value: str) -> str:
    return f"figures:\n  - {{metric: firms, period: 2022, value: {value}, unit: firm}}\n"


# --- numbers no double holds ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 10_000, "(10,000 digits) is too large: the largest number is about 1.8e308"),
        ("9" * 400, "(400 digits) is too large"),
        ("1e400", "'1e400' is too large"),
        ("-1e400", "'-1e400' is too large"),
        ("'1e400'", "'1e400' is too large"),
        ("1e-400", "'1e-400' is too small: a double would make it 0"),
        ("0x" + "f" * 300, "is too large"),
    ],
    ids=["10000-digits", "400-digits", "1e400", "-1e400", "1e400-as-text", "1e-400", "hex"],
)
def test_a_number_beyond_a_double_is_refused_where_it_is_written(
    tmp_path: Path, value: str, message: str
) -> None:
    refused(folder_with(tmp_path, figures=figure(value)), "f.yaml:2:42", message)


def test_a_huge_target_is_refused_by_check_and_report_not_only_validate(tmp_path: Path) -> None:
    programme = PROGRAMME.replace("at_least: 100000", "at_least: " + "9" * 400)
    folder = folder_with(tmp_path, programme)
    for command in ("validate", "check", "report"):
        refused(folder, "p.yaml:33:15", "(400 digits) is too large", command=command)


def test_a_value_beyond_a_double_after_unit_conversion_is_refused(tmp_path: Path) -> None:
    figures = "figures:\n  - {metric: revenue, period: 2021, value: 1e305, unit: USD quadrillion}\n"
    folder = folder_with(tmp_path, figures=figures)
    refused(folder, "f.yaml:2:44", "1e+305 USD quadrillion is too large in USD billion")


NAN_AND_INFINITY = {
    "figure value": (FIGURES.replace("60000", "{x}"), "f.yaml:2:42"),
    "figure change": (FIGURES.replace("source: src", "change: {x}"), "f.yaml:2:69"),
    "figure period": (FIGURES.replace("2022", "{x}"), "f.yaml:2:29"),
    "at_least": (PROGRAMME.replace("at_least: 100000", "at_least: {x}"), "p.yaml:33:15"),
    "by": (PROGRAMME.replace("by: 2025", "by: {x}"), "p.yaml:34:9"),
    "top": (PROGRAMME.replace("top: 30", "top: {x}"), "p.yaml:43:10"),
    "metric limit": (PROGRAMME.replace("limit: 100", "limit: {x}"), "p.yaml:23:12"),
    "programme base": (PROGRAMME.replace("base: 2019", "base: {x}"), "p.yaml:4:9"),
    "between": (
        PROGRAMME.replace("at_least: 100000", "between: [1, {x}]"),
        "p.yaml:33:",
    ),
    "thresholds": (
        PROGRAMME.replace("  base: 2019", "  base: 2019\n  thresholds: {statcan: {ok: {x}}}"),
        "p.yaml:5:",
    ),
}


@pytest.mark.parametrize("field", sorted(NAN_AND_INFINITY))
@pytest.mark.parametrize("x", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_refused_in_every_numeric_field(
    tmp_path: Path, field: str, x: str
) -> None:
    text, where = NAN_AND_INFINITY[field]
    written = text.replace("{x}", x)
    figures_file = where.startswith("f.yaml")
    folder = folder_with(
        tmp_path, PROGRAMME if figures_file else written, written if figures_file else FIGURES
    )
    done = targets("validate", folder, expect=2)
    assert f"{folder}/{where}" in done.stderr, str(done)


# --- the shape of the YAML ----------------------------------------------------------------


def test_a_billion_laughs_is_refused_at_its_first_anchor_at_once(tmp_path: Path) -> None:
    bomb = ["figures:", "  - &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"  - &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)]
    folder = folder_with(tmp_path, figures="\n".join(bomb) + "\n")
    refused(folder, "f.yaml:2:5", "anchors are not allowed (&a)")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("figures: " + "[" * 100_000 + "]" * 100_000, "f.yaml:1:", "invalid YAML"),
        ("figures: " + "[" * 70 + "]" * 70, "f.yaml:1:73: ", "nesting deeper than 64 levels"),
        (
            "figures:\n" + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(200)),
            "f.yaml:65:",
            "nesting deeper than 64 levels",
        ),
    ],
    ids=["100000-flow", "70-flow", "200-block"],
)
def test_deep_nesting_is_refused_not_recursed(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    refused(folder_with(tmp_path, figures=text), where, message)


def test_a_control_character_is_refused_where_it_is(tmp_path: Path) -> None:
    figures = FIGURES.replace("source: src", "source: s\x07rc")
    refused(folder_with(tmp_path, figures=figures), "f.yaml:2:70", "character U+0007")


ENCODINGS: dict[str, tuple[Callable[[str], bytes], str, str]] = {
    "invalid UTF-8": (
        lambda t: t.encode().replace(b"firm,", b"f\xffrm,"),
        "f.yaml:2:1",
        "not UTF-8",
    ),
    "UTF-16": (lambda t: t.encode("utf-16"), "f.yaml:1:1", "UTF-16 (a byte-order mark)"),
    "UTF-16 BE": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "f.yaml:1:1", "UTF-16"),
    "UTF-32": (lambda t: t.encode("utf-32"), "f.yaml:1:1", "UTF-32 (a byte-order mark)"),
    "UTF-16 without a mark": (lambda t: t.encode("utf-16-le"), "f.yaml:1:2", "NUL bytes"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_text_that_is_not_utf8_is_named_for_what_it_is(tmp_path: Path, encoding: str) -> None:
    encode, where, message = ENCODINGS[encoding]
    folder = folder_with(tmp_path)
    (folder / "f.yaml").write_bytes(encode(FIGURES))
    refused(folder, where, message)


@pytest.mark.parametrize(
    "encode",
    [lambda t: codecs.BOM_UTF8 + t.encode(), lambda t: t.replace("\n", "\r\n").encode()],
    ids=["utf-8-bom", "crlf"],
)
def test_a_utf8_byte_order_mark_and_crlf_line_ends_are_accepted(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    plain = targets("check", folder_with(tmp_path), "--format", "json", expect=0)
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "p.yaml").write_bytes(encode(PROGRAMME))
    (folder / "f.yaml").write_bytes(encode(FIGURES))
    same = targets("check", folder, "--format", "json", expect=0)
    assert same.stdout.replace(str(folder), "X") == plain.stdout.replace(str(tmp_path / "in"), "X")


def test_an_empty_file_is_a_warning_naming_it_and_strict_refuses_it(tmp_path: Path) -> None:
    # An empty figures file is how `targets record` starts one ("an empty file will do"),
    # so it is a warning, not an error; --strict makes every warning exit 2.
    folder = folder_with(tmp_path)
    (folder / "new.yaml").write_bytes(b"")
    done = targets("validate", folder, expect=0)
    assert f"{folder}/new.yaml:1:1: warning: empty file" in done.stderr
    refused_strict = targets("validate", "--strict", folder, expect=2)
    assert f"{folder}/new.yaml:1:1: warning: empty file" in refused_strict.stderr


# --- files that are not files -------------------------------------------------------------


def test_a_directory_where_a_file_is_expected_is_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    directory = tmp_path / "d.json"
    directory.mkdir()
    for option in ("--baseline", "--json", "--junit", "--markdown"):
        done = targets("check", folder, option, directory, expect=2)
        assert "d.json" in done.stderr, str(done)
    done = targets("report", folder, "--html", directory, expect=2)
    assert "d.json" in done.stderr, str(done)
    (tmp_path / "x.yaml").mkdir()
    done = targets("validate", tmp_path / "x.yaml", expect=2)
    assert f"{tmp_path / 'x.yaml'}:1:1: no .yaml, .yml, .csv or .parquet files in this" in (
        done.stderr
    )


def test_a_symlink_loop_is_refused_by_name(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    refused(folder, "a.yaml:1:1", "a symlink loop")
    refused(folder, "b.yaml:1:1", "a symlink loop")


# --- periods and units --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("1799", "year 1799 is outside 1800-2300"),
        ("2301", "year 2301 is outside 1800-2300"),
        ("99999999999", "year of more than 9 digits is outside 1800-2300"),
        ("2025-02-30", "'2025-02-30' is not a date: day is out of range for month"),
        ("2025-Q5", "'2025-Q5' is not a period"),
        ("2025-13", "month 13 does not exist"),
    ],
)
def test_a_period_off_the_time_axis_or_the_calendar_is_refused(
    tmp_path: Path, period: str, message: str
) -> None:
    figures = FIGURES.replace("period: 2022", f"period: {period}")
    refused(folder_with(tmp_path, figures=figures), "f.yaml:2:29", message)


def test_a_growth_statement_on_the_first_year_of_the_time_axis_is_refused(
    tmp_path: Path,
) -> None:
    figures = FIGURES.replace("period: 2022", "period: 1800").replace("source: src", "change: +7 %")
    message = "a change on 1800: year 1799 is outside 1800-2300"
    refused(folder_with(tmp_path, figures=figures), "f.yaml:2:69", message)


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("9**9**9 m", "'9**9**9' is not allowed in a unit"),
        ("m" * 10_000, "string should have at most 4000 characters"),
        ("firm " * 8, "more than 6 words in a unit"),
    ],
    ids=["power-tower", "10000-characters", "many-words"],
)
def test_unit_text_built_to_hang_pint_is_refused_at_once(
    tmp_path: Path, unit: str, message: str
) -> None:
    figures = FIGURES.replace("unit: firm", f"unit: {unit}")
    refused(folder_with(tmp_path, figures=figures), "f.yaml:2:55: ", message)


def test_a_10000_character_metric_unit_is_refused_at_once(tmp_path: Path) -> None:
    programme = PROGRAMME.replace("unit: rank", "unit: " + "r" * 10_000)
    refused(folder_with(tmp_path, programme), "p.yaml:26:11", "longer than 64 characters")


def test_a_quantity_built_to_make_the_patterns_backtrack_is_refused_at_once(
    tmp_path: Path,
) -> None:
    # '1-' and 100,000 spaces took minutes in parse_quantity's pattern (quadratic).
    programme = PROGRAMME.replace("at_least: 100000", "at_least: '1-" + " " * 100_000 + "x'")
    refused(folder_with(tmp_path, programme), "p.yaml:33:15", "longer than 100 characters")


# --- huge but representable numbers in every report ---------------------------------------


@pytest.mark.parametrize(
    ("programme", "figures"),
    [
        (PROGRAMME.replace("at_least: 100000", "at_least: 1e308"), FIGURES),
        (PROGRAMME, FIGURES.replace("60000", "1e308")),
        (
            PROGRAMME,
            FIGURES.replace("60000", "1.7e308")
            + FIGURES.replace("60000", "-1.7e308")
            .replace("figures:\n", "")
            .replace("2022", "2023"),
        ),
        (PROGRAMME, FIGURES.replace("60000", "5e-324")),
    ],
    ids=["target-1e308", "figure-1e308", "figures-of-both-signs", "subnormal"],
)
def test_numbers_a_double_holds_are_judged_and_reported(
    tmp_path: Path, programme: str, figures: str
) -> None:
    # Every number a double holds is judged and drawn, at either end of the range.
    folder = folder_with(tmp_path, programme, figures)
    targets("validate", folder, expect=0)
    done = targets("check", folder, "--format", "markdown", "--fail-on", "none", expect=0)
    assert "firms-2025" in done.stdout
    targets("report", folder, "--html", tmp_path / "r.html", expect=0)
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")


# --- baselines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, ":1:65: ", "nested deeper than 64 levels"),
        (
            '{"schema_version": 1, "results": [], "x": ' + "9" * 5000 + "}",
            ":1:43: ",
            "(5,000 digits)",
        ),
        ('{"schema_version": 1, "results": [], "x": 1e999}', ":1:43: ", "'1e999' is too large"),
        ('{"schema_version": 1, "results": [], "x": NaN}', ":1:43: ", "NaN is not a usable number"),
        ('{"schema_version": 1,\n "results": [}', ":2:14: ", "not JSON"),
    ],
    ids=["100000-deep", "5000-digits", "1e999", "nan", "broken"],
)
def test_a_hostile_baseline_is_refused_naming_its_file_and_line(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    baseline = tmp_path / "base.json"
    baseline.write_text(text, encoding="utf-8")
    done = targets("check", folder_with(tmp_path), "--baseline", baseline, expect=2)
    assert f"{baseline}{where}" in done.stderr, str(done)
    assert message in done.stderr, str(done)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_baseline_in_another_encoding_is_named_for_it(tmp_path: Path, encoding: str) -> None:
    baseline = tmp_path / "base.json"
    baseline.write_bytes('{"schema_version": 1, "results": []}'.encode(encoding))
    done = targets("check", folder_with(tmp_path), "--baseline", baseline, expect=2)
    assert f"{baseline}:1:1: not UTF-8 text: {encoding.upper()}" in done.stderr, str(done)


def test_a_fifo_as_baseline_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "base.json"
    os.mkfifo(fifo)
    done = targets("check", folder_with(tmp_path), "--baseline", fifo, expect=2)
    assert f"{fifo}: cannot read the baseline: not a regular file (a FIFO)" in done.stderr


# --- size: a bound on time and memory -----------------------------------------------------

# The peak is the process's own high-water mark (VmHWM), not `ru_maxrss`: Linux carries
# ru_maxrss across exec, so a child forked from a large pytest process would report the
# parent's size.
_MEASURED = (
    "import atexit, re, sys\n"
    "atexit.register(lambda: sys.stderr.write('maxrss=' + re.search("
    "r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1) + '\\n'))\n"
    "from targets.cli import main\n"
    "sys.argv = ['targets', *sys.argv[1:]]\n"
    "main()\n"
)


def measured(*args: str | Path, limit_mib: float | None = None) -> tuple[int, str, float, int]:
    """The command in a child process, under a 2 GiB address-space cap: its exit code,
    standard error, seconds and peak memory in MB."""
    import resource  # noqa: PLC0415 - POSIX only, as the cap is
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import time  # noqa: PLC0415

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    env = {k: v for k, v in os.environ.items() if k != "TARGETS_MAX_YAML_MIB"}
    if limit_mib is not None:
        env["TARGETS_MAX_YAML_MIB"] = str(limit_mib)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        preexec_fn=cap,
        check=False,
    )
    seconds = time.monotonic() - start
    peak = int(done.stderr.rsplit("maxrss=", 1)[1].split()[0]) // 1024
    return done.returncode, done.stderr, seconds, peak


def many_figures(folder: Path, megabytes: float) -> Path:
    """A YAML figures file of about `megabytes` MB, one key per line, as a script writes."""
    block = "  - metric: firms\n    period: {}\n    value: {}\n    unit: firm\n    entity: E{}\n"
    count = int(megabytes * 1e6 / len(block.format(2000, 10000, 100)))
    text = "figures:\n" + "".join(
        block.format(1900 + i % 400, 1000 + i, i // 400) for i in range(count)
    )
    path = folder / "many.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_50_mb_yaml_file_is_refused_at_once_within_bounded_memory(tmp_path: Path) -> None:
    # It used to take minutes and gigabytes; the YAML files of a run are limited together
    # (16 MiB by default), checked from their sizes before a byte is parsed.
    folder = folder_with(tmp_path)
    big = many_figures(folder, 50)
    code, stderr, seconds, peak = measured("validate", folder)
    assert code == 2, stderr
    assert (
        f"{big}:1:1: refused: its 48.3 MiB would take the YAML files read past 16 MiB in all; "
        "put bulk figures in CSV, or raise $TARGETS_MAX_YAML_MIB"
    ) in stderr, stderr
    assert seconds < 30, seconds
    assert peak < 400, peak


def test_the_yaml_limit_is_set_by_the_environment(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    code, stderr, _seconds, _peak = measured("validate", folder, limit_mib=0.001)
    assert code == 2
    size = (folder / "p.yaml").stat().st_size / 1024
    assert (
        f"{folder}/p.yaml:1:1: refused: its {size:.3g} KiB would take the YAML files read past "
        "1.02 KiB in all"
    ) in stderr, stderr
    code, stderr, _seconds, _peak = measured("validate", folder, limit_mib="lots")  # type: ignore[arg-type]
    assert code == 2
    assert "$TARGETS_MAX_YAML_MIB:1:1: 'lots' is not a number of MiB (such as 8 or 64)" in stderr


def test_yaml_figures_under_the_limit_load_in_time_and_memory_linear_in_their_size(
    tmp_path: Path,
) -> None:
    # 2 MB is about 28,000 figures; reading costs about 0.3 ms and 3 KB each, and pydantic,
    # pint and numpy themselves about 100 MB.
    folder = folder_with(tmp_path)
    many_figures(folder, 2)
    code, stderr, seconds, peak = measured("validate", folder, limit_mib=64)
    assert code == 0, stderr[-2000:]
    assert seconds < 90, seconds
    assert peak < 800, peak


def test_a_flow_collection_on_one_long_line_reads_in_time_linear_in_its_size(
    tmp_path: Path,
) -> None:
    # The fast reader once copied what was left of the line for each item of a flow list
    # or mapping: a 0.9 MB line took 8 s, and 4 MB would take minutes.
    folder = folder_with(tmp_path)
    entries = ", ".join(f"k{i}: [1, x]" for i in range(300_000))
    (folder / "long.yaml").write_text(f"notes: {{{entries}}}\n", encoding="utf-8")
    assert (folder / "long.yaml").stat().st_size > 4_000_000
    code, stderr, seconds, _peak = measured("validate", folder)
    assert code == 0, stderr[-2000:]
    assert "long.yaml:1:1: warning: skipped: not a rules or figures file" in stderr  # read whole
    assert seconds < 60, seconds


# --- found by fuzzing (tests/fuzz): each failed with exit 3 before its fix ------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


def example_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the example with `old` (found exactly once in `file`) made `new`."""
    folder = tmp_path / "example"
    for source in EXAMPLE.rglob("*"):
        if source.is_file() and source.suffix in {".yaml", ".csv"}:
            target = folder / source.relative_to(EXAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_a_huge_estimate_does_not_overflow_the_charts_compound_trend(tmp_path: Path) -> None:
    # OverflowError in the trend's factor ** years (render/_chart.py).
    old = "  - metric: de-share-gdp-mic\n    period: 2023\n    value: 16.5\n"
    folder = example_with(
        tmp_path, "figures/digital-economy.yaml", old, old.replace("16.5", "1e308")
    )
    targets("report", folder, "--html", tmp_path / "r.html", expect=0)


def test_a_tiny_first_figure_does_not_overflow_the_charts_compound_trend(tmp_path: Path) -> None:
    # A growth factor of 1e100 a year, projected: the same OverflowError.
    old = "    period: 2020\n    value: 1.1\n    unit: million person\n"
    folder = example_with(tmp_path, "figures/workforce.yaml", old, old.replace("1.1", "1e-308"))
    targets("report", folder, "--html", tmp_path / "r.html", expect=0)


def test_a_huge_figure_with_a_growth_statement_does_not_overflow_the_value_axis(
    tmp_path: Path,
) -> None:
    # The generated programme that found it: 1.7e308 and the 1.59e308 it implies for the year
    # before made the axis's span infinite (render/_svg_axes.py).
    programme = """\
programme: {name: Fuzzed, base: 2015}
sources: [{id: s1, publisher: Ministry, date: 2025-01}]
metrics: [{id: m0, name: Metric 0, unit: firm, direction: higher}]
targets: [{id: t0-0, metric: m0, at_least: 1.0, by: 2016, severity: warn}]
"""
    figures = """\
figures:
  - {metric: m0, period: 1990, value: 1.7e+308, unit: firm, change: +7 %, source: s1}
  - {metric: m0, period: 2016, value: "1-1.5", unit: firm, change: +7 %, source: s1}
"""
    folder = folder_with(tmp_path, programme, figures)
    targets("report", folder, "--html", tmp_path / "r.html", expect=0)
    targets("check", folder, "--format", "markdown", expect=0)


# --- line breaks other than \n and \r -------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "name"), [("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\x85", "U+0085")]
)
def test_a_unicode_line_separator_in_yaml_is_refused_where_an_editor_shows_it(
    tmp_path: Path, char: str, name: str
) -> None:
    # PyYAML (YAML 1.1) counts these as line breaks: every later line number was one off,
    # and a quoted value's text folded. Line 2, column 31: the 30 characters
    # `  - {metric: firms, source: "s` come before it.
    figures = f'figures:\n  - {{metric: firms, source: "s{char}x", period: 2022, value: 1}}\n'
    refused(folder_with(tmp_path, figures=figures), "f.yaml:2:31", f"character {name}")


def test_a_line_separator_inside_a_csv_cell_leaves_later_rows_columns_in_place(
    tmp_path: Path,
) -> None:
    # The row reader split lines with str.splitlines, which also breaks at U+2028 and \x0b:
    # the rows after such a cell were given the cells of the wrong line. 'abc' starts at
    # column 12 of line 3, after the 11 characters `firms,2021,`.
    folder = folder_with(tmp_path)
    (folder / "f.yaml").unlink()
    (folder / "f.csv").write_text(
        'metric,period,value,unit\nfirms,2020,1,"fi\u2028rm"\nfirms,2021,abc,firm\n',
        encoding="utf-8",
    )
    refused(folder, "f.csv:3:12", "'abc' is not a number")


def test_an_id_too_long_is_refused_saying_how_long_an_id_may_be(tmp_path: Path) -> None:
    # 81 letters: every character allowed, so the message must say the length is the fault
    rule = "an id is 1 to 80 letters, digits, '-', '_', '.' or ':', the first a letter or digit"
    long = "f" * 81
    folder = folder_with(tmp_path, figures=figure("1").replace("metric: firms", f"metric: {long}"))
    refused(folder, "f.yaml:2:14", f"'{long[:57]}...' is not a valid id: {rule}")
    (folder / "f.yaml").unlink()
    (folder / "f.csv").write_text(f"metric,period,value,unit\n{long},2022,1,firm\n", "utf-8")
    refused(folder, "f.csv:2:1", f"is not a valid id: {rule}")
