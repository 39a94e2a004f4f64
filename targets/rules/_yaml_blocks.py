"""Block scalars for the fast YAML reader (`_yaml_fast`): ``note: >-`` and the lines below it.

Hand-written rules keep their notes and quotes in folded (``>``) and literal (``|``) block
scalars, and the fast reader took none of them, so every hand-written file went to the
full reader (PyYAML's events, about a millisecond per 10 kB, and the import of PyYAML).
This reads the plain form: a header of style and chomping only (``>``, ``>-``, ``>+``,
``|``, ``|-``, ``|+``, then maybe a comment), lines at one indentation, empty lines
between them. A folded scalar with a more-indented line or a line ending in a space, an
indentation digit, leading empty lines, an empty scalar, a last line with no line break
or a block scalar that is a list item raises `OutsideError`, as the rest of the reader
does: the full reader then reads the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from targets.rules._yaml_scalars import OutsideError

__all__ = ["block_scalar"]

_HEADERS = frozenset((">", ">-", ">+", "|", "|-", "|+"))


def block_scalar(
    text: str, rows: Iterator[tuple[int, str]], parent: int
) -> tuple[str, tuple[int, str] | None]:
    """The value of the block scalar whose header `text` starts (``>-`` and what follows
    it on its line), its lines taken from `rows`, which must be indented more than
    `parent`; and the first row after it (None at the end of the text)."""
    comment = text.find(" #")
    header = (text if comment < 0 else text[:comment]).rstrip(" ")
    if header not in _HEADERS:
        raise OutsideError  # an indentation digit, or text after the header
    folded = header[0] == ">"
    lines: list[str] = []
    indent = -1
    after: tuple[int, str] | None = None
    ended = False
    for row in rows:
        line = row[1]
        content = line.lstrip(" ")
        spaces = len(line) - len(content)
        if not content:
            if indent < 0 or spaces > indent:
                raise OutsideError  # leading empty lines, or spaces that are content
            lines.append("")
            continue
        if indent < 0:
            if spaces <= parent:
                raise OutsideError  # an empty scalar
            indent = spaces
        if spaces < indent:
            after, ended = row, True
            break
        if folded and (spaces > indent or content[-1] == " "):
            raise OutsideError  # lines YAML does not fold
        lines.append(line[indent:])
    if not ended:
        if not lines or lines[-1] != "":
            raise OutsideError  # the last line has no line break
        lines.pop()  # what follows the text's last line break
    return _value(lines, folded, header[1:]), after


def _value(lines: list[str], folded: bool, chomping: str) -> str:
    """The scalar's lines (empty ones as ""), folded or kept, then chomped."""
    trailing = 0
    while lines and lines[-1] == "":
        lines.pop()
        trailing += 1
    if not lines:
        raise OutsideError
    if not folded:
        body = "\n".join(lines)
    else:
        parts = [lines[0]]
        empty = 0
        for line in lines[1:]:
            if not line:
                empty += 1
                continue
            parts.append("\n" * empty if empty else " ")
            parts.append(line)
            empty = 0
        body = "".join(parts)
    if chomping == "-":
        return body
    if chomping == "+":
        return body + "\n" * (trailing + 1)
    return body + "\n"
