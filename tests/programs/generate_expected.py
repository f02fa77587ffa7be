"""Regenerate tests/programs/expected/NAME.out from JVM Clojure.

    .venv/bin/python -m tests.programs.generate_expected [NAME ...]

Run after adding or changing a program; needs `clojure` (Debian's package, which
`make deps-system` installs).
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from .harness import EXPECTED, expected, programs, run_jvm


def main(names: list[str]) -> int:
    names = names or programs()
    EXPECTED.mkdir(exist_ok=True)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(names, pool.map(run_jvm, names), strict=True))
    status = 0
    for name, r in results.items():
        if r.returncode != 0:
            print(f"{name}: JVM Clojure failed (exit {r.returncode}):\n{r.stderr}", file=sys.stderr)
            status = 1
            continue
        expected(name).write_text(r.stdout)
        print(f"{name}: {len(r.stdout.splitlines())} lines")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
