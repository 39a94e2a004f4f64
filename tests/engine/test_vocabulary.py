"""METHOD.md's vocabulary table: each method's own label and the common status it maps onto.

One series per row of the table (numbers worked by hand in the methods' own tests), each
judged by both paths, which must give the method's label and the common status the table
names; the label lists are METHOD.md's, in its order.
"""

from __future__ import annotations

import pytest

from targets.engine import METHOD_LABELS, STATUS_CODES, Status, assess, assess_batch
from tests.engine.both_paths import labelled

NAN = float("nan")
ACH, ON, RISK, OFF, REG, MISS, NA = (
    Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.REGRESSING,
    Status.MISSED, Status.NOT_ASSESSABLE,
)  # fmt: skip

SEVEN = ([2015, 2016, 2017, 2018, 2019, 2020, 2021], [0.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0])
FALLING = ([2015, 2016, 2017, 2018], [20.0, 18.0, 16.0, 14.0])

Row = tuple[str, list[int], list[float], float | None, int | None, str, Status]

ROWS: list[Row] = [
    # statcan: 100 (2020) -> latest (2022), 144 by 2024: R = 1.048, 0.733, 0.524, -0.524
    ("statcan", [2020, 2022], [100.0, 150.0], 144.0, 2024, "target_achieved", ACH),
    ("statcan", [2020, 2022], [100.0, 121.0], 144.0, 2024, "substantial_progress", ON),
    ("statcan", [2020, 2022], [100.0, 114.49], 144.0, 2024, "moderate_progress", RISK),
    ("statcan", [2020, 2022], [100.0, 110.25], 144.0, 2024, "limited_progress", OFF),
    ("statcan", [2020, 2022], [100.0, 90.25], 144.0, 2024, "deterioration", REG),
    ("statcan", [2020], [100.0], 144.0, 2024, "not_available", NA),
    # unsd: 100 -> 110.25 (2020-2022), p_2026 = 134.0096: P = 1.134, 0.680, 0.085; P < 0
    ("unsd", [2020, 2022], [100.0, 160.0], 150.0, 2026, "target_achieved", ACH),
    ("unsd", [2020, 2022], [100.0, 110.25], 130.0, 2026, "on_track", ON),
    ("unsd", [2020, 2022], [100.0, 110.25], 150.0, 2026, "acceleration_needed", RISK),
    ("unsd", [2020, 2022], [100.0, 110.25], 500.0, 2026, "stagnation_or_regression", OFF),
    ("unsd", [2020, 2022], [100.0, 90.0], 150.0, 2026, "stagnation_or_regression", REG),
    ("unsd", [2020], [100.0], 150.0, 2026, "not_evaluated", NA),
    # destatis: SEVEN's mean change is 2 a year, p_2030 = 38; FALLING's is -2, p_2030 = -10
    ("destatis", *SEVEN, 15.0, 2030, "sun", ACH),  # reached, holding
    ("destatis", *FALLING, 10.0, 2030, "sun_behind_cloud", ACH),  # reached, threatened
    ("destatis", *SEVEN, 37.9, 2030, "sun", ON),
    ("destatis", *SEVEN, 40.0, 2030, "slightly_cloudy", RISK),  # miss 2 / 20 = 10 %
    ("destatis", *SEVEN, 50.0, 2030, "cloud", OFF),  # miss 12 / 30 = 40 %, moving the right way
    ("destatis", *FALLING, 40.0, 2030, "thunderstorm", REG),
    ("destatis", *SEVEN, 25.0, 2020, "ended", MISS),  # 18 in 2020 < 25
    ("destatis", [2020, 2021, 2022], [1.0, 2.0, 3.0], 5.0, 2030, "not_assessed", NA),
    # sdsn: 50 (2015) -> latest (2020), 100 by 2030: required 3.33 a year
    ("sdsn", [2015, 2020], [120.0, 105.0], 100.0, 2030, "maintaining", ACH),
    ("sdsn", [2015, 2020], [50.0, 70.0], 100.0, 2030, "on_track", ON),
    ("sdsn", [2015, 2020], [50.0, 60.0], 100.0, 2030, "moderately_improving", RISK),
    ("sdsn", [2015, 2020], [50.0, 55.0], 100.0, 2030, "stagnating", OFF),
    ("sdsn", [2015, 2020], [50.0, 45.0], 100.0, 2030, "decreasing", REG),
    ("sdsn", [2015], [50.0], 100.0, 2030, "unavailable", NA),
    # istat, no target: growth over one year
    ("istat", [2020, 2021], [100.0, 110.0], None, None, "clear_improvement", ON),
    ("istat", [2020, 2021], [100.0, 103.0], None, None, "slight_improvement", RISK),
    ("istat", [2020, 2021], [100.0, 100.5], None, None, "stable", OFF),
    ("istat", [2020, 2021], [100.0, 97.0], None, None, "slight_worsening", REG),
    ("istat", [2020, 2021], [100.0, 90.0], None, None, "clear_worsening", REG),
    ("istat", [2020], [100.0], None, None, "not_assessed", NA),
]


def test_each_methods_labels_are_the_published_ones_in_order() -> None:
    assert dict(METHOD_LABELS) == {
        "statcan": ("target_achieved", "substantial_progress", "moderate_progress",
                    "limited_progress", "deterioration", "not_available"),
        "unsd": ("target_achieved", "on_track", "acceleration_needed",
                 "stagnation_or_regression", "not_evaluated"),
        "destatis": ("sun", "sun_behind_cloud", "slightly_cloudy", "cloud", "thunderstorm",
                     "suspended", "ended", "not_assessed"),
        "sdsn": ("maintaining", "on_track", "moderately_improving", "stagnating", "decreasing",
                 "unavailable"),
        "istat": ("clear_improvement", "slight_improvement", "stable", "slight_worsening",
                  "clear_worsening", "not_assessed"),
    }  # fmt: skip
    assert [s.value for s in STATUS_CODES] == [
        "achieved", "on_track", "at_risk", "off_track", "regressing", "missed", "not_assessable",
    ]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}-{r[5]}-{r[6].value}" for r in ROWS])
def test_a_methods_label_maps_onto_the_common_status_of_the_table_in_both_paths(
    row: Row,
) -> None:
    method, years, values, target, target_year, label, status = row
    judged = labelled(years, values, method=method, target=target, target_year=target_year)
    assert judged == (label, status)


def test_statcan_keeps_its_trend_label_when_a_passed_deadline_is_missed() -> None:
    # 120 in 2024 < 144 by 2024: missed, in both paths; the label is the trend's:
    # R = (1.2 ** 0.25 - 1) / (1.44 ** 0.25 - 1) = 0.046635 / 0.095445 = 0.489, limited
    one = assess([2020, 2024], [100.0, 120.0], target=144.0, target_year=2024)
    many = assess_batch([0, 0], [2020, 2024], [100.0, 120.0], target=144.0, target_year=2024)
    assert one.status is Status.MISSED
    assert STATUS_CODES[many.status[0]] is Status.MISSED
    assert one.method_status == "limited_progress"
    assert METHOD_LABELS["statcan"][many.method_status[0]] == one.method_status


def test_a_destatis_structural_break_is_suspended_and_not_assessable() -> None:
    a = assess(*SEVEN, target=40.0, target_year=2030, method="destatis", structural_break=True)
    assert (a.method_status, a.status) == ("suspended", Status.NOT_ASSESSABLE)
