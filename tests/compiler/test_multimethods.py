"""Multimethods and hierarchies (clojure/core_multi.jank, runtime/multimethods.py,
runtime/hierarchy.py), through every backend."""

from __future__ import annotations

import pytest

from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.symbols import keyword
from pyjank.runtime.vars import IllegalStateException

K = keyword


def test_dispatch_and_default(run):
    run(
        """
        (defmulti area :shape)
        (defmethod area :square [{:keys [side]}] (* side side))
        (defmethod area :rect [{:keys [w h]}] (* w h))
        (defmethod area :default [_] :unknown)
        """
    )
    assert run("[(area {:shape :square :side 3}) (area {:shape :rect :w 2 :h 5})]") == [9, 10]
    assert run("(area {:shape :circle})") == K("unknown")


def test_no_method_error(run):
    run("(defmulti f identity)")
    with pytest.raises(IllegalArgumentException) as e:
        run("(f :x)")
    assert str(e.value) == "No method in multimethod 'f' for dispatch value: :x"


def test_custom_default_value_docstring_and_attr_map(run):
    run(
        """
        (defmulti g "Docs." {:added "1"} (fn [x] x) :default ::other)
        (defmethod g ::other [x] [:other x])
        (defmethod g :default [x] :not-the-default)
        """
    )
    assert run("(g 5)") == [K("other"), 5]
    assert run("[(:doc (meta #'g)) (:added (meta #'g))]") == ["Docs.", "1"]


def test_defmulti_again_keeps_the_methods(run):
    run("(defmulti h identity) (defmethod h 1 [_] :one)")
    run("(defmulti h (fn [x] (inc x)))")
    assert run("(h 1)") == K("one")


def test_multi_arity_and_named_methods(run):
    run(
        """
        (defmulti m (fn [& args] (count args)))
        (defmethod m 1 named-one [x] [:one x])
        (defmethod m 2 ([x y] [:two x y]))
        """
    )
    assert run("[(m 1) (m 1 2)]") == [[K("one"), 1], [K("two"), 1, 2]]


def test_class_dispatch_follows_the_mro(run):
    run(
        """
        (defmulti kind class)
        (defmethod kind Object [_] :object)
        (defmethod kind Number [_] :number)
        (defmethod kind Long [_] :long)
        (defmethod kind String [_] :string)
        (defmethod kind clojure.lang.IPersistentVector [_] :vector)
        (defmethod kind clojure.lang.Sequential [_] :sequential)
        (defmethod kind nil [_] :nil)
        """
    )
    assert run('(mapv kind [1 1.5 "s" [1] \'(1) :k nil true])') == [
        K("long"),
        K("number"),
        K("string"),
        K("vector"),
        K("sequential"),
        K("object"),
        K("nil"),
        K("object"),
    ]


def test_python_class_hierarchy(run):
    run(
        """
        (import '[collections OrderedDict])
        (defmulti pyk type)
        (defmethod pyk python/dict [_] :dict)
        (defmethod pyk python/object [_] :object)
        """
    )
    assert run("[(pyk (OrderedDict)) (pyk (python/dict)) (pyk 1)]") == [
        K("dict"),
        K("dict"),
        K("object"),
    ]


def test_global_hierarchy(run):
    run(
        """
        (derive ::square ::rect)
        (derive ::rect ::shape)
        (defmulti describe identity)
        (defmethod describe ::shape [_] :shape)
        (defmethod describe ::rect [_] :rect)
        """
    )
    assert run("[(describe ::square) (describe ::rect) (describe ::shape)]") == [
        K("rect"),
        K("rect"),
        K("shape"),
    ]
    assert run("[(isa? ::square ::shape) (isa? ::shape ::square)]") == [True, False]
    ns = run("(str *ns*)")
    assert run("(parents ::square)") == run(f"#{{:{ns}/rect}}")
    assert run("(ancestors ::square)") == run(f"#{{:{ns}/rect :{ns}/shape}}")
    assert run("(descendants ::shape)") == run(f"#{{:{ns}/rect :{ns}/square}}")
    run("(underive ::square ::rect)")
    assert run("[(isa? ::square ::shape) (parents ::square) (describe ::rect)]") == [
        False,
        None,
        K("rect"),
    ]
    with pytest.raises(IllegalArgumentException, match="No method"):
        run("(describe ::square)")


def test_global_derive_needs_qualified_tags(run):
    with pytest.raises(AssertionError, match=r"Assert failed: \(namespace parent\)"):
        run("(derive :a :b)")
    with pytest.raises(AssertionError):
        run("(derive :a ::b)")


def test_local_hierarchies(run):
    run(
        """
        (def h (-> (make-hierarchy) (derive :a :b) (derive :b :c) (derive :a :d)))
        """
    )
    assert run(
        "[(isa? h :a :c) (isa? h :c :a) (isa? h [:a :b] [:c :c]) (isa? h [:a] [:c :c])]"
    ) == [
        True,
        False,
        True,
        False,
    ]
    assert run("(parents h :a)") == run("#{:b :d}")
    assert run("(ancestors h :a)") == run("#{:b :c :d}")
    assert run("(descendants h :c)") == run("#{:a :b}")
    assert run("(make-hierarchy)") == run("{:parents {} :descendants {} :ancestors {}}")
    assert run("(= h (derive h :a :b))") is True
    assert run("(= (derive (make-hierarchy) :a :b) (underive (derive h :x :b) :x :b))") is False
    assert run("(isa? (underive h :a :d) :a :d)") is False
    with pytest.raises(Exception, match="Cyclic derivation: :a has :c as ancestor"):
        run("(derive h :c :a)")
    with pytest.raises(Exception, match=":a already has :c as ancestor"):
        run("(derive h :a :c)")


def test_classes_in_hierarchies(run):
    assert run(
        "[(isa? Long Number) (isa? Long Object) (isa? Boolean Long) (isa? String Object)]"
    ) == [
        True,
        True,
        False,
        True,
    ]
    assert run("(isa? (class 1) Long)") is True
    assert run("(contains? (ancestors python/bool) python/object)") is True
    assert run("(contains? (ancestors python/bool) python/int)") is False
    assert (
        run("(contains? (supers clojure.lang.PersistentVector) clojure.lang.IPersistentVector)")
        is True
    )
    assert run("(class? String)") is True
    with pytest.raises(TypeError, match="Can't get descendants of classes"):
        run("(descendants String)")
    run("(def h (derive (make-hierarchy) python/int :num))")
    assert run("[(isa? h python/int :num) (isa? h python/bool :num)]") == [True, False]


def test_custom_hierarchy_option_and_cache_invalidation(run):
    run(
        """
        (def h (atom (make-hierarchy)))
        (defmulti animal identity :hierarchy h)
        (defmethod animal :mammal [_] :mammal)
        (defmethod animal :default [_] :unknown)
        """
    )
    assert run("(animal :dog)") == K("unknown")
    run("(swap! h derive :dog :mammal)")
    assert run("(animal :dog)") == K("mammal")


def test_ambiguity_and_prefer_method(run):
    run(
        """
        (def h (-> (make-hierarchy) (derive :c :a) (derive :c :b)))
        (defmulti amb identity :hierarchy #'h)
        (defmethod amb :a [_] :a)
        (defmethod amb :b [_] :b)
        """
    )
    with pytest.raises(IllegalArgumentException, match="Multiple methods in multimethod 'amb'"):
        run("(amb :c)")
    run("(prefer-method amb :b :a)")
    assert run("(amb :c)") == K("b")
    assert run("(prefers amb)") == run("{:b #{:a}}")
    with pytest.raises(IllegalStateException, match="Preference conflict"):
        run("(prefer-method amb :a :b)")


def test_prefer_method_between_interfaces(run):
    run(
        """
        (defmulti coll-kind class)
        (defmethod coll-kind clojure.lang.IPersistentMap [_] :map)
        (defmethod coll-kind clojure.lang.IFn [_] :fn)
        """
    )
    with pytest.raises(IllegalArgumentException, match="neither is preferred"):
        run("(coll-kind {})")
    run("(prefer-method coll-kind clojure.lang.IPersistentMap clojure.lang.IFn)")
    assert run("[(coll-kind {}) (coll-kind inc) (coll-kind :k)]") == [K("map"), K("fn"), K("fn")]


def test_method_table_fns(run):
    run(
        """
        (defmulti t identity)
        (defmethod t :a [_] 1)
        (defmethod t :b [_] 2)
        (defmethod t :default [_] 0)
        """
    )
    assert run("(set (keys (methods t)))") == run("#{:a :b :default}")
    assert run("[((get-method t :a) :a) ((get-method t :zzz) :zzz)]") == [1, 0]
    run("(remove-method t :a)")
    assert run("(t :a)") == 0
    run("(remove-all-methods t)")
    assert run("[(methods t) (get-method t :a)]") == [run("{}"), None]


def test_dispatch_values_keep_clojure_equality(run):
    run(
        """
        (defmulti eqv identity)
        (defmethod eqv 1 [_] :one)
        (defmethod eqv true [_] :true)
        (defmethod eqv 1.0 [_] :double)
        (defmethod eqv [1 2] [_] :vec)
        """
    )
    assert run("[(eqv 1) (eqv true) (eqv 1.0) (eqv '(1 2))]") == [
        K("one"),
        K("true"),
        K("double"),
        K("vec"),
    ]


def test_print_method(run):
    run("(deftype Money [cents])")
    run('(defmethod print-method Money [m w] (.write w (str "$" (/ (.-cents m) 100.0))))')
    assert run("(pr-str {:price (Money. 250)})") == "{:price $2.5}"
    assert run("(with-out-str (print-method (Money. 100) *out*))") == "$1.0"
    assert run('(with-out-str (print-method [1 "a"] *out*))') == '[1 "a"]'
