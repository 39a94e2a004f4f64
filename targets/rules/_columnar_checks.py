"""The checks of a figure, applied to whole columns: once per distinct text, spread by code.

Each function here mirrors a check of the row-by-row loader (`_figures`, `_derive`) with
the same message, so a file says the same whether it is read as columns or row by row.
A problem that recurs on many rows is named at its first rows, with a count of the rest,
so a million-row file with one typo gives three lines, not a million.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Set
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from targets._safe import quoted
from targets.rules import _quantities, _units
from targets.rules._arrow import arrow_mask, bools, decimals, dictionary, floats, lengths, valid
from targets.rules._codes import by_code, present
from targets.rules._columnar_problems import Bools, Problems, Texts
from targets.rules._errors import one_of
from targets.rules._figures import NUMBER_IS, parse_value
from targets.rules._model import Metric, Source
from targets.rules._periods import Period, PeriodError, parse_date, parse_period
from targets.rules._shapes import Shapes
from targets.rules._suggest import Suggestions, did_you_mean
from targets.rules._table import KIND_CODES, Floats, Ints
from targets.rules._types import ID_PATTERN, ID_RULE, TEXT_MOST

__all__ = [
    "check_editions",
    "check_kinds",
    "check_lengths",
    "check_metrics",
    "check_periods",
    "check_sources",
    "check_units",
    "check_values",
]

T = TypeVar("T")

_KINDS = ("actual", "estimate", "forecast")


def _each(texts: Texts, check: Callable[[str], T], column: str, p: Problems) -> dict[int, T]:
    """`check` on each distinct non-empty text; a ValueError is reported at its rows."""
    found: dict[int, T] = {}
    for code, text in enumerate(texts.texts):
        if text == "":
            continue
        try:
            found[code] = check(text)
        except ValueError as exc:
            p.at_rows(texts.rows(code), column, f"'{column}': {exc}")
    return found


def _lookup(found: Mapping[int, int], size: int, codes: Ints) -> Ints:
    table = np.full(size + 1, -1, dtype=np.int64)
    for code, value in found.items():
        table[code] = value
    return table[codes]


def check_metrics(
    texts: Texts, metrics: Mapping[str, Metric], broken: Set[tuple[str, str]], p: Problems
) -> Ints:
    """Each row's index in `metrics` (-1: missing or unknown, and said so)."""
    names = list(metrics)
    position = {name: i for i, name in enumerate(names)}
    size = len(texts.texts)
    lookup = np.full(size + 1, -1, dtype=np.int64)  # the last: a row without a code
    lookup[:size] = [position.get(text, -1) if text else -1 for text in texts.texts]
    hints = Suggestions(names)  # prepared at its first lookup
    for code in np.flatnonzero(lookup[:size] < 0).tolist():  # the usual case: none
        text = texts.texts[code]
        if text == "":
            p.at_rows(texts.rows(code), None, "a figure needs 'metric'")
        elif ("metrics", text) not in broken:
            _no_id(text, texts.rows(code), "metric", p)
            hint = hints.hint(text)
            p.at_rows(texts.rows(code), "metric", f"unknown metric {quoted(text)}{hint}")
    return lookup[texts.codes]


def check_periods(texts: Texts, p: Problems) -> tuple[Ints, list[Period]]:
    """Each row's index into the periods found (-1: missing or not a period)."""
    for code, text in enumerate(texts.texts):
        if text == "":
            p.at_rows(texts.rows(code), None, "a figure needs 'period'")
    parsed = _each(texts, _period, "period", p)
    periods = list(dict.fromkeys(parsed.values()))
    index = {period: i for i, period in enumerate(periods)}
    found = {code: index[period] for code, period in parsed.items()}
    return _lookup(found, len(texts.texts), texts.codes), periods


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


def check_sources(
    texts: Texts | None,
    sources: Mapping[str, Source],
    broken: Set[tuple[str, str]],
    n: int,
    p: Problems,
) -> Ints:
    """Each row's index in `sources` (-1: none given, or unknown and said so)."""
    if texts is None:
        return np.full(n, -1, dtype=np.int64)
    names = list(sources)
    position = {name: i for i, name in enumerate(names)}
    found: dict[int, int] = {}
    hints = Suggestions(names)
    for code, text in enumerate(texts.texts):
        if text == "":
            continue
        if text in position:
            found[code] = position[text]
        elif ("sources", text) not in broken:
            _no_id(text, texts.rows(code), "source", p)
            hint = hints.hint(text)
            p.at_rows(texts.rows(code), "source", f"unknown source {quoted(text)}{hint}")
    return _lookup(found, len(texts.texts), texts.codes)


def _no_id(text: str, rows: Ints, column: str, p: Problems) -> None:
    """A name that can be no id, said as the row reader says it (beside its being unknown:
    the row reader says both)."""
    if _ID.match(text) is None:
        message = f"'{column}': {quoted(text)} is not a valid id: {ID_RULE}"
        p.at_rows(rows, column, message)


_ID = re.compile(ID_PATTERN)


def check_kinds(texts: Texts | None, n: int, p: Problems) -> Ints:
    """Each row's kind code (`KIND_CODES`); an empty cell is an actual figure."""
    if texts is None:
        return np.zeros(n, dtype=np.int64)
    lookup = np.zeros(len(texts.texts) + 1, dtype=np.int64)
    for code, text in enumerate(texts.texts):
        if text in _KINDS:
            lookup[code] = KIND_CODES.index(text)
        elif text != "":
            hint = did_you_mean(text, _KINDS)
            message = f"'kind': expected {one_of(list(_KINDS))}, got the text {quoted(text)}{hint}"
            p.at_rows(texts.rows(code), "kind", message)
    return lookup[texts.codes]


def _too_long(values: Any) -> Bools:
    """The cells longer, trimmed, than any number may be written (`parse_value` refuses
    them, and says so): found from their bytes first, which no plain decimal's exceed."""
    import pyarrow.compute as pc  # noqa: PLC0415 - columnar files only

    longest = _quantities.MAX_QUANTITY_LENGTH
    found = floats(pc.binary_length(values)) > longest  # NaN (a null) is not
    if found.any():
        found &= lengths(values) > longest
    return found


_FREE_TEXT = ("unit", "entity", "quote", "note")
"""The figure fields of free text, each at most `TEXT_MOST` characters (as `FigureSpec`)."""


def check_lengths(text: Mapping[str, Texts], p: Problems) -> None:
    """Texts longer than a figure field holds, refused at their rows as the row reader
    refuses them (each distinct text measured once)."""
    for column in _FREE_TEXT:
        texts = text.get(column)
        if texts is None:
            continue
        for code, written in enumerate(texts.texts):
            if len(written) > TEXT_MOST:
                message = f"'{column}': string should have at most {TEXT_MOST} characters"
                p.at_rows(texts.rows(code), column, message)


def check_values(
    values: Any, p: Problems, read: tuple[Bools, Floats] | None = None
) -> tuple[Floats, Floats, npt.NDArray[np.int8]]:
    """Each row's low and high value as stated (before units) and its flag: 1 yes, 0 no,
    -1 a number. Plain decimals are parsed by pyarrow (`read`: already, by `decimals`);
    the rest once per distinct text."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    n = len(values)
    flag = np.full(n, -1, dtype=np.int8)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        given = valid(values)  # a Parquet column of numbers, or of booleans
        p.at_rows(~given, None, "a figure needs 'value'")
        if pa.types.is_boolean(values.type):  # yes and no, as YAML's true and false
            yes = bools(values)
            flag[given] = yes[given]
            return (low := np.where(given, yes, np.nan)), low.copy(), flag
        low = floats(values)
        for text in ("nan", "inf", "-inf"):  # as the same cells in a CSV file are refused
            rows = given & (np.isnan(low) if text == "nan" else low == float(text))
            p.at_rows(rows, "value", f"'value': '{text}' is not a number; {NUMBER_IS}")
        return low, low.copy(), flag
    plain, low = decimals(values) if read is None else read  # handed over: filled in below
    high = low.copy()
    rest = ~(plain & np.isfinite(low)) | _too_long(values)
    if not rest.any():
        return low, high, flag
    positions = np.flatnonzero(rest)
    distinct = Texts(*dictionary(pc.filter(values, arrow_mask(rest))))
    for code, text in enumerate(distinct.texts):
        rows = positions[distinct.rows(code)]
        if text == "":
            p.at_rows(rows, None, "a figure needs 'value'")
            continue
        try:
            value = parse_value(text)
        except ValueError as exc:
            p.at_rows(rows, "value", f"'value': {exc}")
            continue
        low[rows], high[rows] = value.low, value.high
        flag[rows] = -1 if value.flag is None else int(value.flag)
    return low, high, flag


def check_units(
    texts: Texts,
    metric: Ints,
    metrics: Mapping[str, Metric],
    flag: npt.NDArray[np.int8],
    p: Problems,
    *,
    fine: Bools,
    grouped: Shapes,
) -> Floats:
    """Each row's factor into its metric's unit (NaN where the unit does not fit, said).
    Each distinct pair of written unit and metric unit is converted once, whatever the
    number of metrics; problems are said only of the rows that are otherwise `fine`.
    `grouped`: the shapes of `metrics` (a metric's unit is all its factor needs)."""
    names = list(metrics)
    units = len(texts.texts)
    kind_of, examples = grouped.code, grouped.examples
    if not fine.all():  # else no copy: fourteen million rows make 110 MB of fresh pages
        metric = np.where(fine, metric, -1)
    known = metric >= 0
    every = bool(known.all())  # the usual case: no masks, one array built in place
    if every:
        key = kind_of[metric]
        key *= units
        key += texts.codes
    else:
        key = np.full(len(metric), -1, dtype=np.int64)  # no metric (rules refused): -1
        key[known] = kind_of[metric[known]] * units + np.asarray(texts.codes)[known]
    factors = np.full(len(examples) * units + 1, np.nan)  # the last: rows without a key
    failed = np.zeros(len(examples) * units + 1, dtype=bool)
    for pair in present(key if every else key[known], len(examples) * units).tolist():
        kind, code = divmod(pair, units)
        try:
            factors[pair] = _factor(examples[kind], texts.texts[code])
        except ValueError:  # said below, for each metric: the message names it
            failed[pair] = True
    if failed.any():
        for pair, index, rows in _by_pair(np.flatnonzero(failed[key]), key, metric):
            _say_unit(metrics[names[index]], texts.texts[pair % units], rows, flag, p)
    factor = factors[key]
    for index, rows in by_code(np.flatnonzero(known & (flag >= 0)), metric):
        m = metrics[names[index]]
        if not m.binary:
            p.at_rows(rows, "value", f"yes/no is for yes/no metrics; '{m.id}' is in {m.unit}")
    binary = np.asarray([m.binary for m in examples], dtype=bool)[kind_of]
    if not binary.any():
        return factor  # no yes/no metric: no row can miss its yes or no
    wrong = known & (flag < 0)
    wrong[wrong] = binary[metric[wrong]]
    for index, rows in by_code(np.flatnonzero(wrong), metric):
        message = f"'{metrics[names[index]].id}' is a yes/no metric; write yes or no"
        p.at_rows(rows, "value", message)
    return factor


def _by_pair(rows: Ints, key: Ints, metric: Ints) -> Iterator[tuple[int, int, Ints]]:
    """`rows` (ascending) grouped by their pair `key`, then by `metric`, in that order, each
    group ascending: one sort for all of them, as a pass over every row for each pair that
    does not convert is quadratic (a file of many distinct units that do not fit)."""
    keys, metrics = key[rows], metric[rows]
    order = np.lexsort((metrics, keys))  # stable: each group keeps its rows ascending
    rows, keys, metrics = rows[order], keys[order], metrics[order]
    starts = np.flatnonzero(np.diff(keys, prepend=-2) | np.diff(metrics, prepend=-2))
    stops = [*starts[1:].tolist(), rows.size]
    for start, stop in zip(starts.tolist(), stops, strict=True):
        yield int(keys[start]), int(metrics[start]), rows[start:stop]


def _say_unit(m: Metric, unit: str, rows: Ints, flag: npt.NDArray[np.int8], p: Problems) -> None:
    """Why the rows' `unit` does not fit the metric `m`, said of the rows (ascending) it
    concerns."""
    try:
        _factor(m, unit)
    except ValueError as exc:
        if m.binary:
            p.at_rows(rows[flag[rows] >= 0], "unit", str(exc))
        else:
            p.at_rows(rows[flag[rows] < 0], None if unit == "" else "unit", str(exc))


def _factor(m: Metric, unit: str) -> float:
    """What turns a value written in `unit` into `m`'s unit (ValueError: why it cannot)."""
    if m.binary:
        if unit not in {"", _units.BINARY, "boolean"}:
            raise ValueError(f"'{m.id}' is a yes/no metric; leave out the unit")
        return 1.0
    if unit == "":
        raise ValueError(f"a figure needs 'unit' (the metric '{m.id}' is in {m.unit})")
    try:
        return _units.conversion_factor(unit, m.unit)
    except _units.UnitError as exc:
        raise ValueError(f"{exc} (a figure of '{m.id}')") from None


def check_editions(
    published: Texts | None,
    source: Ints,
    sources: Mapping[str, Source],
    p: Problems,
) -> tuple[Ints, list[Period]]:
    """Each row's publication date (index into the dates found; -1 none): its own, else its
    source's date."""
    editions: list[Period] = []
    index: dict[Period, int] = {}

    def code_of(period: Period) -> int:
        return index.setdefault(period, len(index))

    names = list(sources)
    out = np.full(source.size, -1, dtype=np.int64)
    if names:
        dates = [sources[name].date for name in names]
        lookup = np.asarray([code_of(d) if d is not None else -1 for d in dates] + [-1])
        out = lookup[source]
    if published is not None:
        parsed = _each(published, _date, "published", p)
        own = _lookup({code: code_of(period) for code, period in parsed.items()},
                      len(published.texts), published.codes)  # fmt: skip
        out = np.where(own >= 0, own, out)
    editions = list(index)
    return out, editions


def _date(text: str) -> Period:
    try:
        return parse_date(text)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None
