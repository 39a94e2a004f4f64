"""`targets.load` and `targets.validate`: files in, one checked `Programme` out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from targets._gc import holds_collector
from targets._progress import Progress
from targets.rules._discover import StrPath, discover, display
from targets.rules._early import reading
from targets.rules._errors import Diagnostic, LoadError

if TYPE_CHECKING:
    from targets.rules._columnar import Columnar  # imported when a columnar file is read
    from targets.rules._programme import Programme
    from targets.rules._yaml import Document

__all__ = ["load", "load_documents", "validate"]


@holds_collector
def load(
    *paths: StrPath, follow_links_outside: bool = False, progress: Progress | None = None
) -> Programme:
    """Load rules and figures from files and directories (searched for .yaml, .yml, .csv
    and .parquet).

    Only regular files inside the given folders are read; symlinks leading outside them
    are refused unless `follow_links_outside` (see SECURITY.md). Raises `LoadError`
    carrying every problem in every file, each with its position. `progress` is told the
    bytes read so far, as ``progress("reading", done, total)``.
    """
    files, named, problems = discover(paths or (".",), follow_links_outside=follow_links_outside)
    with reading(files) as early:  # the columnar files: read from now on, by a thread
        # the loader's models imported now, while that thread reads (see `_early`)
        from targets.rules._arrow import release_unused  # noqa: PLC0415
        from targets.rules._inputs import read_inputs  # noqa: PLC0415

        inputs = read_inputs(early, progress)
    named_docs = {display(p) for p in files if p.resolve() in named}
    try:
        return load_documents(
            inputs.docs,
            named_docs,
            problems + inputs.problems,
            columnar=inputs.columnar,
            order=inputs.order,
            release=True,  # the documents are this call's own
        )
    finally:
        del inputs  # the files' columns, now in the programme's table
        release_unused()


def load_documents(
    docs: list[Document],
    named: set[str],
    problems: list[Diagnostic],
    *,
    columnar: Sequence[Columnar] = (),
    order: Sequence[str] | None = None,
    release: bool = False,
) -> Programme:
    """The programme in parsed documents (`named`: paths the user named, always checked)
    and columnar files, with the problems met reading them (`order`: every file's name, in
    the order read); what `load` does once the files are read. With `release`, the
    documents' list items are dropped as they are validated (see `collect`)."""
    from targets.rules._collect import Collected, collect  # noqa: PLC0415 - see `load`
    from targets.rules._resolve import resolve  # noqa: PLC0415

    docs, skipped = _rules_only(docs, named)
    found = Collected(problems=[*problems, *skipped])
    collect(docs, found, release=release)
    if order is None:
        files = [*(doc.path for doc in docs), *(c.name for c in columnar)]
    else:
        kept = {doc.path for doc in docs} | {c.name for c in columnar}
        files = [name for name in order if name in kept]
    return resolve(found, files, columnar)


def _rules_only(docs: list[Document], named: set[str]) -> tuple[list[Document], list[Diagnostic]]:
    """Leave out files found in a folder that are plainly something else (a CI workflow,
    a docker-compose file): none of their keys is, or nearly is, a section of ours."""
    from targets.rules._collect import SECTIONS  # noqa: PLC0415 - see `load`
    from targets.rules._suggest import did_you_mean  # noqa: PLC0415

    kept: list[Document] = []
    skipped: list[Diagnostic] = []
    for doc in docs:
        data = doc.data
        foreign = (
            doc.path not in named
            and isinstance(data, dict)
            and bool(data)
            and not any(str(k) in SECTIONS or did_you_mean(str(k), SECTIONS) for k in data)
        )
        if foreign:
            message = "skipped: not a rules or figures file (no " + ", ".join(SECTIONS) + ")"
            skipped.append(Diagnostic(doc.locate(()), message, "warning"))
        else:
            kept.append(doc)
    return kept, skipped


def validate(*paths: StrPath, follow_links_outside: bool = False) -> tuple[Diagnostic, ...]:
    """Every problem and warning in the input; empty when it is clean.

    The library twin of ``targets validate``: it never raises for bad input.
    """
    try:
        programme = load(*paths, follow_links_outside=follow_links_outside)
    except LoadError as exc:
        return exc.diagnostics
    return programme.warnings


for _public in (load, validate):  # public as targets.<name> (httpx's manners)
    _public.__module__ = "targets"
del _public
