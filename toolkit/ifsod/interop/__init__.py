"""Interoperability: labelled arrays (pandas, xarray) and electrophysiology objects (neo).

- :func:`~ifsod.interop.labelled.labelled` lets :func:`ifsod.if_encode`,
  :func:`ifsod.sod_encode`, the norms and :func:`ifsod.sparse.recover` take and return
  ``pandas.Series``/``DataFrame`` (time along the index) and ``xarray.DataArray`` (time along
  ``dim``, default ``"time"``), labels kept.
- :func:`to_neo` and :func:`from_neo` convert a :class:`ifsod.SpikeTrain` to and from a
  ``neo.SpikeTrain`` (weights as an array annotation, times with units).

pandas, xarray, neo and quantities are imported only when such objects are passed or asked for
(``pip install 'ifsod[labelled]'``, ``'ifsod[neo]'``).
"""

from .labelled import labelled
from .neo import from_neo, to_neo

__all__ = ["from_neo", "labelled", "to_neo"]
