"""Type aliases shared by the public signatures."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Real
from typing import Literal

import numpy as np
import numpy.typing as npt

#: Samples: a NumPy array, or a (nested) sequence of floats, ints, ``Fraction`` or SymPy
#: ``Rational`` values.  Sequences holding ``Fraction``/``Rational`` select exact arithmetic.
ArrayLike = npt.ArrayLike | Sequence
#: A threshold, leak or weight: a real scalar (``float``, ``int``, ``Fraction``, ``Rational``).
Scalar = Real | Fraction
#: A per-step leak: a scalar in (0, 1] or one factor per time step.
Leak = Scalar | ArrayLike
Reset = Literal["mod", "subtract", "zero"]
Engine = Literal["auto", "numba", "python", "exact"]
FloatArray = npt.NDArray[np.float64]
