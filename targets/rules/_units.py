"""Units: a small project-owned pint registry behind a narrow grammar.

pint's default registry reads "kt" as knots, takes a noticeable time to build, and its
expression parser will evaluate "9**9**9 m" for as long as you let it. So unit text is
tokenised here against a grammar of words, ``%``, spaces, ``*`` and one ``/``; each word must
be a unit we defined; and pint only ever multiplies units we looked up by name. Currencies
are dimensions of their own (no exchange rates are implied), and so is each kind of thing
counted: firms do not convert to persons.

Every conversion happens once, at load time; the engine receives floats in a metric's unit.
Plain units (one scale word and one unit, ``USD billion``) compare and convert without
pint, to the same bits: a run that writes only such units never imports it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from targets._safe import quoted
from targets.rules._suggest import did_you_mean

__all__ = [
    "BINARY",
    "CURRENCIES",
    "MAX_FACTORS",
    "MAX_UNIT_LENGTH",
    "RANK_UNITS",
    "Unit",
    "UnitError",
    "conversion_factor",
    "convert",
    "is_percent",
    "is_rank",
    "known_units",
    "parse_unit",
    "plain_factor",
]


BINARY = "yes/no"
"""The unit of a yes/no metric; its figures are ``yes`` or ``no``."""

MAX_UNIT_LENGTH = 64
MAX_FACTORS = 6
CURRENCIES = tuple(
    "ARS AUD BDT BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR JPY KES KHR "
    "KRW LAK MMK MXN MYR NGN NOK NZD PEN PHP PKR PLN RUB SAR SEK SGD THB TRY TWD UAH USD VND "
    "ZAR".split()
)

_COUNTS = {
    "firm": (
        "firms",
        "enterprise",
        "enterprises",
        "business",
        "businesses",
        "company",
        "companies",
    ),
    "person": ("persons", "people"),
    "household": ("households",),
    "locality": ("localities",),
    "zone": ("zones",),
    "project": ("projects",),
    "product": ("products",),
}

_SCALES = {
    "thousand": (1e3, ("thousands", "k")),
    "lakh": (1e5, ("lakhs",)),
    "million": (1e6, ("millions", "mn", "mln")),
    "crore": (1e7, ("crores",)),
    "billion": (1e9, ("billions", "bn")),
    "trillion": (1e12, ("trillions", "tn")),
    "quadrillion": (1e15, ("quadrillions",)),
}

_ALIASES = {"US$": "USD", "%": "percent", "pct": "percent", "pp": "percentage_point"}

_TOKEN = re.compile(r"US\$|%|[A-Za-z][A-Za-z_]{0,31}")


_JOIN = re.compile(r" *(?:[*·] *)?")
"""What may stand between two unit words: spaces, with at most one '*' or '·'."""
_YES_NO_LIKE = frozenset(
    {"yes", "no", "y/n", "y / n", "yes / no", "no/yes", "bool", "binary", "true/false"}
)
"""Units written for a yes/no metric other than as its unit, 'yes/no' (`BINARY`)."""


class UnitError(ValueError):
    """Unit text that the grammar or the registry refuses, or two units that do not compare."""


def _definitions() -> list[str]:
    lines = [f"{code} = [currency_{code.lower()}]" for code in CURRENCIES]
    for name, aliases in _COUNTS.items():
        lines.append(" = ".join([f"{name} = [{name}]", "_", *aliases]))
    for name, (factor, aliases) in _SCALES.items():
        lines.append(" = ".join([f"{name} = {factor:g}", "_", *aliases]))
    lines += [
        "percent = 0.01 = _",
        "percentage_point = 0.01 = _ = percentage_points",
        "rank = [rank] = _ = ranks",
        "score = [score] = _ = scores",
        "year = [time] = _ = years",
    ]
    return lines


@functools.cache
def _plain_words() -> dict[str, tuple[str | None, float]]:
    """Each word the registry defines: what it counts (None: a pure number) and its factor,
    read off the same definitions pint is given."""
    words: dict[str, tuple[str | None, float]] = {}
    for line in _definitions():
        head, value, *rest = (part.strip() for part in line.split("="))
        meaning = (head, 1.0) if value.startswith("[") else (None, float(value))
        words.update(dict.fromkeys([head, *(a for a in rest if a and a != "_")], meaning))
    return words


def plain_factor(unit: Unit) -> tuple[str | None, float] | None:
    """What a plain unit (at most one scale word and one other, nothing below the line)
    measures and its factor, as pint would reduce it; None for any other unit.

    These are most units programmes write (``USD billion``, ``million person``, ``%``);
    comparing and converting them needs no pint, whose import and registry cost a fifth of
    a small check. A test holds every factor equal to pint's."""
    if unit.below or len(unit.above) > 2:
        return None
    words = _plain_words()
    found = [words[w] for w in unit.above]
    dimensions = [what for what, _factor in found if what is not None]
    scales = [factor for what, factor in found if what is None]
    if len(dimensions) > 1 or len(scales) > 1:
        return None
    return (dimensions[0] if dimensions else None), (scales[0] if scales else 1.0)


@functools.cache
def _registry() -> Any:
    import pint  # noqa: PLC0415 - start-up: `targets --help` must not import pint

    registry: Any = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False, cache_folder=None)
    for line in _definitions():
        registry.define(line)
    return registry


@functools.cache
def known_units() -> frozenset[str]:
    """Every word the grammar accepts as a unit, aliases included."""
    return frozenset(_ALIASES) | frozenset(_plain_words())


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: the text as written and its words above and below the line.

    pint's unit object is built on first use: a run whose units are all plain (a scale
    word and one unit, such as ``USD billion``) never imports pint."""

    text: str
    above: tuple[str, ...]
    below: tuple[str, ...] = ()

    @property
    def pint_unit(self) -> Any:
        """pint's unit for these words."""
        return _pint_unit(self.above, self.below)

    @property
    def dimensions(self) -> str:
        """Human-readable dimensions, e.g. ``USD`` or ``firm / person``."""
        return _describe(self.pint_unit)


@functools.lru_cache(maxsize=4096)
def _pint_unit(above: tuple[str, ...], below: tuple[str, ...]) -> Any:
    registry = _registry()
    result = registry.dimensionless
    for name in above:
        result = result * registry.Unit(name)
    for name in below:
        result = result / registry.Unit(name)
    return result


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Check `text` against the grammar: every word one the registry defines."""
    if not isinstance(text, str):
        raise UnitError(f"a unit is text, not {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise UnitError("the unit is empty")
    if len(stripped) > MAX_UNIT_LENGTH:
        raise UnitError(f"unit text longer than {MAX_UNIT_LENGTH} characters")
    if stripped.lower() in _YES_NO_LIKE:
        raise UnitError(f"unknown unit {quoted(stripped)} (did you mean {quoted(BINARY)}?)")
    parts = re.split(r"\s*/\s*|\s+per\s+", stripped)
    if len(parts) > 2:
        raise UnitError(f"{quoted(stripped)}: at most one '/' or 'per' in a unit")
    words = [tuple(_ALIASES.get(t, t) for t in _tokens(part, stripped)) for part in parts]
    return Unit(stripped, *words)


def _tokens(part: str, whole: str) -> list[str]:
    if not part:
        raise UnitError(f"{quoted(whole)}: missing a unit around '/'")
    tokens: list[str] = []
    position = 0
    for match in _TOKEN.finditer(part):
        gap = part[position : match.start()]
        if gap.strip(" *·"):
            raise UnitError(_bad_text(gap.strip(), whole))
        if _JOIN.fullmatch(gap) is None or (not tokens and gap.strip()):
            raise UnitError(_bad_join(gap.strip(), whole))
        tokens.append(match.group())
        position = match.end()
    rest = part[position:]
    if rest.strip(" *·"):
        raise UnitError(_bad_text(rest.strip(), whole))
    if rest.strip():
        raise UnitError(_bad_join(rest.strip(), whole))
    if len(tokens) > MAX_FACTORS:
        raise UnitError(f"{quoted(whole)}: more than {MAX_FACTORS} words in a unit")
    known = known_units()
    for token in tokens:
        if token not in known:
            if token == "$":
                raise UnitError("'$' is ambiguous; write an ISO 4217 code such as USD")
            hint = did_you_mean(token, known)
            where = "" if token == whole else f" in {quoted(whole)}"
            raise UnitError(f"unknown unit {quoted(token)}{where}{hint}")
    return tokens


def _bad_join(operator: str, whole: str) -> str:
    return (
        f"{quoted(operator)} in {quoted(whole)} joins no two unit words: write one '*', "
        "'·' or a space between two words, as in 'person * year'"
    )


def _bad_text(fragment: str, whole: str) -> str:
    if fragment.startswith("$"):
        return "'$' is ambiguous; write an ISO 4217 code such as USD"
    return (
        f"{quoted(fragment)} is not allowed in a unit ({quoted(whole)}): use unit words such as "
        "'USD billion', 'firm', '%', 'person / household'"
    )


@functools.lru_cache(maxsize=4096)
def conversion_factor(source: str, target: str) -> float:
    """The number that turns a value in `source` units into `target` units."""
    src, dst = parse_unit(source), parse_unit(target)
    if (src.above, src.below) == (dst.above, dst.below):
        return 1.0  # the same words ('USD / person' both sides): nothing to ask pint
    plain = plain_factor(src), plain_factor(dst)
    if plain[0] is not None and plain[1] is not None and plain[0][0] == plain[1][0]:
        return plain[0][1] * (1.0 / plain[1][1])  # pint's order of operations, to the bit
    if src.pint_unit.dimensionality != dst.pint_unit.dimensionality:
        raise UnitError(
            f"{quoted(source)} ({src.dimensions}) does not convert to "
            f"{quoted(target)} ({dst.dimensions})"
        )
    quantity = _registry().Quantity(1.0, src.pint_unit)
    return float(quantity.to(dst.pint_unit).magnitude)


def convert(value: float, source: str, target: str) -> float:
    """`value` in `source` units, expressed in `target` units."""
    if source == target:
        return value
    return value * conversion_factor(source, target)


RANK_UNITS = frozenset({"rank", "ranks"})


def is_rank(unit: str) -> bool:
    """Whether `unit` is a rank (places, 1 is best): the one test every module uses."""
    return unit in RANK_UNITS


def is_percent(text: str) -> bool:
    """True when `text` says a relative change: ``%`` or ``percent``, not points."""
    return text.strip() in {"%", "percent", "pct"}


def _describe(unit: Any) -> str:
    dims = dict(unit.dimensionality)
    if not dims:
        return "a pure number"

    def name(dim: str, power: float) -> str:
        bare = dim.strip("[]")
        bare = bare.removeprefix("currency_").upper() if bare.startswith("currency_") else bare
        return bare if abs(power) == 1 else f"{bare}^{abs(power):g}"

    above = [name(d, p) for d, p in sorted(dims.items()) if p > 0]
    below = [name(d, p) for d, p in sorted(dims.items()) if p < 0]
    if len(above) == 1 and not below and list(dims.values()) == [1]:
        dim = next(iter(dims)).strip("[]")
        if dim.startswith("currency_"):
            return f"an amount in {above[0]}"
        return f"a {dim}" if dim in {"rank", "score"} else f"a count of {dim}s"
    text = " * ".join(above) or "1"
    return f"{text} / {' * '.join(below)}" if below else text
