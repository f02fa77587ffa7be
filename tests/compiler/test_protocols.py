"""Protocols, deftype and reify (clojure/core_deftype.jank, runtime/protocols.py,
runtime/types.py), through every backend."""

from __future__ import annotations

import collections

import pytest

from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.symbols import keyword, symbol

K = keyword

SHAPE = """
(defprotocol Shape
  "Things with an area."
  (area [s] "The area.")
  (scale [s k] [s kx ky]))
"""


def test_defprotocol_defines_the_protocol_and_its_methods(run):
    assert run(SHAPE) == symbol("Shape")
    assert run("(:doc (meta #'Shape))") == "Things with an area."
    assert run("(:doc (meta #'area))") == "The area."
    assert run("(pr-str (:arglists (meta #'scale)))") == "([s k] [s kx ky])"
    assert run("(= #'Shape (:protocol (meta #'area)))") is True
    assert run("(fn? area)") is True


def test_extend_type_to_python_classes_jvm_names_and_nil(run):
    run(SHAPE)
    run(
        """
        (extend-type String
          Shape
          (area [s] (count s))
          (scale ([s k] (apply str (repeat k s)))
                 ([s kx ky] (str kx s ky))))
        (extend-type nil Shape (area [_] 0))
        (extend-type python/list Shape (area [l] (python/len l)))
        """
    )
    assert run('[(area "abc") (scale "ab" 2) (scale "x" 1 2) (area nil)]') == [3, "abab", "1x2", 0]
    assert run("(area (python/list [1 2]))") == 2


def test_dispatch_walks_the_mro_with_object_last_and_nil_apart(run):
    run(SHAPE)
    run(
        """
        (extend-protocol Shape
          Object (area [_] :object)
          clojure.lang.IPersistentMap (area [_] :map)
          clojure.lang.Sequential (area [_] :sequential)
          clojure.lang.IPersistentVector (area [_] :vector))
        """
    )
    assert run("(mapv area [{} [] '(1) (range 3) 1 :k])") == [
        K("map"),
        K("vector"),
        K("sequential"),
        K("sequential"),
        K("object"),
        K("object"),
    ]
    with pytest.raises(IllegalArgumentException, match="found for class: nil"):
        run("(area nil)")


def test_python_subclasses_inherit_extensions(run):
    run(SHAPE)
    run("(import '[collections OrderedDict]) (extend-type python/dict Shape (area [d] :dict))")
    assert run("(area (OrderedDict))") == K("dict")
    assert collections.OrderedDict  # the class the test imports


def test_booleans_are_not_longs_but_numbers_are_virtual_superclasses(run):
    run(SHAPE)
    run(
        """
        (extend-protocol Shape
          Number (area [_] :number)
          Long (area [_] :long)
          Object (area [_] :object))
        """
    )
    assert run("(mapv area [1 1.5 1/2 1M true])") == [
        K("long"),
        K("number"),
        K("number"),
        K("number"),
        K("object"),
    ]


def test_no_implementation_error_names_method_protocol_and_class(run):
    run(SHAPE)
    with pytest.raises(IllegalArgumentException) as e:
        run("(area 1)")
    ns = run("(str *ns*)")
    assert str(e.value) == (
        f"No implementation of method: :area of protocol: #'{ns}/Shape found for class: int"
    )


def test_extend_replaces_and_invalidates_the_cache(run):
    run(SHAPE)
    run("(extend String Shape {:area (fn [s] 1)})")
    assert run('(area "x")') == 1
    run("(extend String Shape {:area (fn [s] 2)})")
    assert run('(area "x")') == 2
    run("(extend Object Shape {:area (fn [s] :o)})")
    assert run('[(area "x") (area 5)]') == [2, K("o")]


def test_satisfies_extends_extenders(run):
    run(SHAPE)
    run("(extend-type String Shape (area [s] 1)) (extend-type nil Shape (area [s] 0))")
    assert run('[(satisfies? Shape "x") (satisfies? Shape nil) (satisfies? Shape 1)]') == [
        True,
        True,
        False,
    ]
    assert run("[(extends? Shape String) (extends? Shape nil) (extends? Shape Long)]") == [
        True,
        True,
        False,
    ]
    assert run("(set (extenders Shape))") == run("#{String nil}")
    assert run('((find-protocol-method Shape :area "x") "x")') == 1
    assert run("(find-protocol-method Shape :area 1)") is None
    with pytest.raises(IllegalArgumentException, match="is not a protocol"):
        run("(satisfies? String 1)")


def test_redefining_a_protocol_keeps_its_extensions(run):
    run(SHAPE)
    run("(extend-type String Shape (area [s] 7))")
    run(SHAPE)
    assert run('(area "x")') == 7


def test_protocol_methods_must_take_an_argument(run):
    with pytest.raises(IllegalArgumentException, match="must take at least one arg"):
        run("(defprotocol Bad (f []))")


def test_extend_via_metadata(run):
    run("(defprotocol Named :extend-via-metadata true (nm [x]))")
    ns = run("(str *ns*)")
    assert run(f"(nm (with-meta [1] {{'{ns}/nm (fn [v] (count v))}}))") == 1
    run("(extend-type Object Named (nm [_] :obj))")
    assert run("(nm [1])") == K("obj")


# ---------------------------------------------------------------------------------------
# deftype


def test_deftype_fields_factory_and_inline_protocols(run):
    run(SHAPE)
    run(
        """
        (deftype Rect [w h]
          Shape
          (area [_] (* w h))
          (scale [this k] (Rect. (* k w) (* k h)))
          (scale [this kx ky] (->Rect (* kx w) (* ky h))))
        """
    )
    assert run("(area (->Rect 2 3))") == 6
    assert run("(area (scale (Rect. 2 3) 2))") == 24
    assert run("(area (scale (Rect. 2 3) 1 10))") == 60
    assert run("[(.-w (Rect. 4 5)) (.-h (Rect. 4 5))]") == [4, 5]
    assert run("(instance? Rect (Rect. 1 1))") is True
    assert run("(satisfies? Shape (Rect. 1 1))") is True
    assert run("(extenders Shape)") is None
    assert run("(let [r (Rect. 1 1)] [(= r r) (= r (Rect. 1 1))])") == [True, False]
    assert run("(.area (Rect. 2 2))") == 4  # protocol methods are also Python methods


def test_deftype_class_name_and_printing(run):
    run("(deftype Pt [x])")
    ns = run("(str *ns*)").replace("-", "_")
    assert run("(subs (pr-str (Pt. 1)) 0 8)") == "#object["
    assert run("(str (Pt. 1))").startswith(f"{ns}.Pt@")
    assert run(f"(= Pt {ns}.Pt)") is True
    assert run("(:doc (meta #'->Pt))") == f"Positional factory function for class {ns}.Pt."


def test_deftype_interfaces_map_to_the_python_protocol(run):
    run(
        """
        (deftype Box [v]
          Object
          (toString [_] (str "Box(" v ")"))
          (equals [_ o] (and (instance? Box o) (= v (.-v o))))
          (hashCode [_] (hash v))
          java.lang.Comparable
          (compareTo [_ o] (compare v (.-v o)))
          clojure.lang.IFn
          (invoke [_ x] (+ v x))
          (invoke [_ x y] (+ v x y))
          clojure.lang.ILookup
          (valAt [_ k] (get {:v v} k))
          (valAt [_ k nf] (get {:v v} k nf))
          clojure.lang.Counted
          (count [_] 1)
          clojure.lang.Seqable
          (seq [_] (list v)))
        """
    )
    assert run("(str (Box. 3))") == "Box(3)"
    assert run("[(= (Box. 1) (Box. 1)) (= (Box. 1) (Box. 2))]") == [True, False]
    assert run("(count (set [(Box. 1) (Box. 1) (Box. 2)]))") == 2
    assert run("(mapv #(.-v %) (sort [(Box. 3) (Box. 1) (Box. 2)]))") == [1, 2, 3]
    assert run("[((Box. 1) 2) ((Box. 1) 2 3) (ifn? (Box. 1))]") == [3, 6, True]
    assert run("[(:v (Box. 5)) (get (Box. 5) :w :nf) (count (Box. 5)) (seq (Box. 5))]") == [
        5,
        K("nf"),
        1,
        [5],
    ]


def test_deftype_mutable_fields(run):
    run(
        """
        (defprotocol Counter (tick! [c]) (value [c]))
        (deftype Ctr [^:unsynchronized-mutable n ^:volatile-mutable log]
          Counter
          (tick! [this] (set! n (inc n)) (set! log (conj log n)) n)
          (value [_] [n log]))
        (def c (->Ctr 0 []))
        """
    )
    assert run("[(tick! c) (tick! c) (value c)]") == [1, 2, [2, [1, 2]]]


def test_method_recur_params_and_shadowing(run):
    run(
        """
        (defprotocol Loop (down [x n]) (same [x n]) (up [x]))
        (deftype L [n]
          Loop
          (down [this k] (if (pos? k) (recur (dec k)) [k n]))
          (same [this n] n)
          (up [this] (if (< n 3) (up (L. (inc n))) n)))
        """
    )
    assert run("(down (L. 7) 5)") == [0, 7]
    assert run("(same (L. 7) 1)") == 1  # a param shadows the field
    assert run("(up (L. 0))") == 3  # the method name is the protocol fn, not a self-reference


def test_field_names_that_are_python_keywords_or_methods(run):
    run("(deftype W [class if count-of valid?])")
    assert run("(let [w (W. 1 2 3 4)] [(.-class w) (.-if w) (.-count-of w) (.-valid? w)])") == [
        1,
        2,
        3,
        4,
    ]


def test_deftype_rejects_unknown_protocol_methods(run):
    run(SHAPE)
    with pytest.raises(IllegalArgumentException, match="not in interfaces: perimeter"):
        run("(deftype T [] Shape (perimeter [_] 1))")


# ---------------------------------------------------------------------------------------
# reify


def test_reify_closes_over_locals(run):
    run(SHAPE)
    run(
        """
        (defn sq [side]
          (reify
            Shape
            (area [_] (* side side))
            (scale [this k] (sq (* k side)))
            Object
            (toString [_] (str "Sq" side))))
        """
    )
    assert run("[(area (sq 3)) (area (sq 4)) (area (scale (sq 1) 5)) (str (sq 2))]") == [
        9,
        16,
        25,
        "Sq2",
    ]
    assert run("(identical? (class (sq 1)) (class (sq 2)))") is True
    assert run("(satisfies? Shape (sq 1))") is True


def test_reify_recur_meta_and_ifn(run):
    run(SHAPE)
    run(
        """
        (def r (reify
                 Shape
                 (area [this] (if (nil? (meta this)) 0 (:n (meta this))))
                 (scale [this k] (if (pos? k) (recur (dec k)) k))
                 clojure.lang.IFn
                 (invoke [_ a] (inc a))))
        """
    )
    assert run("[(area r) (area (with-meta r {:n 5})) (scale r 4) (r 1)]") == [0, 5, 0, 2]
    assert run("(meta (with-meta r {:n 5}))") == run("{:n 5}")


def test_reify_of_an_unknown_name_fails_at_expansion(run):
    with pytest.raises(Exception, match="Unable to resolve"):
        run("(reify NoSuchThing (f [_] 1))")


def test_deftype_seqs_work_with_the_seq_library(run):
    run(
        """
        (deftype Nat [n]
          clojure.lang.ISeq
          (first [_] n)
          (next [_] (Nat. (inc n)))
          (more [_] (Nat. (inc n)))
          clojure.lang.Seqable
          (seq [this] this))
        (deftype Two [a b]
          clojure.lang.Counted (count [_] 2)
          clojure.lang.Seqable (seq [_] (list a b)))
        """
    )
    assert run("[(take 3 (Nat. 5)) (first (rest (Nat. 0)))]") == [[5, 6, 7], 1]
    assert run("[(count (Two. 1 2)) (vec (Two. 1 2)) (map inc (Two. 1 2))]") == [2, [1, 2], [2, 3]]


def test_munge(run):
    assert run('[(munge "a-b?") (munge (quote x*))]') == ["a_b_QMARK_", symbol("x_STAR_")]
