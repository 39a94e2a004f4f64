"""Fuzzing the command: generated programmes and mutated examples through ``validate``,
``check`` and ``report``, and mutated baselines through ``--baseline``.

The property is in `runner.keeps_the_property`. The normal suite runs a handful of cases (a
few seconds); ``pytest tests/fuzz --fuzz-long`` (or TARGETS_FUZZ_LONG=1) runs at least
10,000, and TARGETS_FUZZ_EXAMPLES sets the number. A failure found this way becomes a named
test in tests/test_hostile_inputs.py.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import targets
from targets.judge import load_baseline

from .mutations import EXAMPLE, apply, describe, mutated_example
from .programmes import Generated, programmes
from .runner import examples, judge_everything, run

SETTINGS = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "print_blob": True,
}


@settings(max_examples=examples(4, 6_000), **SETTINGS)  # type: ignore[arg-type]
@given(plan=mutated_example())
def test_a_mutated_example_is_judged_or_refused_with_positions(plan: object) -> None:
    note(describe(plan))  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="targets-fuzz-") as temp:
        folder, out = Path(temp) / "in", Path(temp) / "out"
        apply(plan, folder)  # type: ignore[arg-type]
        out.mkdir()
        judge_everything(folder, out)


@settings(max_examples=examples(4, 4_000), **SETTINGS)  # type: ignore[arg-type]
@given(generated=programmes())
def test_a_generated_programme_is_judged_and_reported(generated: Generated) -> None:
    with tempfile.TemporaryDirectory(prefix="targets-fuzz-") as temp:
        folder, out = Path(temp) / "in", Path(temp) / "out"
        generated.write(folder)
        out.mkdir()
        validated, checked, reported = judge_everything(folder, out)
        assert validated.exit_code == 0, str(validated)  # the strategies make valid input
        assert checked.exit_code in {0, 1}, str(checked)
        assert reported.exit_code == 0, str(reported)
        json.loads((out / "r.json").read_text(encoding="utf-8"))


def test_generated_programmes_are_valid_by_the_models() -> None:
    # The strategies are held to the models directly too, without the command around them.
    @settings(max_examples=examples(15, 300), **SETTINGS)  # type: ignore[arg-type]
    @given(generated=programmes())
    def loads(generated: Generated) -> None:
        with tempfile.TemporaryDirectory(prefix="targets-fuzz-") as temp:
            generated.write(Path(temp))
            problems = [d for d in targets.validate(temp) if d.severity == "error"]
            assert problems == [], "\n".join(map(str, problems))

    loads()


_REPORT: dict[str, str] = {}


def _report_text() -> str:
    if "text" not in _REPORT:
        with tempfile.TemporaryDirectory(prefix="targets-fuzz-") as temp:
            path = Path(temp) / "r.json"
            run("check", str(EXAMPLE), "--json", str(path))
            _REPORT["text"] = path.read_text(encoding="utf-8")
    return _REPORT["text"]


@settings(max_examples=examples(25, 2_000), **SETTINGS)  # type: ignore[arg-type]
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from(
                ["[" * 80, "1e999", "NaN", "-Infinity", "9" * 5000, '"', "\x00", "}", "\\", ""]
            ),
            st.integers(0, 40),
        ),
        min_size=1,
        max_size=4,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"]),
)
def test_a_mutated_baseline_is_read_or_refused_naming_the_file(
    edits: list[tuple[int, str, int]], encoding: str
) -> None:
    text = _report_text()
    for where, insert, cut in edits:
        at = where % (len(text) + 1)
        text = text[:at] + insert + text[at + cut :]
    with tempfile.TemporaryDirectory(prefix="targets-fuzz-") as temp:
        path = Path(temp) / "baseline.json"
        path.write_bytes(text.encode(encoding, "replace"))
        refused = _refusal(path)
        assert refused is None or refused.startswith(str(path)), refused


def _refusal(path: Path) -> str | None:
    """Why `load_baseline` refuses the file, or None when it reads it."""
    try:
        load_baseline(path)
    except targets.BaselineError as exc:
        return str(exc)
    return None
