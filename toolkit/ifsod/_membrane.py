"""Membrane models on the pieces of a signal, and the supremum of :math:`|u|` over them.

A model follows a membrane :math:`u` across one :class:`~ifsod.signal.Piece` at a time and
answers what the event tracker (:mod:`ifsod.events`) and the norms ask: the value at a time,
the times where :math:`u` equals a level, the interior critical points, and the effect of a
spike.  :class:`PolynomialMembrane` is IF (D4; or, with ``follow=False``, the piece values
themselves), :class:`LeakyMembrane` is LIF with rate :math:`\\alpha` (D2, D4).

:func:`sup_abs` is the one supremum loop: :meth:`ifsod.Signal.sup_norm` runs it on the pieces
of the signal, the leaky Alexiewicz norm on the leaky membrane.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._poly import EPS, float_roots_in, padd, pderiv, peval, pshift
from ._signal_leaky import Stretch
from .algebraic import Algebraic, Value, evaluate, lower, rational_between, roots_in, upper

if TYPE_CHECKING:
    from .signal import Piece


class PolynomialMembrane:
    r""":math:`u(t) = p(t) - K` on a piece with polynomial :math:`p` (IF without leak).

    With ``follow=True`` the membrane follows the value handed to :meth:`begin` at each piece
    start: the offset :math:`K` is set to :math:`p(a) - u(a)` (so a float membrane carries
    :math:`u` itself, as the discrete encoder does, and never a difference of running sums),
    except at an irrational start, where the exact offset moves by the rational spike sum
    instead (the pieces are then those of one primitive, continuous in :math:`K`).  With
    ``follow=False``, :math:`K = 0`: the model is the piece values (for :func:`sup_abs`).

    Parameters
    ----------
    exact : bool
        Exact roots (``Fraction`` or ``Algebraic``) or float roots.
    follow : bool
        Follow the membrane handed to :meth:`begin` (else :math:`K = 0`).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from ifsod.signal import Signal
    >>> piece = Signal.piecewise([F(-1), F(2)], [[F(1), F(-2), F(1)]]).pieces()[0]  # t^2
    >>> m = PolynomialMembrane(True)
    >>> m.begin(piece, F(1), F(0))
    Fraction(1, 1)
    >>> m.roots(F(1), F(-1), F(2)), m.critical(F(-1), F(2))
    ([Fraction(-1, 1), Fraction(1, 1)], [Fraction(0, 1)])
    >>> m.fire(F(1), F(1), F(1))
    >>> m.value(F(1)), m.probe(F(1), F(2))
    (Fraction(0, 1), Fraction(3, 2))
    """

    def __init__(self, exact: bool, *, follow: bool = True) -> None:
        self.exact, self.follow = exact, follow
        self.offset: Value = 0
        self.anchor: Value = 0
        self.coeffs: list[Value] = [0]

    def begin(self, piece: Piece, u: Value, shift: Value) -> Value:
        """Enter ``piece`` with membrane ``u`` at its start (``shift``: how much the spikes at
        that instant moved the offset); returns the membrane at the start.

        Parameters
        ----------
        piece : Piece
            The piece entered.
        u : float or Fraction
            The membrane at its start.
        shift : float or Fraction
            The offset moved by the spikes at that instant.

        Returns
        -------
        float, Fraction or Algebraic
            The membrane at the start (``u`` itself when following).

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> from ifsod.signal import Piece
        >>> m = PolynomialMembrane(True)
        >>> m.begin(Piece(F(0), F(2), F(0), (F(0), F(0), F(1))), F(1, 2), F(0))  # t^2 + 1/2
        Fraction(1, 2)
        """
        self.anchor, self.coeffs = piece.anchor, list(piece.coefficients)
        if not self.follow:
            return self.value(piece.start)
        if isinstance(piece.start, Algebraic):
            self.offset = self.offset + shift
        else:
            self.offset = peval(self.coeffs, piece.start - self.anchor) - u
        return u

    def value(self, t: Value) -> Value:
        """:math:`u(t)` (exact at an algebraic ``t`` in exact mode).

        Parameters
        ----------
        t : float, Fraction or Algebraic
            A time on the current piece.

        Returns
        -------
        float, Fraction or Algebraic
            The membrane.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = PolynomialMembrane(False, follow=False)  # u is the piece itself: 3 - t
        >>> m.begin(Piece(0.0, 2.0, 0.0, (3.0, -1.0)), 0.0, 0.0), m.value(1.5)
        (3.0, 1.5)
        """
        return evaluate([(self.anchor, self.coeffs)], t) - self.offset

    def roots(self, level: Value, lo: Value, hi: Value) -> list[Value]:
        """Times ``lo <= t <= hi`` where :math:`u(t) =` ``level``, sorted; a root at ``lo`` or
        ``hi`` (to rounding, in floats) is returned as ``lo`` or ``hi`` itself.

        Parameters
        ----------
        level : float or Fraction
            The level.
        lo, hi : float, Fraction or Algebraic
            The closed interval searched.

        Returns
        -------
        list
            The crossing times, sorted.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = PolynomialMembrane(False)
        >>> m.begin(Piece(1.0, 3.0, 0.0, (0.0, 0.0, 1.0)), 0.0, 0.0)  # u = t^2 - 1 from 0
        0.0
        >>> m.roots(3.0, 1.0, 3.0), m.roots(0.0, 1.0, 3.0), m.roots(-1.0, 1.0, 3.0)
        ([2.0], [1.0], [])
        """
        q = padd(self.coeffs, [-(self.offset + level)])
        slack = 8 * EPS * (abs(self.coeffs[0]) + abs(self.offset) + abs(level))
        return self._times(q, lo, hi, slack)

    def critical(self, lo: Value, hi: Value) -> list[Value]:
        """Times strictly inside ``(lo, hi)`` where :math:`u' = 0`.

        Parameters
        ----------
        lo, hi : float, Fraction or Algebraic
            The open interval searched.

        Returns
        -------
        list
            The turning points, sorted.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> from ifsod.signal import Piece
        >>> m = PolynomialMembrane(True, follow=False)  # t^3 - 3t
        >>> _ = m.begin(Piece(F(-2), F(2), F(0), (F(0), F(-3), F(0), F(1))), F(0), F(0))
        >>> m.critical(F(-2), F(2))
        [Fraction(-1, 1), Fraction(1, 1)]
        """
        return [t for t in self._times(pderiv(self.coeffs), lo, hi) if lo < t < hi]

    def _times(self, q: list[Value], lo: Value, hi: Value, slack: float = 0.0) -> list[Value]:
        """The roots in ``[lo, hi]`` of ``q`` (powers of ``t - anchor``) as times, sorted."""
        if self.exact:
            found = roots_in(q, lower(lo) - self.anchor, upper(hi) - self.anchor, True)
            return [t for t in (s + self.anchor for s in found) if lo <= t <= hi]
        return _to_times(float_roots_in(q, lo - self.anchor, hi - self.anchor, slack),
                         self.anchor, lo, hi)

    def fire(self, t: Value, level: Value, spike: Value) -> None:
        """A spike of ``spike`` where :math:`u(t) =` ``level``: :math:`u` drops by it.

        Parameters
        ----------
        t : float, Fraction or Algebraic
            The spike time.
        level : float or Fraction
            The membrane there.
        spike : float or Fraction
            The spike.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> from ifsod.signal import Piece
        >>> m = PolynomialMembrane(True)
        >>> m.begin(Piece(F(0), F(1), F(0), (F(0), F(2))), F(0), F(0))  # u = 2t
        Fraction(0, 1)
        >>> m.fire(F(1, 2), F(1), F(1))  # u reaches 1 at t = 1/2 and drops to 0
        >>> m.value(F(3, 4))
        Fraction(1, 2)
        """
        self.offset = self.offset + spike

    def probe(self, p: Value, q: Value) -> Value:
        """A time strictly between ``p < q``.

        Parameters
        ----------
        p, q : float, Fraction or Algebraic
            Times with ``p < q``.

        Returns
        -------
        float or Fraction
            A rational between them in exact mode, else the midpoint.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> PolynomialMembrane(True).probe(F(1), F(2)), PolynomialMembrane(False).probe(1.0, 2.0)
        (Fraction(3, 2), 1.5)
        """
        return rational_between(p, q) if self.exact else (p + q) / 2


class LeakyMembrane:
    r""":math:`u' = -\alpha u + f` on a piece with polynomial input :math:`f` (LIF, floats).

    The model keeps the time :math:`t_s` and value :math:`u_0` it last restarted from (the
    piece start or the last spike) and the input's coefficients in powers of :math:`t - t_s`;
    roots are isolated exactly (see :mod:`ifsod._signal_leaky`).

    Parameters
    ----------
    alpha : float
        The leak rate, > 0.

    Examples
    --------
    >>> from ifsod.signal import Signal
    >>> piece = Signal.piecewise([0.0, 3.0], [[1.0]]).pieces()[0]
    >>> m = LeakyMembrane(1.0)
    >>> m.begin(piece, 0.0, 0.0)  # then u = 1 - e^-t
    0.0
    >>> m.value(1.0), m.roots(0.5, 0.0, 3.0), m.critical(0.0, 3.0)
    (0.6321205588285578, [0.6931471805599455], [])
    >>> m.fire(0.6931471805599455, 0.5, 0.5)
    >>> m.value(1.0), m.probe(0.0, 1.0)
    (0.2642411176571153, 0.5)
    """

    def __init__(self, alpha: float) -> None:
        self.alpha = alpha
        self.anchor: float = 0.0
        self.coeffs: list[float] = [0.0]
        self.t_s = 0.0
        self.stretch = Stretch((0.0,), 0.0, alpha)

    def _restart(self, t: float, u: float) -> None:
        self.t_s = t
        self.stretch = Stretch(tuple(pshift(self.coeffs, t - self.anchor)), u, self.alpha)

    def begin(self, piece: Piece, u: float, shift: float) -> float:
        """Enter ``piece`` with membrane ``u`` at its start; returns it.

        Parameters
        ----------
        piece : Piece
            The piece entered.
        u : float
            The membrane at its start.
        shift : float
            Unused: the leaky membrane restarts from ``u``.

        Returns
        -------
        float
            ``u``.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = LeakyMembrane(1.0)
        >>> m.begin(Piece(0.0, 3.0, 0.0, (1.0,)), 0.0, 0.0)  # then u = 1 - e^-t
        0.0
        """
        self.anchor, self.coeffs = piece.anchor, list(piece.coefficients)
        self._restart(piece.start, u)
        return u

    def value(self, t: float) -> float:
        """:math:`u(t)`.

        Parameters
        ----------
        t : float
            A time on the current piece, after the last restart.

        Returns
        -------
        float
            The membrane.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = LeakyMembrane(0.5)
        >>> m.begin(Piece(0.0, 4.0, 0.0, (0.0,)), 2.0, 0.0), round(m.value(2.0), 12)  # 2e^-t/2
        (2.0, 0.735758882343)
        """
        return self.stretch.value(t - self.t_s)

    def roots(self, level: float, lo: float, hi: float) -> list[float]:
        """Times ``lo <= t <= hi`` where :math:`u(t) =` ``level``, sorted.

        Parameters
        ----------
        level : float
            The level.
        lo, hi : float
            The closed interval searched.

        Returns
        -------
        list of float
            The crossing times, sorted.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = LeakyMembrane(1.0)
        >>> m.begin(Piece(0.0, 3.0, 0.0, (1.0,)), 0.0, 0.0)  # then u = 1 - e^-t
        0.0
        >>> m.roots(0.5, 0.0, 3.0)
        [0.6931471805599455]
        """
        found = self.stretch.level_roots(level, hi - self.t_s)
        return [t for t in _to_times(found, self.t_s, self.t_s, hi) if t >= lo]

    def critical(self, lo: float, hi: float) -> list[float]:
        """Times strictly inside ``(lo, hi)`` where :math:`u' = f - \\alpha u = 0`.

        Parameters
        ----------
        lo, hi : float
            The open interval searched.

        Returns
        -------
        list of float
            The turning points, sorted.

        Examples
        --------
        >>> from ifsod.signal import Signal
        >>> ramp = Signal.piecewise([0.0, 3.0], [[0.0, 1.0]]).pieces()[0]
        >>> m = LeakyMembrane(alpha=1.0)
        >>> m.begin(ramp, 1.0, 0.0)  # u = t - 1 + 2e^-t
        1.0
        >>> [round(t, 12) for t in m.critical(0.0, 3.0)]  # the minimum at log 2
        [0.69314718056]
        """
        found = self.stretch.critical(hi - self.t_s)
        return [t for t in (s + self.t_s for s in found) if lo < t < hi]

    def fire(self, t: float, level: float, spike: float) -> None:
        """A spike of ``spike`` where :math:`u(t) =` ``level``: restart from ``level - spike``.

        Parameters
        ----------
        t : float
            When the membrane reaches ``level``.
        level : float
            The membrane just before the spike.
        spike : float
            Its weight, by which the membrane drops.

        Examples
        --------
        >>> from ifsod.signal import Piece
        >>> m = LeakyMembrane(2.0)
        >>> _ = m.begin(Piece(0.0, 3.0, 0.0, (2.0,)), 0.0, 0.0)  # u = 1 - e^-2t
        >>> m.fire(1.0, 0.5, 1.0)  # a spike of 1 at t = 1: u restarts from -1/2
        >>> m.value(1.0), round(m.value(1.5), 12)
        (-0.5, 0.448180838243)
        """
        self._restart(t, level - spike)

    def probe(self, p: float, q: float) -> float:
        """A time strictly between ``p < q``.

        Parameters
        ----------
        p, q : float
            Times with ``p < q``.

        Returns
        -------
        float
            The midpoint.

        Examples
        --------
        >>> LeakyMembrane(1.0).probe(0.0, 1.0)
        0.5
        """
        return (p + q) / 2


def _to_times(offsets: Sequence[Value], origin: Value, lo: Value, hi: Value) -> list[Value]:
    """``origin + s`` for roots ``s`` found on ``[lo - origin, hi - origin]``, the ends mapped
    to ``lo`` and ``hi`` exactly (``(lo - origin) + origin`` may round away from ``lo``)."""
    s_lo, s_hi = lo - origin, hi - origin
    out: list[Value] = []
    for s in offsets:
        t = lo if s <= s_lo else hi if s >= s_hi else min(max(s + origin, lo), hi)
        if not out or t != out[-1]:
            out.append(t)
    return out


def sup_abs(model: PolynomialMembrane | LeakyMembrane, pieces: Sequence[Piece],
            jumps: dict[Value, Value], end: Value | None = None) -> tuple[Value, bool]:
    """``(sup |u|, attained)`` over the pieces: values at piece starts and critical points
    (attained), left limits at piece ends (not attained unless also a value) and the end value.

    ``jumps`` maps an instant to the jump of ``u`` there; ``end`` is the value at ``T``
    (default: the left limit there plus its jump).

    Parameters
    ----------
    model : PolynomialMembrane or LeakyMembrane
        The membrane model run over the pieces.
    pieces : sequence of Piece
        The pieces, in order.
    jumps : dict
        The jump of ``u`` at each instant that has one.
    end : float, Fraction or Algebraic, optional
        The value at ``T``.

    Returns
    -------
    tuple
        ``(sup, attained)``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from ifsod.signal import Signal
    >>> f = Signal.piecewise([F(0), F(2)], [[F(0), F(2), F(-1)]])  # 2t - t^2
    >>> sup_abs(PolynomialMembrane(True, follow=False), f.pieces(), {})
    (Fraction(1, 1), True)
    >>> sup_abs(PolynomialMembrane(True, follow=False), f.pieces(), {}, end=F(3))
    (Fraction(3, 1), True)
    """
    zero = pieces[0].start * 0
    u, best, reached = zero, zero, zero
    for piece in pieces:
        u = model.begin(piece, u + jumps.get(piece.start, 0), 0)
        reached = max(reached, abs(u))
        for t in model.critical(piece.start, piece.stop):
            reached = max(reached, abs(model.value(t)))
        u = model.value(piece.stop)
        best = max(best, abs(u))
    if end is None:
        end = u + jumps.get(pieces[-1].stop, 0)
    reached = max(reached, abs(end))
    best = max(best, reached)
    return best, reached == best
