"""The fast YAML reader gives `load_yaml`'s document, values and every position, or steps
aside: generated documents of its subset (block scalars and one-line flow mappings among
them), mutated ones, hand-picked texts outside it, the examples' hand-written files, and the
benchmark's rules, whose diagnostics name the same line and column either way."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import targets
from targets.rules import _files
from targets.rules._files import read
from targets.rules._locations import locate_many
from targets.rules._yaml import MAX_DEPTH, Document
from targets.rules._yaml_events import load_yaml
from targets.rules._yaml_fast import load_fast

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"

Node = tuple[str, Any]

PLAIN = ["x", "a b", "12", "-3", "1.5e3", "0o17", "0x1F", ".inf", "-.Inf", "true", "False"]
PLAIN += ["~", "null", "yes", "2025-01-24", "1_000", "a#b", "it's", "é ü", "a,b", "http://x/y"]
PLAIN += ["-x", "007", "a ]", "USD / person", "9" * 30, "1e308", ".5", "+7", "x:y"]
QUOTED = ["'a'", "'it''s'", "''", "' lead'", '"a b"', '""', '"\\u00e9\\n"', '"q\\"q"', '"a\\\\b"']
QUOTED += ['"\\x41\\t\\/"', "'# not a comment'", '"a: b"', "'12'", '"true"']
FLOW = ["x", "12", "-3", "'q'", '"a, b"', "true", "~", "a b", "1.5"]
KEYS = ["id", "name", "a", "b-c", "x_1", "2025", "true", "null", "'s k'", '"q k"', "a b", "é"]
KEYS += ["-1", "1.5", "at_least", "Null2"]


BLOCK_LINES = ["a b", "x: y", "# not a comment", "- item", "{q}", "'s'", "12", "é ü", ""]
"""Lines of a block scalar: YAML's indicators are text there; "" an empty line."""


def scalars() -> st.SearchStrategy[Node]:
    tokens = st.sampled_from(PLAIN + QUOTED) | st.just("")
    flow = st.lists(st.sampled_from(FLOW), max_size=3)
    blocks = st.tuples(
        st.sampled_from([">", ">-", ">+", "|", "|-", "|+"]),
        st.lists(st.sampled_from(BLOCK_LINES), min_size=1, max_size=5),
        st.lists(st.sampled_from(["  more", "trailing  "]), max_size=2),
    )
    pairs = st.lists(
        st.tuples(st.sampled_from(KEYS), st.sampled_from(FLOW) | flow),
        max_size=3,
        unique_by=lambda pair: pair[0],
    )
    return (
        tokens.map(lambda t: ("scalar", t))
        | flow.map(lambda items: ("flow", items))
        | blocks.map(lambda block: ("block", block))
        | pairs.map(lambda pairs: ("fmap", pairs))
    )


def nodes() -> st.SearchStrategy[Node]:
    return st.recursive(
        scalars(),
        lambda children: (
            st.lists(children, min_size=1, max_size=4).map(lambda items: ("seq", items))
            | st.lists(
                st.tuples(st.sampled_from(KEYS), children),
                min_size=1,
                max_size=4,
                unique_by=lambda pair: pair[0],
            ).map(lambda pairs: ("map", pairs))
        ),
        max_leaves=25,
    )


def documents() -> st.SearchStrategy[Node]:
    return nodes().filter(lambda node: node[0] in ("seq", "map"))


class Writer:
    """Writes a node tree as block YAML, choosing among the styles the subset allows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []

    def comment(self) -> str:
        return self.rng.choice(["", "", "", " # note", "   #: - x"])

    def inline(self, node: Node) -> str:
        kind, body = node
        if kind == "scalar":
            return str(body)
        if kind == "fmap":
            pairs = (
                f"{k}: {self.inline(('flow', v)) if isinstance(v, list) else v}" for k, v in body
            )
            return "{" + ", ".join(pairs) + "}"
        if kind == "block":  # a list item is no block scalar of the subset: its lines quoted
            return '"' + " ".join(line for line in body[1] if line) + '"'
        return "[" + ", ".join(body) + "]"

    def block_scalar(self, head: str, node: Node, indent: int) -> None:
        """`node`'s lines under ``key: >-``, indented past the key (a comment line after it
        is at most two columns deeper than `indent`, so it ends the scalar)."""
        header, lines, literal_only = node[1]
        self.lines.append(f"{head} {header}{self.comment()}")
        at = " " * (indent + self.rng.randint(3, 4))
        if not lines[0]:
            lines = ["first", *lines]  # an empty first line is outside the subset
        if header[0] == "|":
            lines = [*lines, *literal_only]  # folded, they would step aside
        self.lines += [at + line if line else "" for line in lines]

    def gap(self, indent: int) -> None:
        roll = self.rng.random()
        if roll < 0.05:
            self.lines.append("")
        elif roll < 0.1:
            self.lines.append(" " * self.rng.randrange(0, indent + 3) + "# a comment line")

    def block(self, node: Node, indent: int, first: str | None = None) -> None:
        """Write a collection at `indent`; `first` is the start of its first line, if any."""
        kind, body = node
        for index, part in enumerate(body):
            lead = first if index == 0 and first is not None else " " * indent
            self.gap(indent)
            if kind == "seq":
                self.entry(lead + "-", part, indent, compact_at=indent + 2)
            else:
                key, value = part
                self.entry(lead + key + ":", value, indent, compact_at=None)

    def entry(self, head: str, value: Node, indent: int, compact_at: int | None) -> None:
        rng = self.rng
        if value[0] == "block" and compact_at is None:
            self.block_scalar(head, value, indent)
            return
        if value[0] in ("scalar", "flow", "block", "fmap"):
            text = self.inline(value)
            self.lines.append(head + (" " + text if text else "") + self.comment())
            return
        step = rng.randint(1, 4)
        if compact_at is not None and rng.random() < 0.6:
            self.block(value, compact_at, first=head + " ")
        elif compact_at is None and value[0] == "seq" and rng.random() < 0.4:
            self.lines.append(head + self.comment())
            self.block(value, indent)  # a list at its key's indentation
        else:
            self.lines.append(head + self.comment())
            self.block(value, indent + step)


def write(node: Node, rng: random.Random) -> str:
    writer = Writer(rng)
    writer.lines += rng.choice([[], [], [], ["---"], ["# a file", "--- # start"]])
    writer.block(node, rng.choice([0, 0, 0, 2]))
    ending = "\r\n" if rng.random() < 0.2 else "\n"
    return ending.join(writer.lines) + ending


def positions(table: dict[Any, Any]) -> dict[Any, tuple[str, int, int]]:
    return {path: (where.path, where.line, where.col) for path, where in table.items()}


def assert_same(fast: Document, full: Document, text: str = "") -> None:
    fast.complete()
    assert repr(fast.data) == repr(full.data), text  # NaN equals itself, 1 differs from True
    assert positions(fast.values) == positions(full.values), text
    assert positions(fast.keys) == positions(full.keys), text
    assert fast.rejected == full.rejected == set()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.randoms(use_true_random=False))
def test_documents_of_the_subset_read_fast_equal_the_full_reader(
    node: Node, rng: random.Random
) -> None:
    text = write(node, rng)
    full, problems = load_yaml(text, "f.yaml")
    assert problems == [], text
    fast = load_fast(text, "f.yaml")
    assert fast is not None, text
    assert_same(fast, full, text)


MUTATIONS = [" ", "\t", ":", ": ", "#", " #", "-", "- ", "&a ", "*a", "!t ", "|", ">", "{"]
MUTATIONS += ["}", "[", "]", '"', "'", "\n", "%", "?", ",", "\r", "\x85", "\u2028", "\ufeff"]
MUTATIONS += ["\\", "---\n", "...\n", "\x07", "1e400", "  ", "\n  "]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.randoms(use_true_random=False), st.data())
def test_mutated_documents_read_fast_only_when_the_full_reader_agrees(
    node: Node, rng: random.Random, data: st.DataObject
) -> None:
    assert_mutations_read_alike(write(node, rng), data)


def assert_mutations_read_alike(text: str, data: st.DataObject) -> None:
    """`text` with one to three mutations read fast only when the full reader reads it
    without a problem, and then alike."""
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 2))
        text = text[:at] + data.draw(st.sampled_from(MUTATIONS)) + text[at + cut :]
    fast = load_fast(text, "f.yaml")
    if fast is not None:
        full, problems = load_yaml(text, "f.yaml")
        assert problems == [], text
        assert_same(fast, full, text)


OUTSIDE = [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: !!str 1\n",  # tags
    "a: |2\n  text\n",  # block scalars: an indentation digit
    "- >\n  text\n",  # a list item
    "a: >\n  text\n   more\n",  # folded, a line more indented
    "a: >\n  text \n  more\n",  # folded, a line ending in a space
    "a: >\n\n  text\n",  # a leading empty line
    "a: >\nb: 1\n",  # empty
    "a: |\n  text",  # no last line break
    "a: >- x\n  text\n",  # text after the header
    "a: {b: {c: 1}}\n",  # nested flow mappings
    "a: {b: 1,}\n",  # a comma before the '}'
    "a: {b: 1\n  , c: 2}\n",  # over lines
    "a: {b, c: 1}\n",  # a key without a value
    "a: {b: 1, b: 2}\n",  # a duplicate in a flow mapping
    "a: {b: 1} c\n",  # text after it
    "a: [1, [2]]\n",  # nested flow
    "a: [1,\n  2]\n",  # flow over lines
    "a: b\n  c\n",  # a plain scalar over lines
    "a: 'b\n  c'\n",
    "a: 1\n---\nb: 2\n",  # a second document
    "---\n---\na: 1\n",  # an empty first document
    "--- a: 1\n",  # a node on the '---' line
    "---#\na: 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a:\n\t- 1\n",  # tabs
    "a: 1\n b: 2\n",  # odd indentation
    "a:\n  b: 1\n c: 2\n",
    "a: 1\na: 2\n",  # duplicate keys
    "1: a\ntrue: b\n",  # equal keys: 1 == True
    "a: 1e400\n",  # numbers no double holds
    "a: " + "9" * 400 + "\n",
    "? a\n: 1\n",  # complex keys
    "[a]: 1\n",
    "a: b: c\n",  # errors
    "a: 'x' y\n",
    "- a\nb: 1\n",
    "a: \x07\n",  # control characters
    "a: x\x85y\n",
    "a: 1\rb: 2\n",  # old Mac line ends
    "\ufeffa: 1\n",
    "",  # empty, or only comments: the full reader says so
    "# just a comment\n",
    "just a scalar\n",
    'a: "\\ud800"\n',  # an escape for half a surrogate pair
    "k" * 1100 + ": 1\n",  # a key past YAML's 1024 characters
    "- " + "k" * 1100 + ": 1\n",  # the same, as an item's first key
    "- id: x\n  " + "k" * 1100 + ": 1\n",  # as an item's later key
    "- {" + "k" * 1100 + ": 1}\n",  # in a flow mapping
    "a:\n" + "  - id: x\n    b: 1\n" * 3 + "  - id: y\n    " + "k" * 1100 + ": 1\n",  # in a run
    "".join(" " * depth + "a:\n" for depth in range(MAX_DEPTH + 5)),  # deep nesting
]


@pytest.mark.parametrize("text", OUTSIDE)
def test_texts_outside_the_subset_step_aside_for_the_full_reader(text: str) -> None:
    assert load_fast(text, "f.yaml") is None


@pytest.mark.parametrize("text", [t for t in OUTSIDE if t[:1] != "\ufeff"])  # read() drops it
def test_a_file_outside_the_subset_reads_as_the_full_reader_reads_it(
    text: str, tmp_path: Path
) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    doc, problems = read(path)
    full, full_problems = load_yaml(text, doc.path)
    assert doc.deferred is None
    assert problems == full_problems
    assert repr(doc.data) == repr(full.data)
    assert positions(doc.values) == positions(full.values)


def test_crlf_line_ends_give_the_same_document_and_positions() -> None:
    text = "a:\r\n  - id: x\r\n    by: 2025  # c\r\n  - [1, 'b']\r\n"
    fast = load_fast(text, "f.yaml")
    assert fast is not None
    assert_same(fast, load_yaml(text, "f.yaml")[0])


@pytest.fixture
def sdg(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import sdg_data  # noqa: PLC0415 - lives in benchmarks/, not a package

    return sdg_data


def test_the_benchmarks_independent_rules_read_the_same_both_ways(sdg: ModuleType) -> None:
    text = sdg.independent_rules(sdg.generate(20, 10))
    fast = load_fast(text, "rules.yaml")
    assert fast is not None
    assert len(fast.data["targets"]) == 200
    assert_same(fast, load_yaml(text, "rules.yaml")[0])


def test_a_position_asked_by_a_list_path_is_the_one_asked_by_a_tuple() -> None:
    text = "targets:\n" + "".join(f"  - id: t{i}\n    by: 2030\n" for i in range(5))
    fast = load_fast(text, "f.yaml")
    assert fast is not None
    found = fast.locate(["targets", 3, "by"])  # type: ignore[arg-type]
    assert (found.line, found.col) == (9, 9)
    assert fast.locate(("targets", 3, "by")) == found


def test_a_programmes_locations_are_the_full_readers_and_found_when_asked(
    sdg: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Programme.locations` finds each item's position from its item when asked (items
    read in runs keep theirs as spans): the same as the full reader's, for every key."""
    ds = sdg.generate(12, 5)
    (tmp_path / "rules.yaml").write_text(sdg.independent_rules(ds), encoding="utf-8")
    fast = targets.load(tmp_path)
    monkeypatch.setattr(_files, "load_fast", lambda text, name: None)
    full = targets.load(tmp_path)
    target_id = f"{ds.pair_ids()[37]}-2030"
    found = fast.location("target", target_id)
    assert found == full.location("target", target_id)  # asked first, before any other
    assert found is not None
    assert found.line > 100
    assert len(fast.locations) == len(full.locations) == 1 + 2 * 60
    assert list(fast.locations) == list(full.locations)
    assert dict(fast.locations) == dict(full.locations)
    assert f"metric:{ds.pair_ids()[5]}" in fast.locations
    assert fast.location("target", "no-such-target") is None
    assert "target:no-such-target" not in fast.locations
    assert pickle.loads(pickle.dumps(fast)).locations == dict(full.locations)


def test_positions_found_together_are_those_found_one_by_one(
    sdg: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Locations.many` (a compact report asks where every target was written, at once)
    gives what the full reader's programme gives item by item, unknown ids as None, in the
    order asked, whether or not some were asked before; a programme's locations that are a
    plain mapping (one made in code) are asked one by one."""
    ds = sdg.generate(12, 5)
    (tmp_path / "rules.yaml").write_text(sdg.independent_rules(ds), encoding="utf-8")
    (tmp_path / "more.yaml").write_text(
        "metrics:\n  - {id: extra, name: Extra, unit: firm, direction: higher}\n"
        "targets:\n  - {id: extra-2030, metric: extra, at_least: 5, by: 2030}\n",
        encoding="utf-8",
    )
    fast = targets.load(tmp_path)
    monkeypatch.setattr(_files, "load_fast", lambda text, name: None)
    full = targets.load(tmp_path)
    ids = [f"{pair}-2030" for pair in reversed(ds.pair_ids())] + ["extra-2030", "nope"]
    fast.location("target", ids[7])  # one asked before
    expected = [full.location("target", i) for i in ids]
    assert fast.locations.many("target", ids) == expected  # type: ignore[attr-defined]
    assert expected[-1] is None
    assert expected[-2] is not None
    assert expected[-2].path.endswith("more.yaml")
    assert locate_many(dict(full.locations), "target", ids) == expected
    assert locate_many(fast.locations, "metric", ["extra"]) == [full.location("metric", "extra")]


def test_every_yaml_file_takes_the_fast_reader_unless_it_steps_aside(
    sdg: ModuleType, tmp_path: Path
) -> None:
    big, small, alias = tmp_path / "big.yaml", tmp_path / "small.yaml", tmp_path / "a.yaml"
    big.write_text(sdg.independent_rules(sdg.generate(40, 10)), encoding="utf-8")
    small.write_text("targets: []\n", encoding="utf-8")
    alias.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    assert read(big)[0].deferred is not None
    assert read(small)[0].deferred is not None
    assert read(alias)[0].deferred is None


EXAMPLE_YAML = sorted((ROOT / "examples").rglob("*.y*ml"))


@pytest.mark.parametrize("path", EXAMPLE_YAML, ids=lambda path: path.name)
def test_the_examples_hand_written_files_read_fast_equal_the_full_reader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    full, problems = load_yaml(text, path.name)
    assert problems == []
    fast = load_fast(text, path.name)
    assert fast is not None
    assert_same(fast, full)


def test_reading_the_example_imports_no_pyyaml() -> None:
    """The fast reader takes the hand-written example whole: PyYAML is start-up time."""
    code = (
        "import sys, targets; targets.load('examples/vietnam-digital'); "
        "print('yaml' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_a_diagnostic_deep_in_a_large_file_names_the_full_readers_line_and_column(
    sdg: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = sdg.generate(40, 10)
    text = sdg.independent_rules(ds)
    wrong = f"  - id: {ds.pair_ids()[321]}-2030\n"
    at = text.index(wrong)
    by = text.index("    by: 2030\n", at)
    text = text[:by] + "    by: soon\n" + text[by + len("    by: 2030\n") :]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.yaml").write_text(text, encoding="utf-8")
    fast = targets.validate(folder)
    monkeypatch.setattr(_files, "load_fast", lambda text, name: None)
    full = targets.validate(folder)
    assert fast == full
    line = text[:by].count("\n") + 1
    assert [(d.location.line, d.location.col) for d in fast] == [(line, 9)]


ITEM_KEYS = ["id", "metric", "at_least", "by", "base", "name", "true", "b-c"]


@st.composite
def item_lists(draw: st.DrawFn) -> str:
    """Sections that are lists of flat items, most written alike (the runs `_yaml_items`
    reads at once), with comments, blank lines, other dash spacings, nested values, flow
    lists and items with other keys between them."""
    lines: list[str] = []
    for section in range(draw(st.integers(1, 3))):
        lines.append(f"s{section}:")
        indent = draw(st.sampled_from([0, 2, 2]))
        shapes = [
            draw(st.lists(st.sampled_from(ITEM_KEYS), min_size=1, max_size=5, unique=True))
            for _ in range(draw(st.integers(1, 2)))
        ]
        for _ in range(draw(st.integers(0, 12))):
            keys = draw(st.sampled_from(shapes))
            pad = draw(st.sampled_from([1, 1, 1, 1, 3]))
            for index, key in enumerate(keys):
                lead = " " * indent + "-" + " " * pad if index == 0 else " " * (indent + 1 + pad)
                roll = draw(st.integers(0, 40))
                if roll == 0:
                    lines.append(f"{lead}{key}:")
                    lines.append(" " * (indent + 3 + pad) + "- x")
                    continue
                value = draw(st.sampled_from(PLAIN + QUOTED)) if roll > 1 else "[1, b]"
                space = " " * draw(st.sampled_from([1, 1, 1, 2]))
                lines.append(f"{lead}{key}:{space}{value}")
                if draw(st.integers(0, 30)) == 0:
                    lines.append(draw(st.sampled_from(["", "# note", "    # note"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item_lists())
def test_lists_of_like_items_read_fast_equal_the_full_reader(text: str) -> None:
    full, problems = load_yaml(text, "f.yaml")
    fast = load_fast(text, "f.yaml")
    if problems:  # a duplicate key, or a key that is no text: the full reader explains
        assert fast is None, text
        return
    assert fast is not None, text
    assert_same(fast, full, text)


NUMBER_TEXTS = st.builds(
    lambda sign, whole, point, fraction: sign + whole + point + fraction,
    st.sampled_from(["", "", "-", "+"]),
    st.text("0123456789", min_size=1, max_size=17),
    st.sampled_from(["", ".", "."]),
    st.text("0123456789", max_size=17),
).filter(lambda text: "." in text or text.lstrip("+-").isdigit())
"""Plain numbers as tables are written: signed or not, leading zeros, a point with or
without digits after it, up to 17 digits either side (past the 15 read a column at once)."""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NUMBER_TEXTS, min_size=2, max_size=8))
def test_a_column_of_plain_numbers_reads_fast_as_the_full_reader_resolves_each(
    texts: list[str],
) -> None:
    """A run's column of decimals and whole numbers, converted at once, holds what the full
    reader gives each: an int where one is written, a float where a point is."""
    text = "items:\n" + "".join(f"  - id: i{n}\n    v: {t}\n" for n, t in enumerate(texts))
    full, problems = load_yaml(text, "f.yaml")
    fast = load_fast(text, "f.yaml")
    assert problems == [], text
    assert fast is not None, text
    assert_same(fast, full, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item_lists(), st.randoms(use_true_random=False))
def test_each_position_is_found_when_asked_without_completing_the_tables(
    text: str, rng: random.Random
) -> None:
    """Items read in runs keep their positions as spans, found (with the positions inside
    an item) the first time `locate` asks, in whatever order it asks."""
    full, problems = load_yaml(text, "f.yaml")
    fast = load_fast(text, "f.yaml")
    if problems or fast is None:
        return
    asked = [(path, False) for path in full.values] + [(path, True) for path in full.keys]
    rng.shuffle(asked)
    for path, key in asked:
        found, expected = fast.locate(path, key=key), full.locate(path, key=key)
        assert (found.line, found.col) == (expected.line, expected.col), (path, key, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item_lists(), st.data())
def test_mutated_lists_of_items_read_fast_only_when_the_full_reader_agrees(
    text: str, data: st.DataObject
) -> None:
    assert_mutations_read_alike(text, data)


def test_a_generated_files_items_are_read_in_runs_not_line_by_line(
    sdg: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targets.rules._yaml_items import Runs  # noqa: PLC0415

    text = sdg.independent_rules(sdg.generate(20, 10))
    taken: list[int] = []

    def counted(*args: Any) -> Any:
        run = read_run(*args)
        taken.append(0 if run is None else run.lines)
        return run

    read_run = Runs.read
    monkeypatch.setattr(Runs, "read", counted)
    fast = load_fast(text, "rules.yaml")
    assert fast is not None
    item_lines = sum(len(item) for section in ("metrics", "targets") for item in fast.data[section])
    assert sum(taken) > 0.9 * item_lines
    assert_same(fast, load_yaml(text, "rules.yaml")[0])


def test_items_of_ever_new_shapes_build_a_bounded_number_of_patterns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from targets.rules import _yaml_items  # noqa: PLC0415

    built: list[tuple[str, ...]] = []
    patterns = _yaml_items._patterns

    def counted(indent: int, col: int, keys: tuple[str, ...]) -> tuple[Any, ...]:
        built.append(keys)
        return patterns(indent, col, keys)

    monkeypatch.setattr(_yaml_items, "_patterns", counted)
    lines = ["items:"]
    for shape in range(200):  # pairs of alike items, each pair with keys of its own
        size = 1 + shape % (_yaml_items.MOST_KEYS + 8)
        for copy in range(2):
            lines += [f"  - s{shape}_k0: {copy}"]
            lines += [f"    s{shape}_k{key}: v{key}" for key in range(1, size)]
    text = "\n".join(lines) + "\n"
    fast = load_fast(text, "f.yaml")
    assert fast is not None
    assert_same(fast, load_yaml(text, "f.yaml")[0])
    assert 0 < len(built) <= _yaml_items.MOST_SHAPES
    assert all(len(keys) <= _yaml_items.MOST_KEYS for keys in built)


def test_a_key_too_long_for_yaml_in_a_target_is_a_positioned_problem(tmp_path: Path) -> None:
    """The fast reader once took a 1,024-character key the full reader refuses, and failed
    (exit 3) when a message asked where inside the item a value was."""
    rules = (
        "programme: {name: P}\nmetrics: [{id: m, name: M, unit: firm, direction: higher}]\n"
        "targets:\n  - {id: t, metric: m, at_least: 5, by: 2030}\n  - " + "k" * 1024 + ": 1\n"
    )
    (tmp_path / "p.yaml").write_text(rules, encoding="utf-8")
    with pytest.raises(targets.LoadError) as caught:
        targets.load(tmp_path)
    assert all(d.location.line == 5 for d in caught.value.diagnostics), caught.value
