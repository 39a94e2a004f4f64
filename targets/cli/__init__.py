"""The ``targets`` command: a thin click shell over the library.

Each command parses its arguments, calls its library twin, renders, and picks the exit
code. Heavy modules (pydantic, pint, numpy) are imported inside the commands, so
``targets --help`` starts fast.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from targets._exit import ExitCode
from targets._gc import collector_held
from targets._memory import small_pages
from targets._safe import excerpt, guard
from targets.cli._complete import register_shells
from targets.cli._config import find_settings, read_settings
from targets.cli._echo import report_problems, say
from targets.cli._term import use_colour

EXIT_CODES_HELP = "\n".join(
    f"  {code.value}  {text}"
    for code, text in (
        (ExitCode.OK, "every target evaluated, none tripped the gate"),
        (ExitCode.GATE, "a target is at or below --fail-on (the gate tripped)"),
        (ExitCode.INVALID, "could not evaluate: usage error, or invalid rules or figures"),
        (ExitCode.INTERNAL, "internal error (a bug; --debug shows the traceback)"),
    )
)


class _Group(click.Group):
    """Maps invalid input to exit 2 and any unexpected exception to exit 3, never 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            # A command is one short process: collections would only walk, again and
            # again, the programme and report that stay alive to its end (see targets._gc).
            with collector_held():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except click.ClickException as exc:
            # What a message quotes from input (a settings file's value, a name given back
            # as a suggestion) must not start a line of the log either: the last net, as
            # `guard` is for reports.
            exc.message = guard(exc.message)
            raise
        except Exception as exc:
            from targets import LoadError  # noqa: PLC0415 - start-up time

            if isinstance(exc, LoadError):
                choice = (ctx.obj or {}).get("colour")
                report_problems(exc, colour=use_colour(choice, sys.stderr))
                ctx.exit(ExitCode.INVALID)
            if ctx.params.get("debug") or (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            say(
                f"targets: internal error: {type(exc).__name__}: {excerpt(exc, 200)}\n"
                "This is a bug in targets; run again with --debug for the traceback.",
                err=True,
            )
            ctx.exit(ExitCode.INTERNAL)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExit codes:\n" + EXIT_CODES_HELP,
)
@click.version_option(package_name="targets", prog_name="targets")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="FILE",
    help="Read option defaults from FILE (a targets.toml, or a pyproject.toml with "
    "[tool.targets]) instead of the nearest one.",
)
@click.option("--no-config", is_flag=True, help="Read no settings file.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, config_file: Path | None, no_config: bool) -> None:
    """Check programme targets against reported figures.

    Targets are declarative YAML rules ("100,000 digital technology firms by 2025");
    figures come from YAML or CSV files. Directories are searched for .yaml, .yml and .csv.
    Option defaults may be set in pyproject.toml ([tool.targets]) or a targets.toml, found
    from the working directory upwards; the command says which file it read.
    """
    ctx.obj = {**(ctx.obj or {}), "debug": debug or (ctx.obj or {}).get("debug", False)}
    if no_config and config_file is not None:
        raise click.UsageError("--config and --no-config exclude each other")
    file = None if no_config else (config_file or find_settings())
    if file is not None and not {"-h", "--help"} & set(ctx.args):  # help needs no settings
        settings = read_settings(file, cli.commands)
        ctx.obj["settings"] = settings
        ctx.default_map = {name: dict(values) for name, values in settings.defaults.items()}


def _register() -> None:
    from targets.cli import _check, _explain, _record, _report, _validate  # noqa: PLC0415

    cli.add_command(_check.check)
    cli.add_command(_explain.explain)
    cli.add_command(_validate.validate)
    cli.add_command(_validate.schema)
    cli.add_command(_report.report)
    cli.add_command(_record.record)


_register()
register_shells()


_BLAS_THREADS = {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}


def main() -> None:
    """Console-script entry point.

    The cyclic collector stays off from here to the process's end. A command holds it off
    while it runs (see targets._gc); switched back on, its first young collection would walk
    every object the run made, all still young (0.25 s after sixty thousand targets, 25 ms
    after the small example). When the command ends, every object still alive moves to the
    collector's permanent generation: the interpreter's last collection would otherwise
    walk a large run's million figures and sixty thousand results once more before exiting
    (0.1 to 0.2 s). Exit handlers still run.

    numpy is asked not to request huge pages for its arrays (unless the environment says
    otherwise) until a run reads millions of figures (`targets._memory`): where the kernel
    then compacts memory on the fault (transparent huge pages in ``madvise`` mode), a run
    of a million figures spent 1.1 to 1.3 s of system time on it, 0.6 s without, and
    varied twice as much; ten times the figures fault a third less with huge pages.

    numpy's BLAS is asked for one thread (unless the environment names a number): the
    engine's array work is element-wise and never calls BLAS, yet OpenBLAS starts a thread
    per core when numpy is imported, and their spinning cost the small example's check a
    sixth of its CPU time (0.12 s) and competed with the reader and writer threads.

    pydantic is told to load no plugins (unless the environment says otherwise): to find
    them it reads the entry points of every installed distribution when the first rule
    model is built, a cost that grows with the environment (4 ms of the small example's
    check in a test environment) for plugins that would only observe our own models.

    pyarrow is asked to allocate with the C library's malloc (unless the environment names
    a pool): its default, mimalloc, gave memory back and faulted it in again as the
    reading, the checks and the report's number columns came and went. For the 1.4
    million figures of the per-entity benchmark: system time 0.80 -> 0.46 s, wall 1.69 ->
    1.55 s, peak 685 -> 540 MiB (medians of 6); 60,000 independent targets 809 -> 696 MiB."""
    small_pages()  # read when numpy is imported
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")  # read at its first array
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # read at the first model
    if not _BLAS_THREADS & os.environ.keys():
        os.environ["OPENBLAS_NUM_THREADS"] = "1"  # read when numpy is imported
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate escaped, never a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    gc.disable()
    try:
        sys.exit(cli.main(prog_name="targets"))
    finally:
        gc.freeze()
