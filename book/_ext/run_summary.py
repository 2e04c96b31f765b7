"""What ``make run`` prints: the verdicts, where the book is, where the logs are.

``python book/_ext/run_summary.py VERIFY_JSON BOOK_INDEX LOG...``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

#: The order in which the verdicts are listed.
ORDER = ("PROVED", "PROVED_UP_TO_N", "NO_COUNTEREXAMPLE", "FALSIFIED", "ERROR")


def summary(report: Path, index: Path, logs: list[Path]) -> str:
    """The summary text of one ``make run``.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> report = Path(tempfile.mkdtemp()) / "verify.json"
    >>> _ = report.write_text(json.dumps([
    ...     {"id": "T1a", "verdict": "PROVED", "matches_expectation": True},
    ...     {"id": "T1c", "verdict": "FALSIFIED", "matches_expectation": True}]))
    >>> print(summary(report, Path("/b/index.html"), []).splitlines()[0])
    ifsod verify: 2 claims: 1 PROVED, 1 FALSIFIED; every verdict matches its expectation
    """
    claims = json.loads(report.read_text(encoding="utf-8"))
    counts = Counter(c["verdict"] for c in claims)
    listed = ", ".join(f"{counts[v]} {v}" for v in (*ORDER, *sorted(set(counts) - set(ORDER)))
                       if counts[v])
    unexpected = [c["id"] for c in claims if not c["matches_expectation"]]
    verdict = (f"{len(unexpected)} differ from their expectation: {', '.join(unexpected)}"
               if unexpected else "every verdict matches its expectation")
    lines = [f"ifsod verify: {len(claims)} claims: {listed}; {verdict}",
             f"book:  {index}",
             f"       the verdicts: {index.parent / 'notebooks/05_verification_report.html'}",
             "next:  make book-pdf (one PDF of the book), make test, "
             "ifsod verify --only T1 (one claim)"]
    lines += [f"log:   {log}" for log in logs]
    return "\n".join(lines)


if __name__ == "__main__":
    report, index, *logs = (Path(a) for a in sys.argv[1:])
    print(summary(report, index.resolve(), logs))
