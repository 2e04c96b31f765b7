"""Sphinx extension of the ifsod book: verification verdicts rendered at build time.

``ifsod verify --json FILE`` writes one object per claim (``id``, ``provenance``, ``statement``,
``checks``, ``verdict``, ``expected``, ``matches_expectation``, ``evidence``, ``seconds``, and
``obligations`` with ``solvers`` for formal statements).  The
``verdicts`` directive renders the claims whose id starts with its argument (``T1`` matches
``T1``, ``T1a``, ``T1-leaky`` but not ``T10``)::

    ```{verdicts} T1
    ```

The file is ``$IFSOD_VERIFY_JSON`` if set, else ``_generated/verify.json`` beside the book's
sources (where ``make book`` writes it).  A missing file or a group without claims is a warning,
so ``jupyter-book build -W`` fails instead of publishing a page without its verdicts.

Short names in docstrings (``Signal``, ``ifsod.if_events``) resolve to the one documented
``ifsod`` object of that name.  The extension also exports ``IFSOD_VERIFY_JSON`` (absolute)
and ``IFSOD_BOOK_BUILD=1`` to the notebook kernels it starts: the verification notebook reads
the same file, and progress bars switch themselves off in the built book.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ifsod.proof.claim import PROVENANCES
from ifsod.proof.runner import id_matches

logger = logging.getLogger(__name__)

VERDICT_TEXT = {
    "PROVED": "proved",
    "PROVED_UP_TO_N": "proved up to N_max",
    "NO_COUNTEREXAMPLE": "no counterexample",
    "FALSIFIED": "falsified",
    "ERROR": "error",
}
_SHORT_KEYS = ("N_max", "cases", "step")


def verify_json_path(srcdir: str | Path) -> Path:
    """The verifier output the book renders: ``$IFSOD_VERIFY_JSON`` or the default location."""
    given = os.environ.get("IFSOD_VERIFY_JSON")
    path = Path(given) if given else Path(srcdir) / "_generated" / "verify.json"
    return path.resolve()


def claims_in_group(claims: list[dict], group: str) -> list[dict]:
    """Claims whose id is ``group`` followed by anything but a digit."""
    return [c for c in claims if id_matches(str(c.get("id", "")), group)]


class VerdictsDirective(SphinxDirective):
    """Render the verification results of one theorem group."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        group = self.arguments[0]
        path = verify_json_path(self.env.srcdir)
        self.env.note_dependency(str(path))
        try:
            claims = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            logger.warning("cannot read the verifier output %s (%s); run `ifsod verify --json "
                           "%s` first", path, err, path, location=self.get_location())
            return [self._note(f"Verification results are not available ({path.name}).")]
        chosen = claims_in_group(claims, group)
        if not chosen:
            logger.warning("the verifier output %s holds no claim of group %s", path, group,
                           location=self.get_location())
            return [self._note(f"No verification result for {group}.")]
        return [self._claim(claim) for claim in chosen]

    def _note(self, text: str) -> nodes.Node:
        note = nodes.warning()
        note += nodes.paragraph(text=text)
        return note

    def _claim(self, claim: dict) -> nodes.Node:
        verdict = str(claim.get("verdict", "ERROR"))
        box = nodes.container(classes=["ifsod-claim", f"ifsod-{verdict.lower()}"])
        box["ids"].append(nodes.make_id(f"claim-{claim['id']}"))
        head = nodes.paragraph(classes=["ifsod-claim-head"])
        head += nodes.strong(text=str(claim["id"]))
        tag = str(claim.get("provenance", "?"))
        head += nodes.inline(text=f" [{tag}] {PROVENANCES.get(tag, 'unknown provenance')}",
                             classes=["ifsod-provenance"])
        head += nodes.inline(text=VERDICT_TEXT.get(verdict, verdict),
                             classes=["ifsod-verdict", f"ifsod-verdict-{verdict.lower()}"])
        if claim.get("short"):
            head += nodes.inline(text=f" {claim['short']}", classes=["ifsod-short"])
        box += head
        box += nodes.math_block(claim["statement"], claim["statement"], nowrap=False,
                                number=None)
        box += self._facts(claim, verdict)
        return box

    def _text(self, text: str) -> list[nodes.Node]:
        """A verifier's sentence; parsed as MyST when it holds $...$ math."""
        if "$" not in text:
            return [nodes.paragraph(text=text)]
        holder = nodes.container()
        self.state.nested_parse(StringList([text], source="ifsod verify"), 0, holder)
        return holder.children

    def _facts(self, claim: dict, verdict: str) -> nodes.Node:
        facts = nodes.field_list()
        expected = claim.get("expected", True)
        expectation = "to hold" if expected else "to fail (kept to show that it fails)"
        matches = claim.get("matches_expectation")
        outcome = "as expected" if matches else "NOT as expected"
        evidence = dict(claim.get("evidence") or {})
        steps = evidence.pop("steps", [])
        rows = [
            ("verdict", f"{verdict}, {outcome}: the claim is expected {expectation}"),
            ("checks", ", ".join(claim.get("checks", [])) or "none"),
            ("seconds", f"{float(claim.get('seconds', 0.0)):.2f}"),
        ]
        rows += [(key, str(evidence.pop(key))) for key in _SHORT_KEYS if key in evidence]
        for name, text in rows:
            facts += self._field(name, *self._text(text))
        obligations = claim.get("obligations") or []
        if obligations:
            solvers = " and ".join(claim.get("solvers") or []) or "not both solvers"
            listing = nodes.bullet_list()
            for ob in obligations:
                item = nodes.list_item()
                found = ob.get("solvers") or {}
                wrong = ob.get("wrong_variant")
                text = (f"{ob.get('name', '?')}: {ob.get('text', '')}: {ob.get('verdict', '?')} "
                        f"(z3 {found.get('z3', '?')}, cvc5 {found.get('cvc5', '?')}); "
                        f"hypotheses satisfied by {_pairs(ob.get('hypotheses_model'))}; "
                        + (f"wrong variant fails at {_pairs(wrong.get('counterexample'))}"
                           if wrong else "no failing wrong variant")
                        + (f"; {ob['reason']}" if ob.get("reason") else "")
                        + "".join(f"; {name} = {how}" for name, how in
                                  sorted((ob.get("fixed") or {}).items())))
                item += nodes.paragraph(text=text)
                listing += item
            facts += self._field(f"obligations ({solvers})", listing)
        if steps:
            chain = nodes.enumerated_list()
            for step in steps:
                item = nodes.list_item()
                item += self._text(str(step.get("text", "")))
                item += nodes.paragraph(
                    text=f"{step.get('kind', '?')}: {step.get('verdict', '?')}"
                         f"{self._step_evidence(step.get('evidence') or {})}",
                    classes=["ifsod-step-verdict"])
                chain += item
            facts += self._field("calc chain", chain)
        for key, value in sorted(evidence.items()):
            text = json.dumps(value, default=str)
            body = nodes.paragraph()
            body += nodes.literal(text, text)
            facts += self._field(key, body)
        return facts

    @staticmethod
    def _step_evidence(evidence: dict) -> str:
        shown = [f"{key} = {evidence[key]}" for key in ("N_max", "N", "cases") if key in evidence]
        return f" ({', '.join(shown)})" if shown else ""

    @staticmethod
    def _field(name: str, *body: nodes.Node) -> nodes.field:
        field = nodes.field()
        field += nodes.field_name(text=name)
        value = nodes.field_body()
        value += body
        field += value
        return field


def _pairs(values) -> str:
    """``name = value`` pairs of a model or counterexample."""
    if not values:
        return "none"
    return ", ".join(f"{k} = {v}" for k, v in sorted(dict(values).items()))


def resolve_short_name(app, env, node, contnode):
    """Resolve ``Signal`` or ``ifsod.if_events`` to the one documented ``ifsod`` object.

    Docstrings name objects as users import them (``ifsod.if_events``) or by their short name
    inside the package (``Signal``); the reference documents them in their modules.
    """
    if node.get("refdomain") != "py":
        return None
    suffix = node["reftarget"].removeprefix("ifsod.").lstrip(".~")
    objects = env.get_domain("py").objects
    matches = [name for name in objects
               if name.startswith("ifsod.") and (name == f"ifsod.{suffix}"
                                                 or name.endswith(f".{suffix}"))]
    if len(matches) != 1:
        return None
    entry = objects[matches[0]]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode,
                        matches[0])


def _readers_of_new_output(app, env, added, changed, removed) -> list[str]:
    """Pages whose code reads the verifier output, when that output changed since the last build.

    The theory pages track the file through their directive; notebooks read it in a kernel, so
    an incremental build would keep their old tables without this.
    """
    path = verify_json_path(app.srcdir)
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    if getattr(env, "ifsod_verify_stamp", None) == stamp:
        return []
    env.ifsod_verify_stamp = stamp
    return [doc for doc in env.found_docs
            if "IFSOD_VERIFY_JSON" in Path(env.doc2path(doc)).read_text(encoding="utf-8")]


def _export_environment(app) -> None:
    os.environ["IFSOD_VERIFY_JSON"] = str(verify_json_path(app.srcdir))
    os.environ["IFSOD_BOOK_BUILD"] = "1"


def setup(app):
    app.add_directive("verdicts", VerdictsDirective)
    app.connect("builder-inited", _export_environment)
    app.connect("missing-reference", resolve_short_name)
    app.connect("env-get-outdated", _readers_of_new_output)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
