"""clojure.repl: doc, source, dir, apropos, find-doc, pst and friends."""

from __future__ import annotations

REQ = "(require '[clojure.repl :refer :all] '[clojure.string :as s]) "


def out(run, body: str) -> str:
    return run(REQ + f"(with-out-str {body})")


def test_doc_of_a_var_and_a_macro(run):
    assert out(run, "(doc s/trim)") == (
        "-------------------------\n"
        "clojure.string/trim\n"
        "([s])\n"
        "  Removes whitespace from both ends of string.\n"
    )
    assert out(run, "(doc when)").splitlines()[1:4] == [
        "clojure.core/when",
        "([test & body])",
        "Macro",
    ]


def test_doc_of_special_forms_and_namespaces(run):
    text = out(run, "(doc if)")
    assert text.startswith("-------------------------\nif\n  (if test then else?)\nSpecial Form\n")
    assert text.endswith("\n  Please see http://clojure.org/special_forms#if\n")
    assert out(run, "(doc catch)").splitlines()[1] == "try"
    assert out(run, "(doc clojure.string)").startswith(
        "-------------------------\nclojure.string\n  Clojure String utilities."
    )
    assert out(run, "(doc no-such-thing)") == ""


def test_source(run):
    assert run(REQ + "(source-fn 's/blank?)") == (
        '(defn blank?\n  "True if s is nil, empty, or contains only whitespace."\n'
        "  [s]\n  (is_blank s))"
    )
    defn = '(defn answer\n  "The answer."\n  []\n  42)'
    assert run(REQ + defn + " (source-fn 'answer)", file=None) is None
    assert out(run, "(source no-such-var)") == "Source not found\n"


def test_source_of_a_file(run, tmp_path):
    path = tmp_path / "answer.jank"
    path.write_text('(ns answer-ns)\n\n(defn answer\n  "The answer."\n  []\n  42) ; done\n')
    text = REQ + f'(load-file "{path}") (source-fn \'answer-ns/answer)'
    assert run(text) == '(defn answer\n  "The answer."\n  []\n  42)'


def test_dir_and_apropos(run):
    text = out(run, "(require 'clojure.set) (dir clojure.set)")
    assert text.startswith("difference\nindex\nintersection\njoin\n")
    assert out(run, "(dir s)").splitlines()[:2] == ["blank?", "capitalize"]
    assert run(REQ + '(pr-str (apropos "index-of"))') == (
        "(clojure.string/index-of clojure.string/last-index-of)"
    )
    assert run(REQ + '(pr-str (apropos #"^re-quote"))') == "(clojure.string/re-quote-replacement)"


def test_find_doc(run):
    text = out(run, '(find-doc "Removes whitespace from the left")')
    assert text == (
        "-------------------------\nclojure.string/triml\n([s])\n"
        "  Removes whitespace from the left side of string.\n"
    )


def test_pst(run):
    text = (
        REQ
        + """
    (defn f [x] (/ x 0))
    (defn g [x] (f x))
    (with-out-str
      (binding [*err* *out*]
        (pst (ex-info "outer" {:a 1} (try (g 1) (catch Exception e e))) 40)))"""
    )
    lines = run(text).splitlines()
    assert lines[0] == "ExceptionInfo outer {:a 1}"
    cause = lines.index("Caused by:")
    assert lines[cause + 1] == "ArithmeticException Divide by zero"
    frames = lines[cause + 2 :]
    assert all(line.startswith("\t") for line in frames)
    assert any(line.startswith("\ttest.ns") and "/f (" in line for line in frames)


def test_pst_of_a_compiler_error_and_of_star_e(run):
    text = (
        REQ
        + """(with-out-str
      (binding [*err* *out*] (pst (try (eval '(undefined-thing)) (catch Exception e e)) 1)))"""
    )
    lines = run(text).splitlines()
    assert lines[0].startswith("Note: The following stack trace applies to the reader or compiler")
    assert lines[1] == "CompilerError Unable to resolve symbol: undefined-thing in this context"
    text = REQ + '(with-out-str (binding [*e (ex-info "x" {}) *err* *out*] (pst 0)))'
    assert run(text) == "ExceptionInfo x {}\n"


def test_root_cause_and_demunge(run):
    assert run(REQ + '(ex-message (root-cause (ex-info "a" {} (ex-info "b" {}))))') == "b"
    assert run(REQ + '(demunge "clojure.core$map$fn__123")') == "clojure.core/map/fn--123"
    assert run(REQ + '(demunge "user$valid_QMARK_")') == "user/valid?"
