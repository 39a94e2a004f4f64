"""The notebook API's return types are real under mypy: a DataFrame, a Figure, a Scenario."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]

SNIPPET = """\
import numpy as np

import targets

report = targets.check("examples/vietnam-digital")
result = report[0]
reveal_type(report.to_frame())
reveal_type(result.to_frame())
reveal_type(report.plot())
reveal_type(result.plot())
reveal_type(result.what_if(0.12))
reveal_type(result.what_if([0.1, 0.2]))
reveal_type(report["dt-firms-100k-2025"])
reveal_type(result.what_if(np.float32(0.12)))
reveal_type(result.what_if(np.array([0.1, 0.2])))
reveal_type(targets.required_growth(np.int64(100), 150.0, np.float32(5)))
"""


def test_notebook_calls_have_real_types(tmp_path: Path) -> None:
    script = tmp_path / "snippet.py"
    script.write_text(SNIPPET, encoding="utf-8")
    out, err, status = api.run(
        ["--strict", "--config-file", str(ROOT / "pyproject.toml"), str(script)]
    )
    assert status == 0, out + err
    revealed = [
        line.split("Revealed type is ", 1)[1] for line in out.splitlines() if "Revealed" in line
    ]
    expected = [
        "pandas.core.frame.DataFrame",
        "pandas.core.frame.DataFrame",
        "matplotlib.figure.Figure",
        "matplotlib.figure.Figure",
        "targets.judge._whatif.Scenario",
        "tuple[targets.judge._whatif.Scenario, ...]",
        "targets.judge._result.TargetResult",
        "targets.judge._whatif.Scenario",  # numpy numbers and arrays are rates too
        "tuple[targets.judge._whatif.Scenario, ...]",
        "float",
    ]
    assert [r.strip('"').removeprefix("builtins.") for r in revealed] == expected
