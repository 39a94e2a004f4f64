"""The columnar files of a run are read from the moment they are found, while the loader is
imported (`targets.rules._early`): `targets.rules` imports its modules on first use, and
`targets.load` starts the reading thread before it imports the models."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import targets

PROGRAMME = """\
programme: {id: p, name: P}
metrics:
  - {id: firms, name: Firms, unit: firm, direction: higher}
targets:
  - {id: firms-2030, metric: firms, at_least: 100000, by: 2030, base: 2020}
"""


def _run(script: str) -> str:
    """`script`'s output, run by a fresh interpreter (nothing of ours imported yet)."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(targets.__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_rules_package_imports_no_model_numpy_or_pyarrow() -> None:
    out = _run(
        """
        import sys
        import targets.rules
        from targets.rules import load, discover
        print(sorted(m for m in ("pydantic", "numpy", "pyarrow", "pint") if m in sys.modules))
        """
    )
    assert out == "[]"


def test_every_public_name_of_the_rules_package_resolves_on_first_use() -> None:
    out = _run(
        """
        import targets.rules as rules
        missing = [n for n in rules.__all__ if getattr(rules, n, None) is None]
        print(missing, rules._units.__name__, rules.Programme.__module__)
        """
    )
    assert out == "[] targets.rules._units targets"


def test_a_columnar_file_is_being_read_before_the_models_are_imported(tmp_path: Path) -> None:
    import pyarrow as pa  # noqa: PLC0415 - the test's own Parquet file
    import pyarrow.parquet as pq  # noqa: PLC0415

    (tmp_path / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    years = list(range(2020, 2025))
    columns = {
        "metric": ["firms"] * 5,
        "period": [str(y) for y in years],
        "value": [1000.0 * y for y in years],
        "unit": ["firm"] * 5,
    }
    pq.write_table(pa.table(columns), tmp_path / "f.parquet")
    out = _run(
        f"""
        import contextlib, sys
        from targets.rules import _load
        seen = []
        started = _load.reading
        @contextlib.contextmanager
        def watched(paths):
            with started(paths) as early:  # the reading is under way: is pydantic in yet?
                seen.append((len(early.pending), "pydantic" in sys.modules))
                yield early
        _load.reading = watched
        import targets
        programme = targets.load({str(tmp_path)!r})
        print(seen, len(programme.table), "pydantic" in sys.modules)
        """
    )
    assert out == "[(1, False)] 5 True"


def test_the_lazy_packages_list_their_public_names_before_they_are_used() -> None:
    out = _run(
        """
        import sys
        import targets.engine, targets.render, targets.rules
        for package in (targets.rules, targets.engine, targets.render):
            names = dir(package)
            print(all(n in names for n in package.__all__), end=" ")
        print("pandas" in sys.modules)
        """
    )
    assert out == "True True True False"  # Jupyter completes them; nothing more imported
