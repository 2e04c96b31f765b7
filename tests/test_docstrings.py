"""Every public function, class and method of the package documents itself (numpydoc).

Public: a name without a leading underscore, defined in the package, in any of its modules
(helpers of private modules included, since other modules call them).  Each needs an
``Examples`` section (run as doctests by the test command), ``Parameters`` when it takes any,
and ``Returns`` (or ``Yields``) unless it is annotated to return None.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest

import ifsod


def _sections(doc: str) -> set[str]:
    lines = inspect.cleandoc(doc).splitlines()
    return {lines[i] for i in range(len(lines) - 1)
            if lines[i + 1].strip() and set(lines[i + 1].strip()) == {"-"}}


def _missing(obj: Any) -> set[str]:
    have = _sections(inspect.getdoc(obj) or "")
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # builtins and compiled dispatchers have none
        return {"Examples"} - have
    need = {"Examples"}
    if any(p.name not in ("self", "cls") for p in signature.parameters.values()):
        need.add("Parameters")
    if not inspect.isclass(obj) and signature.return_annotation not in (None, "None"):
        need.add("Yields" if "Yields" in have else "Returns")
    return need - have


def _public() -> Iterator[tuple[str, Any]]:
    seen: set[tuple[str, str]] = set()
    names = ["ifsod"] + [m.name for m in pkgutil.walk_packages(ifsod.__path__, "ifsod.")]
    for name in names:
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            key = (getattr(obj, "__module__", ""), obj.__qualname__)
            if not key[0].startswith("ifsod") or key in seen:
                continue
            seen.add(key)
            yield f"{key[0]}.{key[1]}", obj
            if inspect.isclass(obj):
                for member, raw in vars(obj).items():
                    if member.startswith("_"):
                        continue
                    if inspect.isfunction(raw) or isinstance(raw, (classmethod, staticmethod)):
                        yield f"{key[0]}.{key[1]}.{member}", getattr(obj, member)


PUBLIC = dict(_public())


def test_the_walk_reaches_the_whole_surface():
    # A walk that silently found nothing would pass every check below.
    assert len(PUBLIC) > 250
    assert {"ifsod.encode.if_encode", "ifsod.signal.Signal.primitive",
            "ifsod.proof.claim.Claim", "ifsod.sparse._recover.recover"} <= set(PUBLIC)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_object_has_parameters_returns_and_examples(name):
    assert not _missing(PUBLIC[name]), f"{name} lacks {sorted(_missing(PUBLIC[name]))}"


def test_a_docstring_without_sections_is_caught():
    def undocumented(x: int) -> int:
        """Twice x."""
        return 2 * x

    assert _missing(undocumented) == {"Parameters", "Returns", "Examples"}
