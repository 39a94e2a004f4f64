"""Mutations of the example files, as hands and hostile pull requests make them: types
swapped, keys dropped or misspelled, huge and odd numbers, units mixed up, bytes flipped,
files truncated, other encodings, and any of these stacked."""

from __future__ import annotations

import codecs
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "vietnam-digital"
FILES = tuple(
    sorted(
        str(p.relative_to(EXAMPLE))
        for p in EXAMPLE.rglob("*")
        if p.suffix in {".yaml", ".csv"} and p.is_file()
    )
)
ORIGINAL = {name: (EXAMPLE / name).read_bytes() for name in FILES}

ODD_NUMBERS = (
    "1e400",
    "-1e400",
    "1e-400",
    "1e308",
    "-1.7976931348623157e308",
    "1.7976931348623157e308",
    "5e-324",
    "-5e-324",
    "1e-308",
    "0",
    "-0.0",
    "-1",
    "9" * 300,
    "9" * 400,
    "9" * 10_000,
    "0x" + "f" * 300,
    "0o777",
    ".nan",
    ".inf",
    "-.inf",
    "1_000",
    "'1,5'",
    "'4-'",
    "'4-8'",
    "'8-4'",
    "'1e400'",
    "'1,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000'",
    "'1" + " " * 300 + "x'",
    "'1-" + " " * 300 + "x'",
    "2011-12",
    "1799",
    "1800",
    "2300",
    "2301",
    "2025-02-30",
    "2025-Q5",
    "2024-13",
    "99999",
)
ODD_TEXT = (
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "yes",
    "no",
    "~",
    "''",
    '"\\x1b[31m::error::forged"',
    "&anchor 5",
    "*anchor",
    "!!python/object/apply:os.system ['true']",
    "[" * 70 + "]" * 70,
    "a" * 5000,
    '"' + "\\u202e" * 3 + '"',
)
UNITS = (
    "firm",
    "person",
    "USD",
    "USD billion",
    "VND trillion",
    "USD quadrillion",
    "%",
    "pp",
    "rank",
    "score",
    "yes/no",
    "$",
    "m",
    "9**9**9 m",
    "kg",
    "USD / person / firm",
    "firm " * 8,
    "x" * 10_000,
    "'%'",
)

_VALUE = re.compile(
    rb"(?m)^(?P<lead>[ \t-]*[A-Za-z_]+:[ \t]+)(?P<value>[^\n#]*?)[ \t]*(?:#[^\n]*)?$"
)
_KEY = re.compile(rb"(?m)^(?P<lead>[ \t-]*)(?P<key>[A-Za-z_]+):")
_UNIT = re.compile(rb"(?m)(?P<lead>\bunit:[ \t]+)(?P<value>[^\n#]*)")

Mutation = Callable[[bytes], bytes]


def _nth(pattern: re.Pattern[bytes], data: bytes, index: int) -> re.Match[bytes] | None:
    found = list(pattern.finditer(data))
    return found[index % len(found)] if found else None


def _set_value(data: bytes, index: int, new: str) -> bytes:
    m = _nth(_VALUE, data, index)
    if m is None:
        return data + b"\n" + new.encode()
    return data[: m.start("value")] + new.encode("utf-8", "surrogatepass") + data[m.end("value") :]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, Mutation]:
    """One mutation of a file's bytes, with a name for the failure report."""
    kind = draw(
        st.sampled_from(
            [
                "odd number",
                "odd value",
                "unit",
                "drop line",
                "misspell key",
                "duplicate line",
                "flip bytes",
                "truncate",
                "insert",
                "crlf",
                "encoding",
                "empty",
            ]
        )
    )
    index = draw(st.integers(0, 10_000))
    if kind == "odd number":
        new = draw(st.sampled_from(ODD_NUMBERS))
        return f"{kind} {new[:40]!r} at value {index}", lambda d: _set_value(d, index, new)
    if kind == "odd value":
        new = draw(st.sampled_from(ODD_TEXT))
        return f"{kind} {new[:40]!r} at value {index}", lambda d: _set_value(d, index, new)
    if kind == "unit":
        new = draw(st.sampled_from(UNITS))

        def unit(data: bytes) -> bytes:
            m = _nth(_UNIT, data, index)
            if m is None:
                return data
            return data[: m.start("value")] + new.encode() + data[m.end("value") :]

        return f"unit {new[:40]!r} at unit {index}", unit
    if kind in {"drop line", "duplicate line"}:

        def lines(data: bytes) -> bytes:
            rows = data.split(b"\n")
            at = index % len(rows)
            rows[at : at + 1] = [] if kind == "drop line" else [rows[at], rows[at]]
            return b"\n".join(rows)

        return f"{kind} {index}", lines
    if kind == "misspell key":
        how = draw(st.sampled_from(["swap", "double", "drop", "upper"]))

        def misspell(data: bytes) -> bytes:
            m = _nth(_KEY, data, index)
            if m is None:
                return data
            key = m.group("key")
            if how == "swap" and len(key) > 1:
                key = key[1:2] + key[:1] + key[2:]
            elif how == "double":
                key = key + key[-1:]
            elif how == "drop":
                key = key[:-1]
            else:
                key = key.upper()
            return data[: m.start("key")] + key + data[m.end("key") :]

        return f"misspell key {index} ({how})", misspell
    if kind == "flip bytes":
        flips = draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=8))

        def flip(data: bytes) -> bytes:
            out = bytearray(data)
            for at, mask in flips:
                if out:
                    out[at % len(out)] ^= mask
            return bytes(out)

        return f"flip bytes {flips}", flip
    if kind == "truncate":
        return f"truncate at {index}", lambda d: d[: index % (len(d) + 1)]
    if kind == "insert":
        text = draw(
            st.sampled_from(
                [b"\x00", b"\x07", b"\t", b"\xef\xbb\xbf", b"\xff", b"---\n", b"? [a]\n: 1\n"]
            )
            | st.binary(max_size=20)
        )
        return (
            f"insert {text!r} at {index}",
            lambda d: d[: index % (len(d) + 1)] + text + d[index % (len(d) + 1) :],
        )
    if kind == "crlf":
        return "CRLF line ends", lambda d: d.replace(b"\n", b"\r\n")
    if kind == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "utf-8-sig", "latin-1"]))

        def encode(data: bytes) -> bytes:
            text = data.decode("utf-8", "replace")
            body = text.encode(encoding, "replace")
            return codecs.BOM_UTF8 + data if encoding == "utf-8-sig" else body

        return f"encoded as {encoding}", encode
    return "emptied", lambda _d: b""


Plan = list[tuple[str, tuple[str, Mutation]]]


def mutated_example() -> st.SearchStrategy[Plan]:
    """1 to 4 mutations, each on a file of the example (stacked when they hit the same
    file), applied in order by `apply`."""
    return st.lists(st.tuples(st.sampled_from(FILES), mutation()), min_size=1, max_size=4)


def describe(plan: Plan) -> str:
    return "; ".join(f"{name}: {label}" for name, (label, _f) in plan)


def apply(plan: Plan, folder: Path) -> None:
    """The example in `folder` with the mutations of `plan` applied, in order."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    contents = dict(ORIGINAL)
    for name, (_label, mutate) in plan:
        contents[name] = mutate(contents[name])
    for name, data in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
