"""Type aliases shared by the public signatures, and the name tables derived from them.

Each ``Literal`` below is the one list of the names a parameter accepts; validation
(:mod:`ifsod._validate`), command-line choices and tests read the tuples derived from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Real
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

#: Samples: a NumPy array, or a (nested) sequence of floats, ints, ``Fraction`` or SymPy
#: ``Rational`` values.  Sequences holding ``Fraction``/``Rational`` select exact arithmetic.
ArrayLike = npt.ArrayLike | Sequence
#: A threshold, leak or weight: a real scalar (``float``, ``int``, ``Fraction``, ``Rational``).
Scalar = float | Fraction | Real
#: A per-step leak: a scalar in (0, 1] or one factor per time step.
Leak = Scalar | ArrayLike
Reset = Literal["mod", "subtract", "zero"]
Engine = Literal["auto", "numba", "python", "exact"]
#: Reconstruction kernels of :func:`ifsod.reconstruct.kernel_filter`.
Kernel = Literal["box", "exponential"]
FloatArray = npt.NDArray[np.float64]

#: The reset rules of D4, in the order of their codes inside the kernels.
RESETS: tuple[str, ...] = get_args(Reset)
ENGINES: tuple[str, ...] = get_args(Engine)
KERNELS: tuple[str, ...] = get_args(Kernel)
