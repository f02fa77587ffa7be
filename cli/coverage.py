"""`pyjank coverage [PUBLICS.edn]`: how much of Clojure 1.11's public API pyjank provides.

The list of every public var of Clojure 1.11 per namespace lives outside the repo, in
../shared/data/clojure-1.11-publics.edn. Each var of it is implemented (public in the
namespace, which is required first), deliberately absent (runtime/clj/pyjank/absent.edn says
why) or missing. The figure that counts is clojure.core's share of the vars that make sense
on a Python host: implemented / (all - absent). The exit status is 1 when it is below 95%.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PUBLICS = REPO.parent / "shared" / "data" / "clojure-1.11-publics.edn"
ABSENT = REPO / "runtime" / "clj" / "pyjank" / "absent.edn"
THRESHOLD = 95.0


@dataclass
class NsCoverage:
    """One namespace of the list: which of its vars pyjank has."""

    name: str
    loaded: bool
    implemented: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    absent: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)  # listed absent, yet implemented

    @property
    def percent(self) -> float:
        relevant = len(self.implemented) + len(self.missing)
        return 100.0 * len(self.implemented) / relevant if relevant else 100.0


def _read_edn(path: Path) -> dict[str, dict[str, object]]:
    """A map of maps keyed by symbols, as Python dicts keyed by names (other keys dropped)."""
    from ..runtime.stdlib.edn import read_string
    from ..runtime.symbols import Symbol

    data = read_string(None, path.read_text(encoding="utf-8"))
    return {
        str(ns): {str(name): value for name, value in vars_.items()}
        for ns, vars_ in data.items()
        if isinstance(ns, Symbol)
    }


def coverage(publics: Path = PUBLICS) -> list[NsCoverage]:
    """Compare the runtime with the list at `publics` (FileNotFoundError if it is missing)."""
    from ..compiler.bootstrap import boot
    from ..compiler.loader import require
    from ..runtime.namespaces import find_ns
    from ..runtime.symbols import Symbol

    listed = _read_edn(publics)
    absent = {ns: {k: str(v) for k, v in vars_.items()} for ns, vars_ in _read_edn(ABSENT).items()}
    boot()
    results = []
    for ns_name, vars_ in sorted(listed.items(), key=lambda kv: (kv[0] != "clojure.core", kv[0])):
        with contextlib.suppress(Exception):  # a namespace pyjank lacks: all of it is missing
            require(Symbol(None, ns_name))
        ns = find_ns(ns_name)
        have = ns.publics() if ns is not None else {}
        reasons = absent.get(ns_name, {})
        cov = NsCoverage(ns_name, ns is not None)
        for name in vars_:
            if name in have:
                cov.implemented.append(name)
                if name in reasons:
                    cov.stale.append(name)
            elif name in reasons:
                cov.absent[name] = reasons[name]
            else:
                cov.missing.append(name)
        results.append(cov)
    return results


def report(results: list[NsCoverage]) -> str:
    """The printed report: a line per namespace, then what is missing and absent, and why."""
    lines = []
    for cov in results:
        total = len(cov.implemented) + len(cov.missing) + len(cov.absent)
        status = "" if cov.loaded else "  (no such namespace)"
        lines.append(
            f"{cov.name:<24} {len(cov.implemented):>4}/{total:<4} implemented, "
            f"{len(cov.missing):>3} missing, {len(cov.absent):>3} absent  "
            f"{cov.percent:5.1f}%{status}"
        )
        if cov.missing:
            lines.append(f"    missing: {' '.join(sorted(cov.missing))}")
        for name, reason in sorted(cov.absent.items()):
            lines.append(f"    absent: {name} - {reason}")
        if cov.stale:
            lines.append(f"    listed absent but implemented: {' '.join(sorted(cov.stale))}")
    core = next(c for c in results if c.name == "clojure.core")
    lines.append(
        f"clojure.core: {core.percent:.1f}% of the vars that make sense on the host "
        f"(threshold {THRESHOLD:.0f}%)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    path = Path(argv[0]) if argv else PUBLICS
    if not path.is_file():
        print(f"pyjank coverage: no list of Clojure's public vars at {path}", file=sys.stderr)
        return 2
    results = coverage(path)
    print(report(results))
    core = next(c for c in results if c.name == "clojure.core")
    return 0 if core.percent >= THRESHOLD else 1
