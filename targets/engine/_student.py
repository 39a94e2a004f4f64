"""Student's t distribution for whole degrees of freedom, in numpy alone (no scipy).

The chance model's forecasts are Student-t with n - 2 (or n - 3) degrees of freedom, always a
whole number, so the cumulative distribution has an exact finite form (Abramowitz and Stegun,
26.7.3 and 26.7.4): with theta = arctan(x / sqrt(df)),

- odd df: P(|T| <= x) = 2/pi * (theta + sin(theta) cos(theta) * (1 + 2/3 cos^2 + 2*4/(3*5) cos^4
  + ... + 2*4...(df-3) / (3*5...(df-2)) cos^(df-3))), and 2 theta / pi for df = 1;
- even df: P(|T| <= x) = sin(theta) * (1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ... + 1*3...(df-3) /
  (2*4...(df-2)) cos^(df-2)).

Every term is positive, so the sums lose nothing to cancellation; the tail 1 - F is accurate to
about 1e-16 absolute (not relative: far tails round to 0), which is all the chance model
needs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["t_cdf"]

Floats = npt.NDArray[np.float64]


def t_cdf(x: npt.ArrayLike, df: npt.ArrayLike) -> Floats:
    """P(T <= x) for Student's t with ``df`` degrees of freedom (whole numbers >= 1).

    ``x`` and ``df`` broadcast together; NaN in x gives NaN, +-inf gives 1 or 0. A df that is
    not a whole number >= 1 raises ValueError.
    """
    if isinstance(df, int | np.integer):  # one df: the common case, without the grouping
        if df < 1:
            raise ValueError("degrees of freedom must be whole numbers >= 1")
        return _cdf_one_df(np.asarray(x, dtype=float), int(df))
    xs, dfs = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(df))
    if dfs.size and not (np.all(dfs >= 1) and np.all(np.asarray(dfs, dtype=float) % 1 == 0)):
        raise ValueError("degrees of freedom must be whole numbers >= 1")
    dfs = dfs.astype(np.int64)
    out = np.empty(xs.shape, dtype=float)
    for k in np.unique(dfs):
        where = dfs == k
        out[where] = _cdf_one_df(xs[where], int(k))
    return out


def _cdf_one_df(x: Floats, df: int) -> Floats:
    with np.errstate(all="ignore"):
        theta = np.arctan(x / np.sqrt(float(df)))
        cos2 = np.cos(theta) ** 2
        term = np.ones_like(x)
        total = np.ones_like(x)
        if df % 2 == 1:
            for j in range(3, df - 1, 2):  # 2/3, 2*4/(3*5), ...
                term = term * ((j - 1) / j) * cos2
                total = total + term
            inner = np.sin(theta) * np.cos(theta) * total if df > 1 else np.zeros_like(x)
            both = 2.0 / np.pi * (theta + inner)
        else:
            for j in range(2, df - 1, 2):  # 1/2, 1*3/(2*4), ...
                term = term * ((j - 1) / j) * cos2
                total = total + term
            both = np.sin(theta) * total
    cdf: Floats = np.clip(0.5 + 0.5 * both, 0.0, 1.0)  # rounding overshoots by an ulp far out
    return cdf
