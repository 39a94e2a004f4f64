"""Units: the project registry, the narrow grammar in front of pint, and conversions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.rules import _units
from targets.rules._quantities import parse_number, parse_quantity
from targets.rules._units import UnitError, conversion_factor, convert, parse_unit

SCALES = ["", "thousand", "million", "billion", "trillion", "k", "mn", "bn"]
BASES = ["USD", "VND", "EUR", "firm", "person", "household", "locality", "zone"]


def test_usd_million_compares_with_usd_billion() -> None:
    assert convert(148_500, "USD million", "USD billion") == pytest.approx(148.5)


def test_us_dollar_sign_prefix_is_usd() -> None:
    assert conversion_factor("US$ billion", "USD million") == pytest.approx(1000)


def test_count_aliases_name_the_same_unit() -> None:
    assert conversion_factor("enterprises", "firm") == 1.0
    assert conversion_factor("people", "person") == 1.0


def test_percent_and_points_convert_one_to_one_for_levels() -> None:
    assert conversion_factor("%", "pp") == 1.0


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("person", "USD"),
        ("firm", "person"),
        ("USD", "VND"),  # currencies are dimensions: no exchange rate is implied
        ("%", "rank"),
        ("USD billion", "firm"),
        ("USD / person", "USD"),
    ],
)
def test_different_dimensions_never_convert_and_the_message_names_both(
    source: str, target: str
) -> None:
    with pytest.raises(UnitError) as caught:
        conversion_factor(source, target)
    assert f"'{source}'" in str(caught.value)
    assert f"'{target}'" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "9**9**9 m",  # pint would evaluate this for ever
        "kt",  # pint's default registry reads knots
        "m",
        "USD^2",
        "USD 1e9",
        "a/b/c",
        "__import__('os')",
        "USD" + " billion" * 10,
        "x" * 100,
        "",
        "   ",
    ],
)
def test_the_grammar_refuses_what_is_not_unit_words(text: str) -> None:
    with pytest.raises(UnitError):
        parse_unit(text)


def test_a_bare_dollar_sign_is_refused_as_ambiguous() -> None:
    with pytest.raises(UnitError, match="ambiguous"):
        parse_unit("$ billion")


def test_unknown_words_get_a_suggestion() -> None:
    with pytest.raises(UnitError, match="did you mean 'billion'"):
        parse_unit("USD bilion")


@given(st.text(max_size=80))
def test_any_text_is_parsed_or_refused_quickly_never_crashes(text: str) -> None:
    try:
        unit = parse_unit(text)
    except UnitError:
        return
    assert unit.text == text.strip()


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    base=st.sampled_from(BASES),
    first=st.sampled_from(SCALES),
    second=st.sampled_from(SCALES),
)
def test_round_trips_across_scales_return_the_value(
    value: float, base: str, first: str, second: str
) -> None:
    a, b = f"{base} {first}".strip(), f"{base} {second}".strip()
    back = convert(convert(value, a, b), b, a)
    assert back == pytest.approx(value, rel=1e-12, abs=1e-9)


@given(
    first=st.sampled_from(SCALES),
    second=st.sampled_from(SCALES),
    third=st.sampled_from(SCALES),
)
def test_conversion_factors_compose(first: str, second: str, third: str) -> None:
    a, b, c = (f"USD {s}".strip() for s in (first, second, third))
    assert conversion_factor(a, b) * conversion_factor(b, c) == pytest.approx(
        conversion_factor(a, c)
    )


@given(
    a=st.sampled_from([*BASES, "%", "rank", "score"]),
    b=st.sampled_from([*BASES, "%", "rank", "score"]),
    scale_a=st.sampled_from(SCALES),
    scale_b=st.sampled_from(SCALES),
)
def test_incompatible_dimensions_are_always_rejected(
    a: str, b: str, scale_a: str, scale_b: str
) -> None:
    left = a if a in {"%", "rank", "score"} else f"{a} {scale_a}".strip()
    right = b if b in {"%", "rank", "score"} else f"{b} {scale_b}".strip()
    if a == b:
        assert math.isfinite(conversion_factor(left, right))
    else:
        with pytest.raises(UnitError):
            conversion_factor(left, right)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("9.2 %", 9.2, "%"),
        ("+25 %", 25.0, "%"),
        ("-50%", -50.0, "%"),
        ("USD 1 billion", 1.0, "USD billion"),
        ("US$1 billion", 1.0, "US$ billion"),
        ("1 USD billion", 1.0, "USD billion"),
        ("148,500 USD million", 148_500.0, "USD million"),
        ("70,000", 70_000.0, None),
        ("1.5e3 firm", 1500.0, "firm"),
        (".5 %", 0.5, "%"),  # YAML's decimals, as a YAML number reads them
        ("-.5", -0.5, None),
        ("1. firm", 1.0, "firm"),
        ("2e0005", 2e5, None),
    ],
)
def test_quantities_read_as_planners_write_them(text: str, value: float, unit: str | None) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", ["4,3 %", "1,5"])
def test_a_decimal_comma_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(UnitError, match="decimal mark is a point"):
        parse_quantity(text)


NO_NUMBERS = [".", "1.5.3", "..5", "1e", "e5", "1.2.", "-", "+.", "1,5.", "١.٢x"]


@pytest.mark.parametrize("text", NO_NUMBERS)
def test_what_is_no_number_stays_refused(text: str) -> None:
    with pytest.raises(UnitError, match="not a number"):
        parse_number(text)


def test_the_registry_is_the_projects_own_and_small() -> None:
    assert "knot" not in _units.known_units()
    assert len(_units.known_units()) < 150


def _plain_texts() -> list[str]:
    """Every text of at most two plain words: a scale, a count, a currency, a percentage."""
    words = sorted(_units._plain_words())
    return [*words, *(f"{a} {b}" for a in words for b in words)]


def test_plain_units_convert_without_pint_exactly_as_pint_converts_them() -> None:
    plain = [t for t in _plain_texts() if _units.plain_factor(parse_unit(t)) is not None]
    assert {"USD billion", "million person", "percent", "firms"} <= set(plain)
    registry = _units._registry()
    compared = 0
    for source in plain[::3]:
        for target in plain[::7]:
            ours = _units.plain_factor(parse_unit(source)), _units.plain_factor(parse_unit(target))
            pints = parse_unit(source).pint_unit, parse_unit(target).pint_unit
            same = pints[0].dimensionality == pints[1].dimensionality
            assert (ours[0][0] == ours[1][0]) == same, (source, target)  # type: ignore[index]
            if same:
                expected = float(registry.Quantity(1.0, pints[0]).to(pints[1]).magnitude)
                assert conversion_factor(source, target) == expected, (source, target)
                compared += 1
    assert compared > 1000


@pytest.mark.parametrize("text", ["USD / person", "thousand million USD", "firm person", "USD VND"])
def test_units_that_are_not_plain_go_to_pint(text: str) -> None:
    assert _units.plain_factor(parse_unit(text)) is None


@pytest.mark.parametrize(
    "steps",
    [
        [  # plain units: a scale word and one unit
            "parse_unit('firm / person')",
            "assert conversion_factor('VND quadrillion', 'VND trillion') == 1000.0",
            "assert conversion_factor('%', 'pp') == 1.0",
        ],
        [  # the same words on both sides
            "assert conversion_factor('USD / person', 'USD per person') == 1.0",
            "assert conversion_factor('firm / household', 'firm per household') == 1.0",
        ],
    ],
    ids=["plain units", "the same words"],
)
def test_units_that_need_no_pint_do_not_import_it(steps: list[str]) -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "\n".join(
        [
            "import sys",
            "from targets.rules._units import conversion_factor, parse_unit",
            *steps,
            "print('pint' in sys.modules)",
        ]
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
