"""The ``targets`` command: a thin click shell over the library.

Each command parses its arguments, calls its library twin, renders, and picks the exit
code. Heavy modules (pydantic, pint, numpy) are imported inside the commands, so
``targets --help`` starts fast.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from targets._exit import ExitCode
from targets._safe import excerpt
from targets.cli._echo import report_problems, say

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
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            from targets import LoadError  # noqa: PLC0415 - start-up time

            if isinstance(exc, LoadError):
                report_problems(exc)
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
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check programme targets against reported figures.

    Targets are declarative YAML rules ("100,000 digital technology firms by 2025");
    figures come from YAML or CSV files. Directories are searched for .yaml, .yml and .csv.
    """
    ctx.obj = {"debug": debug}


def _register() -> None:
    from targets.cli import _check, _record, _report, _validate  # noqa: PLC0415

    cli.add_command(_check.check)
    cli.add_command(_check.explain)
    cli.add_command(_validate.validate)
    cli.add_command(_validate.schema)
    cli.add_command(_report.report)
    cli.add_command(_record.record)


_register()


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="targets"))
