"""`Programme.with_figures(path)`: a planner adds a figures file to a loaded programme and
gets what loading it with the rules gives (YAML, CSV read either way, Parquet); a file
that is no figures file, or holds rules, is a LoadError naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

import targets
from tests.readers import read_by

RULES = """\
programme: {id: p, name: P}
sources:
  - {id: gso, publisher: GSO, date: 2025-01-24}
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
targets:
  - {id: firms-2030, metric: firms, at_least: 100000, by: 2030, base: 2020}
"""
CSV = "metric,period,value,unit,source\nfirms,2020,50000,firm,\nfirms,2023,90,firm thousand,gso\n"


def _both(tmp_path: Path, name: str) -> tuple[targets.Programme, targets.Programme]:
    """The programme with the file added afterwards, and loaded with it."""
    rules = tmp_path / "rules" / "p.yaml"
    rules.parent.mkdir()
    rules.write_text(RULES, encoding="utf-8")
    added = targets.load(rules).with_figures(tmp_path / name)
    return added, targets.load(rules, tmp_path / name)


def _seen(programme: targets.Programme) -> list[tuple[str, float | None, str | None, int]]:
    return [
        (f.period.label, f.value, f.source.id if f.source else None, f.location.line)
        for f in programme.figures
        if f.location is not None
    ]


@pytest.mark.parametrize("columnar", [False, True])
def test_a_csv_file_adds_what_loading_it_with_the_rules_gives(
    tmp_path: Path, columnar: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_by(monkeypatch, columnar=columnar)
    (tmp_path / "f.csv").write_text(CSV, encoding="utf-8")
    added, loaded = _both(tmp_path, "f.csv")
    # 90 firm thousand is 90,000 firms; the second row cites gso
    assert _seen(added) == [("2020", 50000.0, None, 2), ("2023", 90000.0, "gso", 3)]
    assert _seen(added) == _seen(loaded)
    assert targets.check(added)[0].status == targets.check(loaded)[0].status


def test_a_yaml_or_parquet_file_adds_its_figures(tmp_path: Path) -> None:
    import pyarrow as pa  # noqa: PLC0415 - the test's own Parquet file
    import pyarrow.parquet as pq  # noqa: PLC0415

    (tmp_path / "f.yaml").write_text(
        "figures:\n  - {metric: firms, period: 2024, value: 95000, unit: firm}\n",
        encoding="utf-8",
    )
    added, loaded = _both(tmp_path, "f.yaml")
    assert _seen(added) == _seen(loaded) == [("2024", 95000.0, None, 2)]
    table = {"metric": ["firms"], "period": ["2021"], "value": [60000.0], "unit": ["firm"]}
    pq.write_table(pa.table(table), tmp_path / "g.parquet")
    more = added.with_figures(tmp_path / "g.parquet")
    assert [(f.period.label, f.value) for f in more.figures] == [
        ("2024", 95000.0),
        ("2021", 60000.0),
    ]


def test_a_bad_figure_a_missing_file_or_rules_are_a_load_error_naming_the_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "p.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "bad.csv").write_text("metric,period,value,unit\nfirmz,2020,5,firm\n", "utf-8")
    programme = targets.load(tmp_path / "p.yaml")
    with pytest.raises(targets.LoadError) as bad:
        programme.with_figures(tmp_path / "bad.csv")
    assert [str(d) for d in bad.value.diagnostics] == [
        f"{tmp_path}/bad.csv:2:1: unknown metric 'firmz' (did you mean 'firms'?)"
    ]
    with pytest.raises(targets.LoadError) as missing:
        programme.with_figures(str(tmp_path / "nope.csv"))
    assert "no such regular file" in str(missing.value)
    with pytest.raises(targets.LoadError) as rules:
        programme.with_figures(tmp_path / "p.yaml")
    assert "only figures are added this way, not targets" in str(rules.value)
