"""editors/emacs/pyjank.el under Debian's emacs-nox (`make deps-system` installs it): it
byte-compiles without warnings where CIDER is absent, and, with a stand-in CIDER that records
its calls, jack-in starts a real daemon and connects to the port it announces."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "editors" / "emacs" / "pyjank.el"
NREPL = Path(sys.executable).parent / "pyjank-nrepl"

# What CIDER provides that pyjank.el uses; `registry` toggles the jack-in tool registry.
STUB_CIDER = """\
(defvar clojure-build-tool-files '("deps.edn"))
(defvar clojure-mode-hook nil)
(defvar-local cider-jack-in-cmd nil)
(defvar test-tools nil)
(defvar test-connected nil)
{registry}
(defun cider-connect-clj (&optional params) (setq test-connected params))
(provide 'cider)
"""
REGISTRY = (
    "(defun cider-register-jack-in-tool (type &rest plist) (push (cons type plist) test-tools))"
)

# Jack in from a subdirectory of PROJECT, wait for the connect, check that the port speaks
# nREPL (a describe answered with done), then stop the daemon.
JACK_IN = """\
(require 'pyjank)
(require 'cider)
(let ((default-directory (expand-file-name "src/" {project})))
  (pyjank-jack-in))
(let ((deadline (+ (float-time) 30)))
  (while (and (not test-connected) (< (float-time) deadline))
    (accept-process-output nil 0.05)))
(unless test-connected
  (error "no connect: %s" (mapconcat (lambda (b) (with-current-buffer b (buffer-string)))
                                     (buffer-list) "\n")))
(princ (format "connected %S\\n" test-connected))
(let* ((reply (generate-new-buffer "reply"))
       (conn (open-network-stream "probe" reply (plist-get test-connected :host)
                                  (plist-get test-connected :port))))
  (process-send-string conn "d2:id1:12:op8:describee")
  (while (not (with-current-buffer reply (string-search "4:done" (buffer-string))))
    (accept-process-output conn 1))
  (princ "describe done\\n")
  (delete-process conn))
(dolist (p (process-list)) (delete-process p))
"""


@pytest.fixture(scope="module")
def emacs() -> str:
    found = shutil.which("emacs")
    if found is None:
        message = "emacs not installed: run `make deps-system` (installs emacs-nox)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def compiled(emacs: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding pyjank.el and its .elc, compiled with warnings as errors."""
    lisp = tmp_path_factory.mktemp("lisp")
    shutil.copy(SOURCE, lisp)
    r = batch(
        emacs,
        lisp,
        "--eval",
        "(setq byte-compile-error-on-warn t)",
        "-f",
        "batch-byte-compile",
        "pyjank.el",
    )
    assert r.returncode == 0, r.stderr
    assert "Warning" not in r.stderr, r.stderr
    return lisp


def batch(emacs: str, lisp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [emacs, "-Q", "--batch", "-L", str(lisp), *args],
        cwd=lisp,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_script(emacs: str, lisp: Path, script: str, registry: bool = True) -> str:
    """Run `script` after the stand-in CIDER is put on the load path; its output."""
    (lisp / "cider.el").write_text(STUB_CIDER.format(registry=REGISTRY if registry else ""))
    (lisp / "script.el").write_text(script)
    r = batch(
        emacs,
        lisp,
        "--eval",
        f'(setq pyjank-nrepl-command "{NREPL}")',
        "-l",
        str(lisp / "script.el"),
    )
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def project(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "pyjank.edn").write_text("{}\n")
    return tmp_path


def test_byte_compiles_without_warnings(compiled: Path) -> None:
    assert (compiled / "pyjank.elc").is_file()


def test_loads_without_cider(emacs: str, compiled: Path) -> None:
    script = """\
(require 'pyjank)
(princ (format "%S %S" (assoc "\\\\.jank\\\\'" auto-mode-alist) (featurep 'cider)))
"""
    (compiled / "alone.el").write_text(script)
    r = batch(emacs, compiled, "-l", str(compiled / "alone.el"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == '("\\\\.jank\\\\\'" . clojure-mode) nil'


def test_registers_jack_in_tool(emacs: str, compiled: Path) -> None:
    script = """\
(require 'pyjank)
(require 'cider)
(princ (format "%S\\n%S" (alist-get 'pyjank test-tools) clojure-build-tool-files))
"""
    tool, build_files = run_script(emacs, compiled, script).splitlines()
    assert tool == (
        "(:command-var pyjank-nrepl-command :params-var pyjank-nrepl-parameters"
        ' :project-files ("pyjank.edn") :resolver pyjank--resolve-command)'
    )
    assert build_files == '("pyjank.edn" "deps.edn")'


def test_older_cider_gets_jack_in_cmd(emacs: str, compiled: Path, tmp_path: Path) -> None:
    root = project(tmp_path)
    script = f"""\
(require 'pyjank)
(require 'cider)
(with-temp-buffer
  (setq default-directory "{root}/src/")
  (run-hooks 'clojure-mode-hook)
  (princ cider-jack-in-cmd))
"""
    assert run_script(emacs, compiled, script, registry=False) == (
        f"{NREPL} --port 0 --path src test"
    )


@pytest.mark.parametrize("banner", [True, False], ids=["banner", "port-file"])
def test_jack_in_connects(emacs: str, compiled: Path, tmp_path: Path, banner: bool) -> None:
    root = project(tmp_path)
    # Without the banner (its output thrown away), the port comes from .nrepl-port.
    params = "" if banner else '(setq pyjank-nrepl-parameters "--port 0 > /dev/null")'
    out = run_script(emacs, compiled, params + JACK_IN.format(project=f'"{root}"'))
    assert ':host "127.0.0.1"' in out and f':project-dir "{root}/"' in out
    assert "describe done" in out
