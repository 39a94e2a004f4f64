"""A programme in a notebook: Jupyter shows it as the notebook's programme table (escaped),
and a target looked up by an id it lacks raises the project's `UnknownTargetError` (a
KeyError, as for a report), the id quoted escaped and the closest one suggested."""

from __future__ import annotations

from pathlib import Path

import pytest

import targets
from targets.notebook import programme_html

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vietnam-digital"


def test_jupyter_shows_a_programme_as_its_table() -> None:
    programme = targets.load(EXAMPLE)
    assert programme._repr_html_() == programme_html(programme)


def test_a_programme_name_with_markup_is_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        'programme: {id: p, name: "<script>alert(1)</script>"}\n', encoding="utf-8"
    )
    shown = targets.load(tmp_path)._repr_html_()
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown


def test_an_unknown_target_id_is_an_unknown_target_error_suggesting_the_closest() -> None:
    programme = targets.load(EXAMPLE)
    with pytest.raises(targets.UnknownTargetError) as caught:
        programme.target("dt-firms-100k-203")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value) == "no target 'dt-firms-100k-203' (did you mean 'dt-firms-100k-2030'?)"


def test_an_unknown_target_id_is_quoted_escaped() -> None:
    programme = targets.load(EXAMPLE)
    with pytest.raises(targets.UnknownTargetError) as caught:
        programme.target("x\n::error::forged")
    assert "\n" not in str(caught.value)
    assert "'x\\n::error::forged'" in str(caught.value)
