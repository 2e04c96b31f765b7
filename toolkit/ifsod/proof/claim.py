"""Claims, the steps of their ``calc`` chains, verdicts and the outcome of one check."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Protocol

from .._validate import check_choice
from ._checks import check_check, check_flag, check_items, check_text

PROVENANCES = {"P": "paper", "C": "companion paper", "D": "derived here"}


class Verdict(enum.StrEnum):
    """What a check (or a whole claim) established, strongest first.

    Parameters
    ----------
    value : str
        The verdict's name.

    Examples
    --------
    >>> Verdict("PROVED") is Verdict.PROVED, str(Verdict.FALSIFIED)
    (True, 'FALSIFIED')
    """

    PROVED = "PROVED"
    PROVED_UP_TO_N = "PROVED_UP_TO_N"
    NO_COUNTEREXAMPLE = "NO_COUNTEREXAMPLE"
    FALSIFIED = "FALSIFIED"
    ERROR = "ERROR"


@dataclass(frozen=True)
class Outcome:
    """The verdict of one check and the evidence behind it (N_max, cases, counterexample, ...).

    Parameters
    ----------
    verdict : Verdict
        What the check established.
    evidence : dict
        What it rests on.

    Examples
    --------
    >>> Outcome(Verdict.PROVED_UP_TO_N, {"N_max": 4}).evidence["N_max"]
    4
    """

    verdict: Verdict
    evidence: dict[str, Any] = field(default_factory=dict)


class Check(Protocol):
    """A check kind: ``identity``, ``smt``, ``bounded``, ``search`` or ``optimize``.

    Parameters
    ----------
    kind : str
        The kind's name (read-only).

    Examples
    --------
    >>> from ifsod.proof import identity
    >>> check: Check = identity(lambda: (1, 1))
    >>> check.kind, check.run(quick=True).verdict.value
    ('identity', 'PROVED')
    """

    # Read-only, so that frozen dataclasses (every check kind) satisfy the protocol.
    @property
    def kind(self) -> str:
        """The name of the check kind.

        Returns
        -------
        str
            The kind's name.

        Examples
        --------
        >>> from ifsod.proof import smt
        >>> smt(lambda: True).kind
        'smt'
        """

    def run(self, quick: bool) -> Outcome:
        """Decide the check; ``quick`` trades strength (N_max, cases) for time.

        Parameters
        ----------
        quick : bool
            Whether to trade strength for time.

        Returns
        -------
        Outcome
            What the check established, and on what evidence.

        Examples
        --------
        >>> from ifsod.proof import bounded
        >>> import z3
        >>> check = bounded(lambda n: z3.Real(f"x_{n}") ** 2 >= 0, 4, quick_n_max=2)
        >>> check.run(quick=True).evidence, check.run(quick=False).evidence
        ({'N_max': 2}, {'N_max': 4})
        """


ROLES = ("proof", "corroboration")


@dataclass(frozen=True)
class Step:
    """One link of a ``calc`` chain: what it establishes, and the check that establishes it.

    A ``"proof"`` step is part of the argument: the claim is only as strong as its weakest proof
    step.  A ``"corroboration"`` step checks the conclusion independently (e.g. the library
    encoder on random exact input); it cannot strengthen the verdict, but a counterexample it
    finds still falsifies the claim.

    Parameters
    ----------
    text : str
        What the step establishes.
    check : Check
        The check that establishes it.
    role : {"proof", "corroboration"}
        Whether the step is part of the argument.

    Examples
    --------
    >>> from ifsod.proof import identity
    >>> Step("one is one", identity(lambda: (1, 1))).role
    'proof'
    """

    text: str
    check: Check
    role: str = "proof"

    def __post_init__(self) -> None:
        check_text(self.text, "text")
        check_check(self.check)
        check_choice(self.role, "role", ROLES)


@dataclass(frozen=True)
class Claim:
    r"""A claim of the theorem pages (T1-T8, or a user's): a statement and its checks.

    Parameters
    ----------
    id : str
        Identifier such as ``"T1a"``.
    statement : str, Formula or Induction
        The statement: a formal statement (:mod:`ifsod.proof.formal`), from which the engine
        writes the proof obligations and prints the LaTeX, or LaTeX alone.  Only a formal
        statement can be PROVED: with LaTeX alone the verdict is at most PROVED_UP_TO_N (a
        ``bounded`` step) or NO_COUNTEREXAMPLE, however many lemmas its steps prove.
    provenance : {"P", "C", "D"}
        Paper, companion paper, or derived for this project.
    steps : sequence of Step
        The ``calc`` chain; the claim holds when every step does.  With a formal statement the
        engine puts the obligations first and ``steps`` may be empty (or corroborate).
    expected : bool
        ``False`` for claims kept to show that they fail (their verdict must be FALSIFIED).
    short : str
        A short plain-text statement for tables (default: the start of ``statement``).
    quick : bool
        Whether ``ifsod verify --quick`` runs the claim (``False`` leaves a slow claim to the
        full run).

    Examples
    --------
    >>> from ifsod.proof import Claim, Step, identity
    >>> def parts():
    ...     import sympy
    ...     a, b = sympy.symbols("a b")
    ...     return (a + b) ** 2, a**2 + 2 * a * b + b**2
    >>> claim = Claim("X1", r"(a+b)^2 = a^2 + 2ab + b^2", "D", [Step("expand", identity(parts))])
    >>> claim.kinds
    ('identity',)
    """

    id: str
    statement: Any
    provenance: str
    steps: tuple[Step, ...] = ()
    expected: bool = True
    short: str = ""
    quick: bool = True

    def __post_init__(self) -> None:
        check_text(self.id, "id", empty=False)
        check_choice(self.provenance, "provenance", tuple(sorted(PROVENANCES)))
        from .formal import Obligations, is_formal

        steps = check_items(self.steps, f"steps of claim {self.id}", Step, "Step objects")
        if is_formal(self.statement):
            steps = (Step("obligations written by the engine from the statement",
                          Obligations(self.statement)), *steps)
        elif not isinstance(self.statement, str):
            raise TypeError(f"statement of claim {self.id} must be a LaTeX string, a Formula "
                            f"or an Induction; got {type(self.statement).__name__}")
        if not steps:
            raise ValueError(f"steps of claim {self.id} must be a non-empty sequence of Step "
                             "(or give a formal statement)")
        if all(s.role != "proof" for s in steps):
            raise ValueError(f"steps of claim {self.id} need at least one proof step")
        check_flag(self.expected, "expected")
        check_text(self.short, "short")
        check_flag(self.quick, "quick")
        object.__setattr__(self, "steps", steps)
        if not self.short:
            object.__setattr__(self, "short", self.latex)

    @property
    def formal(self) -> bool:
        """Whether the statement is a formula the engine reads (only then can it be PROVED).

        Returns
        -------
        bool
            Whether the statement is formal.

        Examples
        --------
        >>> from ifsod.proof import identity
        >>> Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))]).formal
        False
        """
        from .formal import is_formal

        return is_formal(self.statement)

    @property
    def latex(self) -> str:
        """The statement in LaTeX, printed from the formula of a formal statement.

        Returns
        -------
        str
            The statement's LaTeX.

        Examples
        --------
        >>> from ifsod.proof import identity
        >>> Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))]).latex
        '1 = 1'
        """
        return self.statement.latex() if self.formal else self.statement

    @property
    def kinds(self) -> tuple[str, ...]:
        """The check kinds used by the steps, in order, without repeats.

        Returns
        -------
        tuple of str
            The kinds.

        Examples
        --------
        >>> from ifsod.proof import identity
        >>> Claim("X", "1 = 1", "D", [Step("one", identity(lambda: (1, 1)))]).kinds
        ('identity',)
        """
        return tuple(dict.fromkeys(step.check.kind for step in self.steps))
