"""`Parsed`: a field type that pydantic validates and serializes with our functions only.

pydantic's `PlainValidator` first generates the schema of the annotated type, to keep its
serializer, and `PlainSerializer` generates it again; for our dataclass types (`Period`,
`Amount`, `Rate`, `StatedValue`) both schemas are thrown away, since our functions parse
and print them. Building them was a fifth of the time the rule models take to build, which
every run pays at start-up. `Parsed` hands pydantic the same validator and serializer
directly: the same checks, the same errors, the same output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

__all__ = ["Parsed"]


class Parsed:
    """Annotation metadata: `parse` turns input into the value (raising ValueError with the
    message a user reads), `show` turns the value back into what a file holds."""

    __slots__ = ("parse", "show")

    def __init__(self, parse: Callable[[Any], Any], show: Callable[[Any], Any]) -> None:
        self.parse = parse
        self.show = show

    def __repr__(self) -> str:
        return f"Parsed({self.parse.__name__})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                self.show, info_arg=False, when_used="always"
            ),
        )
