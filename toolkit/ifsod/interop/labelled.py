"""Labelled data in, labelled data out: pandas and xarray for the encoders, norms and recovery.

:func:`labelled` wraps a function of samples so that it also takes a ``pandas.Series`` or
``DataFrame`` (time along the index, one channel per column) or an ``xarray.DataArray`` (time
along the dimension ``dim``, default ``"time"``) and returns the same type with the index,
columns or coordinates kept.  pandas and xarray are never imported here: an object is
recognised by its class, and its own methods rebuild the result.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])
#: What the wrapped function returns: samples of the input's shape, the input reduced along
#: time, or a ``Recovery`` whose ``spikes``/``signal`` have the input's shape.
Returns = Literal["same", "reduced", "recovery"]
#: The time dimension of a DataArray unless ``dim=`` names another.
TIME = "time"


def kind(value: Any) -> str | None:
    """``"Series"``, ``"DataFrame"``, ``"DataArray"`` for labelled input, else ``None``.

    Parameters
    ----------
    value : object
        Any input.

    Returns
    -------
    str or None
        The kind of labelled container, read from the type without importing pandas or
        xarray.

    Examples
    --------
    >>> kind([1.0, 2.0]) is None
    True
    >>> import pandas as pd
    >>> kind(pd.Series([1.0])), kind(pd.DataFrame({"a": [1.0]}))
    ('Series', 'DataFrame')
    """
    cls = type(value)
    package = cls.__module__.partition(".")[0]
    if package == "pandas" and cls.__name__ in ("Series", "DataFrame"):
        return cls.__name__
    if package == "xarray" and cls.__name__ == "DataArray":
        return "DataArray"
    return None


@dataclasses.dataclass(frozen=True)
class Labels:
    """The labels of one input, to put back on results computed from its plain array.

    Parameters
    ----------
    value : pandas.Series, pandas.DataFrame or xarray.DataArray
        The labelled input.
    kind : str or None
        Its :func:`kind`.
    axis : int
        The time axis of its array.

    Examples
    --------
    >>> import pandas as pd
    >>> labels = Labels.of(pd.Series([1.0, 2.0], name="a"), None, "x")
    >>> labels.kind, labels.axis
    ('Series', 0)
    """

    value: Any
    kind: str | None
    axis: int

    @classmethod
    def of(cls, value: Any, dim: str | None, name: str) -> Labels:
        """The labels of ``value`` (the argument ``name``) with time along ``dim``.

        Parameters
        ----------
        value : pandas.Series, pandas.DataFrame or xarray.DataArray
            The labelled input.
        dim : str or None
            The time dimension of a DataArray (default ``"time"``); only for xarray.
        name : str
            The argument name for error messages.

        Returns
        -------
        Labels

        Examples
        --------
        >>> import xarray as xr
        >>> da = xr.DataArray([[1.0, 2.0]], dims=("channel", "time"))
        >>> Labels.of(da, None, "x").axis
        1
        >>> Labels.of(da, "t", "x")
        Traceback (most recent call last):
        ...
        ValueError: dim: 't' is not a dimension of x; its dimensions are ('channel', 'time') (pass dim=...)
        """  # noqa: E501
        found = kind(value)
        if found == "DataArray":
            dim = TIME if dim is None else dim
            if dim not in value.dims:
                raise ValueError(f"dim: {dim!r} is not a dimension of {name}; its dimensions "
                                 f"are {tuple(value.dims)} (pass dim=...)")
            return cls(value, "DataArray", value.get_axis_num(dim))
        if dim is not None:
            raise TypeError(f"dim applies to an xarray.DataArray {name}; got "
                            f"{type(value).__name__}")
        return cls(value, found, 0)

    @property
    def array(self) -> np.ndarray:
        """The values as a NumPy array (object arrays of ``Fraction`` stay exact).

        Returns
        -------
        numpy.ndarray
            The labelled container's values, without their labels.

        Examples
        --------
        >>> import pandas as pd
        >>> Labels.of(pd.Series([1.0, 2.0]), None, "x").array
        array([1., 2.])
        """
        return self.value.to_numpy() if self.kind != "DataArray" else self.value.values

    def same(self, result: np.ndarray) -> Any:
        """``result`` (the input's shape) with the input's labels.

        Parameters
        ----------
        result : numpy.ndarray
            Values of the input's shape.

        Returns
        -------
        pandas.Series, pandas.DataFrame or xarray.DataArray
            ``result`` with the input's index, columns, coordinates and name.

        Examples
        --------
        >>> import numpy as np
        >>> import pandas as pd
        >>> labels = Labels.of(pd.Series([1.0, 2.0], index=[10, 20], name="a"), None, "x")
        >>> labels.same(np.array([3.0, 4.0])).to_dict()
        {10: 3.0, 20: 4.0}
        """
        if self.kind == "Series":
            return type(self.value)(result, index=self.value.index, name=self.value.name)
        if self.kind == "DataFrame":
            return type(self.value)(result, index=self.value.index, columns=self.value.columns)
        return self.value.copy(data=result)  # keeps dims, coords, name and attrs

    def reduced(self, result: Any) -> Any:
        """``result`` (the input reduced along time) with the labels left.

        Parameters
        ----------
        result : scalar or numpy.ndarray
            The input reduced along its time axis.

        Returns
        -------
        object
            ``result`` itself for a Series, a Series over the columns for a DataFrame, a
            DataArray without the time dimension for a DataArray.

        Examples
        --------
        >>> import pandas as pd
        >>> labels = Labels.of(pd.DataFrame({"a": [1.0], "b": [2.0]}), None, "x")
        >>> labels.reduced([5.0, 6.0]).to_dict()
        {'a': 5.0, 'b': 6.0}
        """
        if self.kind == "Series":
            return result
        if self.kind == "DataFrame":
            import pandas as pd  # already imported: the input is a DataFrame

            return pd.Series(result, index=self.value.columns)
        template = self.value.isel({self.value.dims[self.axis]: 0}, drop=True)
        return template.copy(data=np.asarray(result))

    def check_same_labels(self, other: Labels, name: str) -> None:
        """Refuse a second input whose labels differ (they would be paired by position).

        Parameters
        ----------
        other : Labels
            The labels of the second input.
        name : str
            Its argument name for error messages.

        Examples
        --------
        >>> import pandas as pd
        >>> a = Labels.of(pd.Series([1.0, 2.0]), None, "x")
        >>> a.check_same_labels(Labels.of(pd.Series([0.0, 0.0]), None, "s"), "s")
        >>> a.check_same_labels(Labels.of(pd.Series([0.0], index=[5]), None, "s"), "s")
        Traceback (most recent call last):
        ...
        ValueError: s must have the index (and columns) of the first input
        """
        if other.kind != self.kind:
            raise TypeError(f"{name} must be a {self.kind} like the first input; got "
                            f"{type(other.value).__name__}")
        if self.kind == "DataArray":
            import xarray as xr  # already imported: the input is a DataArray

            try:
                xr.align(self.value, other.value, join="exact")
            except ValueError:
                raise ValueError(f"{name} must have the coordinates of the first input") \
                    from None
            if self.value.dims != other.value.dims:
                raise ValueError(f"{name} must have the dimensions {self.value.dims} of the "
                                 f"first input; got {other.value.dims}")
        elif not (self.value.index.equals(other.value.index) and (
                self.kind == "Series" or self.value.columns.equals(other.value.columns))):
            raise ValueError(f"{name} must have the index (and columns) of the first input")


def labelled(returns: Returns, *, pairs: int = 1) -> Callable[[F], F]:
    """Let ``func`` take and return pandas/xarray objects (its first ``pairs`` arguments).

    The wrapped function gains a keyword ``dim`` (the time dimension of a DataArray, default
    ``"time"``); with labelled input its ``axis`` is set from the labels and may not be given.

    Parameters
    ----------
    returns : {"same", "reduced", "recovery"}
        What the wrapped function returns (see ``Returns`` above).
    pairs : int
        How many leading arguments are inputs whose labels must agree.

    Returns
    -------
    callable
        The decorator.

    Examples
    --------
    >>> import pandas as pd
    >>> from ifsod import if_encode
    >>> x = pd.Series([0.5, 0.75, 2.5], index=pd.Index([0.0, 0.1, 0.2], name="t"), name="a")
    >>> if_encode(x, 1.0)
    t
    0.0    0.0
    0.1    1.0
    0.2    2.0
    Name: a, dtype: float64
    """

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        names = list(signature.parameters)[:pairs]
        takes_axis = "axis" in signature.parameters

        @functools.wraps(func)
        def wrapper(*args: Any, dim: str | None = None, **kwargs: Any) -> Any:
            given = [*args[:pairs], *(kwargs[n] for n in names if n in kwargs)]
            if dim is None and all(kind(value) is None for value in given):
                return func(*args, **kwargs)  # plain input: no binding, no labels
            bound = signature.bind(*args, **kwargs)
            first = bound.arguments[names[0]]
            if kind(first) is None:
                if dim is not None:
                    raise TypeError(f"dim applies to an xarray.DataArray {names[0]}; got "
                                    f"{type(first).__name__}")
                other = next(n for n in names[1:] if kind(bound.arguments.get(n)) is not None)
                raise TypeError(f"{names[0]} must be labelled like {other} (a "
                                f"{kind(bound.arguments[other])}); got {type(first).__name__}")
            if "axis" in bound.arguments:
                raise TypeError("axis cannot be given with labelled input: time runs along "
                                "the index (pandas) or the dimension dim (xarray)")
            labels = Labels.of(first, dim, names[0])
            bound.arguments[names[0]] = labels.array
            for name in names[1:]:
                paired = Labels.of(bound.arguments[name], dim, name)
                labels.check_same_labels(paired, name)
                bound.arguments[name] = paired.array
            if takes_axis:
                bound.arguments["axis"] = labels.axis
            elif labels.kind == "DataFrame" or labels.array.ndim != 1:
                raise ValueError(f"{names[0]} must hold one channel (a Series, or a DataArray "
                                 f"with the one dimension {dim or TIME!r}); got "
                                 f"{labels.kind} of shape {labels.array.shape}")
            result = func(*bound.args, **bound.kwargs)
            if returns == "same":
                return labels.same(result)
            if returns == "reduced":
                return labels.reduced(result)
            return dataclasses.replace(result, **{
                field: labels.same(getattr(result, field))
                for field in ("spikes", "signal") if getattr(result, field) is not None})

        parameters = list(signature.parameters.values())
        parameters.append(inspect.Parameter("dim", inspect.Parameter.KEYWORD_ONLY, default=None,
                                            annotation="str | None"))
        wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
