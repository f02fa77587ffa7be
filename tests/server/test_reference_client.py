"""The daemon driven by an independent, real client: the reference Clojure nREPL client
(`nrepl.core`, from Debian's libnrepl-clojure, run by Debian's clojure). A Clojure script
connects with `nrepl.core/connect`, then evaluates, reads stdout, loads a file and
interrupts a runaway loop through `client`, `client-session`, `message` and
`response-values`, printing one labelled line per check for the assertions here.

`make test` installs both packages (its `deps-system` step); without them this test skips.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .client import Daemon

NREPL_JAR = Path("/usr/share/java/nrepl.jar")
CLOJURE = shutil.which("clojure")

pytestmark = pytest.mark.skipif(
    CLOJURE is None or shutil.which("java") is None or not NREPL_JAR.is_file(),
    reason="needs java, Debian's clojure and libnrepl-clojure (`make deps-system` installs them)",
)

SCRIPT = r"""
(require '[nrepl.core :as nrepl])

(def port (Long/parseLong (first *command-line-args*)))
(def loaded-file (second *command-line-args*))

(defn show [label x]
  (println label (pr-str x))
  (flush))

(with-open [conn (nrepl/connect :port port)]
  (let [client (nrepl/client conn 10000)
        session (nrepl/client-session client)
        eval-code (fn [code] (nrepl/message session {:op "eval" :code code}))]
    (show :values (nrepl/response-values (eval-code "(+ 1 2) (str \"py\" \"jank\") [1 :a {:b 2}]")))
    (show :out (:out (nrepl/combine-responses
                      (eval-code "(println \"hello, reference client\") (print \"bye\")"))))
    (show :load (nrepl/response-values
                 (nrepl/message session {:op "load-file"
                                         :file (slurp loaded-file)
                                         :file-path loaded-file
                                         :file-name "loaded.clj"})))
    (show :after-load (nrepl/response-values (eval-code "(ref.loaded/twice 21)")))
    (let [running (nrepl/message session {:op "eval" :code "(loop [] (recur))" :id "runaway"})
          _ (Thread/sleep 300)
          started (System/nanoTime)
          answer (doall (nrepl/message session {:op "interrupt" :interrupt-id "runaway"}))
          stopped (sort (:status (nrepl/combine-responses running)))
          ms (/ (- (System/nanoTime) started) 1e6)]
      (show :interrupted stopped)
      (show :interrupt-answer (sort (:status (nrepl/combine-responses answer))))
      (show :within-a-second (< ms 1000)))
    (show :after-interrupt (nrepl/response-values (eval-code "(+ 40 2)")))
    (let [failed (nrepl/combine-responses (eval-code "(/ 1 0)"))]
      (show :error [(:ex failed) (sort (:status failed))]))
    (show :session-ns (nrepl/response-values (eval-code "(str *ns*)")))))
(shutdown-agents)
"""

LOADED = """(ns ref.loaded)
(defn twice [x] (* 2 x))
(println "loading")
(twice 21)
"""


def test_reference_clojure_client(daemon: Daemon, tmp_path: Path) -> None:
    script, loaded = tmp_path / "client.clj", tmp_path / "loaded.clj"
    script.write_text(SCRIPT)
    loaded.write_text(LOADED)
    assert CLOJURE is not None
    run = subprocess.run(
        [CLOJURE, "-cp", str(NREPL_JAR), str(script), str(daemon.port), str(loaded)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if line.startswith(":"))
    assert lines == {
        ":values": '[3 "pyjank" [1 :a {:b 2}]]',
        ":out": '"hello, reference client\\nbye"',
        ":load": "[42]",
        ":after-load": "[42]",
        ":interrupted": '("done" "interrupted")',
        ":interrupt-answer": '("done")',
        ":within-a-second": "true",
        ":after-interrupt": "[42]",
        ":error": '["class java.lang.ArithmeticException" ("done" "eval-error")]',
        ":session-ns": '["user"]',
    }
    assert daemon.alive(), daemon.stderr()
