"""Namespaces and loading: ns forms, require with aliases and refers, :reload, load-file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pyjank.compiler import loader


@pytest.fixture
def src_tree(tmp_path: Path, booted):
    previous = loader.source_path
    loaded = set(loader.loaded_libs)
    loader.set_source_path([tmp_path])
    yield tmp_path
    loader.source_path = previous
    # each backend's run of a test loads its namespaces afresh
    loader.loaded_libs.intersection_update(loaded)


def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text))
    return p


def test_program_of_several_namespaces(src_tree, run):
    write(
        src_tree,
        "app/util_fns.jank",
        """
        (ns app.util-fns)
        (defn double-it [x] (* 2 x))
        (defn- hidden [] :secret)
        (def base 10)
    """,
    )
    write(
        src_tree,
        "app/text.cljc",
        """
        (ns app.text)
        (defn shout [s] #?(:pyjank (.upper s) :clj (.toUpperCase s)))
    """,
    )
    write(
        src_tree,
        "app/core.clj",
        """
        (ns app.core
          (:require [app.util-fns :as u :refer [base]]
                    [app.text :refer [shout]])
          (:import [collections OrderedDict]))
        (defn run [] [(u/double-it base) (shout "hi") (python/type (OrderedDict))])
    """,
    )
    result = run("(require 'app.core) (app.core/run)")
    assert result[0] == 20 and result[1] == "HI"
    assert result[2].__name__ == "OrderedDict"


def test_reload_picks_up_an_edit(src_tree, run):
    f = write(src_tree, "reloadme/core.jank", "(ns reloadme.core)\n(defn v [] 1)\n")
    assert run("(require 'reloadme.core) (reloadme.core/v)") == 1
    f.write_text("(ns reloadme.core)\n(defn v [] 2)\n")
    assert run("(require 'reloadme.core) (reloadme.core/v)") == 1
    assert run("(require 'reloadme.core :reload) (reloadme.core/v)") == 2


def test_reload_all_reloads_dependencies(src_tree, run):
    dep = write(src_tree, "ra/dep.jank", "(ns ra.dep)\n(def x 1)\n")
    write(src_tree, "ra/top.jank", "(ns ra.top (:require [ra.dep :as d]))\n(defn x [] d/x)\n")
    assert run("(require 'ra.top) (ra.top/x)") == 1
    dep.write_text("(ns ra.dep)\n(def x 2)\n")
    assert run("(require 'ra.top :reload) (ra.top/x)") == 1
    assert run("(require 'ra.top :reload-all) (ra.top/x)") == 2


def test_load_file_binds_ns(src_tree, run):
    f = write(src_tree, "scripts/one.jank", "(ns scripts.one)\n(def here (str *ns*))\n(+ 1 2)\n")
    before = run("(str *ns*)")
    assert run(f'(load-file "{f}")') == 3
    assert run("(str *ns*)") == before
    assert run("scripts.one/here") == "scripts.one"


def test_missing_namespace_error(src_tree, run):
    with pytest.raises(FileNotFoundError, match="Could not locate no/such_ns.jank"):
        run("(require 'no.such-ns)")


def test_private_vars_are_not_referable(src_tree, run):
    write(src_tree, "priv/a.jank", "(ns priv.a)\n(defn- secret [] 1)\n")
    with pytest.raises(Exception, match="secret is not public"):
        run("(require '[priv.a :refer [secret]])")


def test_cyclic_require_is_reported(src_tree, run):
    write(src_tree, "cyc/a.jank", "(ns cyc.a (:require cyc.b))\n")
    write(src_tree, "cyc/b.jank", "(ns cyc.b (:require cyc.a))\n")
    with pytest.raises(Exception, match="Cyclic load dependency"):
        run("(require 'cyc.a)")


def test_clojure_core_qualified_calls_resolve(run):
    assert run("(clojure.core/+ 1 2)") == 3
    assert run("(clojure.core/str (clojure.core/inc 1))") == "2"


def test_load_resource_relative_to_current_ns(src_tree, run):
    write(src_tree, "lr/main.jank", '(ns lr.main)\n(load "helpers")\n(defn go [] (helper))\n')
    write(src_tree, "lr/helpers.jank", "(in-ns 'lr.main)\n(defn helper [] :helped)\n")
    write(src_tree, "lr/absolute.jank", "(ns lr.absolute)\n(def x 5)\n")
    assert run("(require 'lr.main) (lr.main/go)") == run(":helped")
    assert run('(load "/lr/absolute") lr.absolute/x') == 5
