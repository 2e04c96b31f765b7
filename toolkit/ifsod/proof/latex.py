"""LaTeX of z3 terms: the statements shown in the table and the book are printed from the very
formulas the solvers check, so the two cannot drift apart."""

from __future__ import annotations

from fractions import Fraction

from .z3models import Term

#: LaTeX of the usual symbol names, used unless the caller names a symbol itself.
GREEK = {"theta": r"\theta", "lam": r"\lambda", "delta": r"\delta", "Delta": r"\Delta",
         "alpha": r"\alpha", "tau": r"\tau"}

_RELATIONS = {"<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "==": "=", "distinct": r"\ne"}


def to_latex(expr: Term, names: dict[str, str] | None = None) -> str:
    r"""LaTeX of the z3 term ``expr``; ``names`` maps constant names to LaTeX.

    Absolute values (``If(a >= 0, a, -a)``), truncation toward zero and maxima are recognised.

    Parameters
    ----------
    expr : z3.ExprRef
        The term or formula.
    names : dict, optional
        LaTeX by constant name (the Greek letters of ``GREEK`` by default).

    Returns
    -------
    str
        The LaTeX.

    Examples
    --------
    >>> import z3
    >>> u, x, theta = z3.Reals("u x theta")
    >>> to_latex(z3.If(u + x >= 0, u + x, -(u + x)) < theta, {"theta": r"\theta"})
    '\\left|u + x\\right| < \\theta'
    """
    return _Printer(GREEK | (names or {})).show(expr)


class _Printer:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def show(self, e: Term) -> str:
        import z3

        if z3.is_rational_value(e) or z3.is_int_value(e):
            value = Fraction(str(e.as_fraction() if z3.is_rational_value(e) else e.as_long()))
            return str(value.numerator) if value.denominator == 1 else (
                rf"{'-' if value < 0 else ''}\tfrac{{{abs(value.numerator)}}}"
                rf"{{{value.denominator}}}")
        if z3.is_true(e):
            return r"\top"
        if z3.is_false(e):
            return r"\bot"
        if z3.is_const(e):
            return self.names.get(str(e), str(e))
        kind, args = e.decl().kind(), e.children()
        if kind in (z3.Z3_OP_TO_REAL,):
            return self.show(args[0])
        if kind == z3.Z3_OP_ITE:
            return self._ite(*args)
        if kind == z3.Z3_OP_TO_INT:
            return rf"\lfloor {self.show(args[0])} \rfloor"
        if kind == z3.Z3_OP_ADD:
            text = self.show(args[0])
            for a in args[1:]:
                part = self.show(a)
                text += f" - {part[1:]}" if part.startswith("-") else f" + {part}"
            return text
        if kind == z3.Z3_OP_SUB:
            return f"{self.show(args[0])} - {self._wrap(args[1], sums=True)}"
        if kind == z3.Z3_OP_UMINUS:
            return f"-{self._wrap(args[0], sums=True)}"
        if kind == z3.Z3_OP_MUL:
            if z3.is_rational_value(args[0]) or z3.is_int_value(args[0]):
                if str(args[0]) == "-1":
                    return f"-{self._wrap(args[1], sums=True)}"
                if str(args[0]) == "1" and len(args) == 2:
                    return self._wrap(args[1], sums=True)
            return r"\,".join(self._wrap(a, sums=True) for a in args)
        if kind in (z3.Z3_OP_DIV, z3.Z3_OP_IDIV):
            return rf"\frac{{{self.show(args[0])}}}{{{self.show(args[1])}}}"
        if kind == z3.Z3_OP_AND:
            return r" \wedge ".join(self._wrap(a, logic=True) for a in args)
        if kind == z3.Z3_OP_OR:
            return r" \vee ".join(self._wrap(a, logic=True) for a in args)
        if kind == z3.Z3_OP_NOT:
            return rf"\neg {self._wrap(args[0], logic=True)}"
        if kind == z3.Z3_OP_IMPLIES:
            left, right = (self._wrap(a, logic=True) for a in args)
            return rf"{left} \Rightarrow {right}"
        op = e.decl().name()
        if op in _RELATIONS and len(args) == 2:
            return f"{self.show(args[0])} {_RELATIONS[op]} {self.show(args[1])}"
        return rf"\mathrm{{{op}}}({', '.join(self.show(a) for a in args)})"

    def _ite(self, cond: Term, then: Term, other: Term) -> str:
        import z3

        # |a| = If(a >= 0, a, -a)
        if (z3.is_app_of(cond, z3.Z3_OP_GE) and cond.children()[0].eq(then)
                and z3.is_app_of(other, z3.Z3_OP_UMINUS) and other.children()[0].eq(then)):
            return rf"\left|{self.show(then)}\right|"
        # trunc(a) = If(a >= 0, ToInt(a), -ToInt(-a))
        if (z3.is_app_of(cond, z3.Z3_OP_GE) and z3.is_app_of(then, z3.Z3_OP_TO_INT)
                and then.children()[0].eq(cond.children()[0])):
            return rf"\mathrm{{trunc}}\left({self.show(then.children()[0])}\right)"
        # max(a, b) = If(a >= b, a, b)
        if (z3.is_app_of(cond, z3.Z3_OP_GE) and cond.children()[0].eq(then)
                and cond.children()[1].eq(other)):
            return rf"\max\left({self.show(then)}, {self.show(other)}\right)"
        return (rf"\begin{{cases}}{self.show(then)} & {self.show(cond)}\\ "
                rf"{self.show(other)} & \text{{otherwise}}\end{{cases}}")

    def _wrap(self, e: Term, sums: bool = False, logic: bool = False) -> str:
        import z3

        text = self.show(e)
        compound = (sums and (z3.is_app_of(e, z3.Z3_OP_ADD) or z3.is_app_of(e, z3.Z3_OP_SUB))) or (
            logic and any(z3.is_app_of(e, k) for k in (z3.Z3_OP_AND, z3.Z3_OP_OR,
                                                       z3.Z3_OP_IMPLIES)))
        return f"\\left({text}\\right)" if compound else text
