"""pyarrow arrays as numpy arrays, read straight from their buffers.

pyarrow's own conversions (`to_numpy`, `numpy.asarray`, Python scalars given to compute
functions) import pandas whenever it is installed: a third of a second at every start, for
nothing. These helpers read the buffers instead, so checking figures never imports pandas.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "PLAIN_DECIMAL",
    "arrow_mask",
    "blank_strings",
    "bools",
    "decimals",
    "dictionary",
    "floats",
    "lengths",
    "release_unused",
    "strings",
    "taken",
    "valid",
]

PLAIN_DECIMAL = r"^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$"
"""Plain decimals: the numbers the row-by-row reader takes (`_quantities.parse_number`) but for
those with thousands separators, which pyarrow parses to the same float as Python's
float() does. (pyarrow's digit class is ASCII's; other digits Python reads are left to
the row-by-row parser, as every cell that is no plain decimal is.)"""


def valid(array: Any) -> npt.NDArray[np.bool_]:
    """Which values are not null (all, when the array has no validity bitmap; none in a
    column of Parquet's null type, which has no bitmap either)."""
    n = len(array)
    if array.null_count == n:
        return np.zeros(n, dtype=bool)
    bitmap = array.buffers()[0]
    if bitmap is None or array.null_count == 0:
        return np.ones(n, dtype=bool)
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
    return bits[array.offset : array.offset + n].astype(bool)


def _plain(array: Any, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """The values of a fixed-width array (nulls hold whatever their slot holds)."""
    if len(array) == 0:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(
        array.buffers()[1],
        dtype=dtype,
        count=len(array),
        offset=array.offset * np.dtype(dtype).itemsize,
    )


def floats(array: Any) -> npt.NDArray[np.float64]:
    """A numeric array as float64; nulls become NaN."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    # unsafe: an integer beyond 2**53 (a Parquet int64 of VND) is the nearest double, as
    # the same number written in a CSV file reads
    values = _plain(pc.cast(array, pa.float64(), safe=False), np.float64).copy()
    values[~valid(array)] = np.nan
    return values


def bools(array: Any) -> npt.NDArray[np.bool_]:
    """A boolean array as numpy; nulls become False."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    found = _plain(pc.cast(array, pa.uint8()), np.uint8).astype(bool)
    return found & valid(array)


def dictionary(array: Any) -> tuple[npt.NDArray[np.int64], list[str]]:
    """A string array as each value's code and the distinct texts, trimmed; a null is the
    empty text. The column is encoded as written and only its distinct texts trimmed (a
    million cells, a few hundred texts), then texts that trim alike are merged."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
        array = pc.cast(array, pa.string())
    encoded = array.dictionary_encode()
    written = [str(t) for t in pc.utf8_trim_whitespace(encoded.dictionary).to_pylist()]
    indices = encoded.indices
    if indices.type != pa.int32():  # what pyarrow gives today; a change would cost a cast
        indices = pc.cast(indices, pa.int32())
    codes = _plain(indices, np.int32).astype(np.int64)
    texts = list(dict.fromkeys(written))
    if len(texts) < len(written):
        merged = {text: i for i, text in enumerate(texts)}
        codes = np.asarray([merged[t] for t in written], dtype=np.int64)[codes]
    named = valid(indices)
    if not named.all():
        if "" not in texts:
            texts.append("")
        codes = np.where(named, codes, texts.index(""))
    return codes, texts


def decimals(values: Any) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """Which cells of a string array are plain decimals (`PLAIN_DECIMAL`), and their
    values (NaN elsewhere), parsed by pyarrow.

    A column where every cell is a number, as machines write them, is cast whole: pyarrow's
    cast takes exactly the plain decimals without spaces, and the words for infinity and
    NaN, which come out not finite (1.4 million cells: 0.03 s, where matching the pattern
    took 0.1 s). A cell it refuses sends the column through the pattern, cell by cell."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    try:
        whole = floats(pc.cast(values, pa.float64()))
    except pa.ArrowInvalid:
        pass  # some cell is no number pyarrow reads: each is matched below
    else:
        given = valid(values)
        if np.isfinite(whole[given]).all():  # no "nan", "inf" nor a number too large
            return given, whole
    plain = bools(pc.match_substring_regex(values, PLAIN_DECIMAL))
    if plain.all():  # as a machine writes them: no copy of the column
        return plain, floats(pc.cast(pc.utf8_trim_whitespace(values), pa.float64()))
    low = np.full(len(values), np.nan)
    written = pc.utf8_trim_whitespace(pc.filter(values, arrow_mask(plain)))
    low[plain] = floats(pc.cast(written, pa.float64()))
    return plain, low


def arrow_mask(mask: npt.NDArray[np.bool_]) -> Any:
    """A numpy mask as a pyarrow boolean array (to filter with), built from buffers."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    bits = np.packbits(mask.astype(bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), int(mask.size), [None, pa.py_buffer(bits)])


def lengths(array: Any) -> npt.NDArray[np.int64]:
    """Each string's length in characters once trimmed; a null counts as empty."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    found = pc.cast(pc.utf8_length(pc.utf8_trim_whitespace(array)), pa.int64())
    return np.where(valid(array), _plain(found, np.int64), 0)


def strings(items: list[str]) -> Any:
    """Python strings as a pyarrow string array, built from buffers (`pa.array` would ask
    whether they are a pandas object, importing pandas)."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    encoded = [item.encode() for item in items]
    offsets = np.cumsum([0, *(len(item) for item in encoded)], dtype=np.int32)
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(pa.string(), len(items), [None, pa.py_buffer(offsets), data])


def taken(array: Any, rows: npt.NDArray[np.int64]) -> Any:
    """The values of `array` at `rows`, in that order (the row numbers handed over as a
    buffer, not as a million Python ints)."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only
    import pyarrow.compute as pc  # noqa: PLC0415

    indices = np.ascontiguousarray(rows, dtype=np.int64)
    return pc.take(
        array, pa.Array.from_buffers(pa.int64(), indices.size, [None, pa.py_buffer(indices)])
    )


def blank_strings(n: int) -> Any:
    """An array of `n` empty strings, built from buffers (no Python objects)."""
    import pyarrow as pa  # noqa: PLC0415 - columnar files only

    offsets = pa.py_buffer(np.zeros(n + 1, dtype=np.int32))
    return pa.Array.from_buffers(pa.string(), n, [None, offsets, pa.py_buffer(b"")])


def release_unused() -> None:
    """Give the memory pyarrow's pool keeps for reuse back to the system, once the files'
    columns are read and dropped: nothing else allocates from that pool, so what it keeps
    (70 MB for 1.4 million figures) would only add to the check's peak. Nothing to do where
    no columnar file was read (pyarrow is then not imported)."""
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
