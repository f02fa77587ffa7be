"""`pyjank new NAME`: a project ready to jack in from CIDER or Calva.

NAME/
  pyjank.edn                  project marker (CIDER's jack-in looks for it)
  src/NAME/core.jank          namespace NAME.core
  test/NAME/core_test.jank    namespace NAME.core-test (clojure.test)
  .vscode/settings.json       Calva connect sequence, .jank as Clojure
  .vscode/extensions.json     recommends Calva
  .dir-locals.el              CIDER picks the pyjank jack-in tool
  .gitignore, README.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")
SOURCE_PATH = ["src", "test"]
NREPL_COMMAND = "pyjank-nrepl --port {port} --path " + " ".join(SOURCE_PATH)
CALVA_PORT = "JACK-IN-NREPL-PORT"


def calva_settings() -> dict:
    """The workspace settings `editors/vscode/settings.json` ships and `new` writes."""
    return {
        "files.associations": {"*.jank": "clojure"},
        "calva.replConnectSequences": [
            {
                "name": "pyjank",
                "projectType": "custom",
                "cljsType": "none",
                "projectRootPath": ["."],
                "nReplPortFile": [".nrepl-port"],
                "customJackInCommandLine": NREPL_COMMAND.format(port=CALVA_PORT),
                "autoSelectForJackIn": True,
                "autoSelectForConnect": True,
            }
        ],
    }


def project_files(name: str) -> dict[str, str]:
    """Relative path → contents of a new project called `name`."""
    pkg = name.replace("-", "_")
    return {
        "pyjank.edn": PYJANK_EDN,
        f"src/{pkg}/core.jank": CORE.format(name=name),
        f"test/{pkg}/core_test.jank": CORE_TEST.format(name=name),
        ".vscode/settings.json": json.dumps(calva_settings(), indent=2) + "\n",
        ".vscode/extensions.json": EXTENSIONS,
        ".dir-locals.el": DIR_LOCALS,
        ".gitignore": GITIGNORE,
        "README.md": README.format(name=name, pkg=pkg, command=NREPL_COMMAND.format(port=0)),
    }


def create(name: str, parent: Path) -> Path:
    """Write the project `name` under `parent`; its root."""
    root = parent / name
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} already exists and is not empty")
    for rel, text in project_files(name).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(prog="pyjank new", description="Create a pyjank project.")
    p.add_argument("name", help="project name: lower case letters, digits, - and _ (my-app)")
    opts = p.parse_args(argv)
    if not NAME.fullmatch(opts.name):
        p.error(f"invalid project name {opts.name!r}: use lower case letters, digits, - and _")
    try:
        root = create(opts.name, Path.cwd())
    except OSError as e:
        print(f"pyjank new: {e}", file=sys.stderr)
        return 1
    print(f"Created {root}\nNext: cd {opts.name} && pyjank-nrepl --port 0 --path src test")
    return 0


PYJANK_EDN = """\
;; pyjank project marker: editors find the project root by this file (CIDER's jack-in
;; through editors/emacs/pyjank.el). Source directories are given to pyjank-nrepl with --path.
{}
"""

CORE = """\
(ns {name}.core
  "Start here: evaluate forms from your editor, or run `pyjank -m {name}.core`.")

(defn greet
  "A greeting for `who`."
  [who]
  (str "Hello, " who "!"))

(defn -main [& args]
  (println (greet (or (first args) "world"))))
"""

CORE_TEST = """\
(ns {name}.core-test
  (:require [clojure.test :refer [deftest is testing]]
            [{name}.core :as core]))

(deftest greet-test
  (testing "greet says hello"
    (is (= "Hello, world!" (core/greet "world")))))
"""

EXTENSIONS = '{\n  "recommendations": ["betterthantomorrow.calva"]\n}\n'

DIR_LOCALS = """\
;; With pyjank.el (pyjank's editors/emacs), M-x cider-jack-in starts pyjank-nrepl here.
((nil . ((cider-preferred-build-tool . pyjank))))
"""

GITIGNORE = ".nrepl-port\n__pycache__/\n"

README = """\
# {name}

A pyjank project: Clojure on Python.

```sh
pyjank -m {name}.core Ada                   # Hello, Ada!
pyjank --path src --path test -e "(require '{name}.core-test)" \\
       -e "(clojure.test/run-tests '{name}.core-test)"
{command}    # nREPL for your editor
```

- Emacs (CIDER and `pyjank.el`): open `src/{pkg}/core.jank`, `M-x cider-jack-in`.
- VS Code (Calva): open this folder, run **Calva: Start a Project REPL and Connect
  (aka Jack-In)**; `.vscode/settings.json` holds the `pyjank` connect sequence.
"""
