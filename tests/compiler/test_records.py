"""defrecord: records are maps (runtime/records.py), through every backend."""

from __future__ import annotations

import pytest

from pyjank.runtime.interfaces import IFn, IPersistentMap, IRecord
from pyjank.runtime.symbols import keyword, symbol

K = keyword

POINT = "(defrecord Point [x y])"


def ns_prefix(run) -> str:
    return run("(str *ns*)").replace("-", "_")


def test_defrecord_returns_the_class_and_defines_factories(run):
    cls = run(POINT)
    assert isinstance(cls, type) and issubclass(cls, IRecord) and issubclass(cls, IPersistentMap)
    assert not issubclass(cls, IFn)  # records are not functions
    assert run("(= (->Point 1 2) (map->Point {:x 1 :y 2}) (Point. 1 2))") is True
    assert run("(map->Point {:x 1})") == run("(->Point 1 nil)")
    assert (
        run("(pr-str (map->Point {:x 1 :z 3}))") == f"#{ns_prefix(run)}.Point{{:x 1, :y nil, :z 3}}"
    )
    assert run("(pr-str (Point/getBasis))") == "[x y]"
    assert run("(= (Point/create {:x 1 :y 2}) (->Point 1 2))") is True


def test_field_access_and_lookup(run):
    run(POINT)
    run("(def p (->Point 1 2))")
    assert run("[(:x p) (.-y p) (get p :x)]") == [1, 2, 1]
    assert run("[(:z p) (:z p :nf) (get p 'x) (contains? p :x) (contains? p :z)]") == [
        None,
        K("nf"),
        None,
        True,
        False,
    ]
    assert run("(let [{:keys [x y]} p] (+ x y))") == 3
    assert run("[(count p) (keys p) (vals p) (find p :y)]") == [
        2,
        [K("x"), K("y")],
        [1, 2],
        [K("y"), 2],
    ]


def test_records_are_not_functions(run):
    run(POINT)
    assert run("(ifn? (->Point 1 2))") is False
    with pytest.raises(TypeError):
        run("((->Point 1 2) :x)")


def test_assoc_and_dissoc(run):
    run(POINT)
    run("(def p (->Point 1 2))")
    assert run("(record? (assoc p :x 5))") is True
    assert run("(:x (assoc p :x 5))") == 5
    assert run("(pr-str (assoc p :z 3))") == f"#{ns_prefix(run)}.Point{{:x 1, :y 2, :z 3}}"
    assert run("(record? (dissoc (assoc p :z 3) :z))") is True
    assert run("(= p (dissoc (assoc p :z 3) :z))") is True
    assert run("[(record? (dissoc p :x)) (dissoc p :x)]") == [False, run("{:y 2}")]
    assert run("(pr-str (merge p {:y 9 :w 0}))") == f"#{ns_prefix(run)}.Point{{:x 1, :y 9, :w 0}}"
    assert run("(pr-str (conj p [:x 0]))") == f"#{ns_prefix(run)}.Point{{:x 0, :y 2}}"
    assert run("(pr-str (into p {:y 4}))") == f"#{ns_prefix(run)}.Point{{:x 1, :y 4}}"
    assert run("(identical? p (assoc p :x 1))") is True
    with pytest.raises(TypeError, match="Can't create empty"):
        run("(empty p)")


def test_equality_and_hashing(run):
    run(POINT)
    run("(defrecord Other [x y])")
    assert run("(= (->Point 1 2) (->Point 1 2))") is True
    assert run("(= (->Point 1 2) (->Point 1 3))") is False
    assert run("(= (->Point 1 2) {:x 1 :y 2})") is False
    assert run("(= {:x 1 :y 2} (->Point 1 2))") is False
    assert run("(= (->Point 1 2) (->Other 1 2))") is False
    assert run("(= (->Point 1 2) (with-meta (->Point 1 2) {:m 1}))") is True
    assert run("(= (hash (->Point 1 2)) (hash (->Point 1 2)))") is True
    assert run("(count (set [(->Point 1 2) (->Point 1 2) (->Point 2 1)]))") == 2
    assert run("(get {(->Point 1 2) :found} (->Point 1 2))") == K("found")
    assert run("(= (assoc (->Point 1 2) :z 1) (assoc (->Point 1 2) :z 1))") is True
    assert run("(= (->Point 1.0 2) (->Point 1 2))") is False


def test_metadata(run):
    run(POINT)
    assert run("(meta (with-meta (->Point 1 2) {:a 1}))") == run("{:a 1}")
    assert run("(meta (assoc (with-meta (->Point 1 2) {:a 1}) :x 3))") == run("{:a 1}")
    assert run("(meta (dissoc (with-meta (->Point 1 2) {:a 1}) :x))") == run("{:a 1}")
    assert run("(meta (Point. 1 2 {:m 1} {:z 3}))") == run("{:m 1}")
    assert run("(:z (Point. 1 2 {:m 1} {:z 3}))") == 3


def test_predicates_and_seqs(run):
    run(POINT)
    run("(def p (->Point 1 2))")
    assert run("[(record? p) (map? p) (coll? p) (seq? p) (instance? Point p)]") == [
        True,
        True,
        True,
        False,
        True,
    ]
    assert run("(record? {})") is False
    assert run("(instance? clojure.lang.IRecord p)") is True
    assert run("(instance? clojure.lang.IPersistentMap p)") is True
    assert run("(into {} p)") == run("{:x 1 :y 2}")
    assert run("(mapv key p)") == [K("x"), K("y")]
    assert run("(reduce-kv (fn [acc k v] (+ acc v)) 0 p)") == 3


def test_fields_named_like_map_methods(run):
    run("(defrecord Page [items count keys meta])")
    run("(def pg (->Page [1 2] 10 :k :m))")
    assert run("[(count pg) (:count pg) (:items pg) (:keys pg) (:meta pg) (meta pg)]") == [
        4,
        10,
        [1, 2],
        K("k"),
        K("m"),
        None,
    ]
    assert run("(let [{:keys [count]} pg] count)") == 10


def test_records_implementing_protocols_and_interfaces(run):
    run(
        """
        (defprotocol Norm (norm [v]) (shifted [v d]))
        (defrecord V [x y]
          Norm
          (norm [_] (+ (abs x) (abs y)))
          (shifted [this d] (assoc this :x (+ x d)))
          Object
          (hashCode [_] 42))
        """
    )
    assert run("(norm (->V -1 2))") == 3
    assert run("(norm (shifted (->V 1 2) 10))") == 13
    assert run("(hash (->V 1 2))") == 42
    assert run("(satisfies? Norm (->V 1 2))") is True
    assert run("(satisfies? Norm {:x 1 :y 2})") is False


def test_protocol_extended_to_maps_covers_records(run):
    run("(defprotocol Kind (kind [x]))")
    run("(extend-protocol Kind clojure.lang.IPersistentMap (kind [_] :map))")
    run(POINT)
    assert run("[(kind {}) (kind (->Point 1 2))]") == [K("map"), K("map")]
    run("(extend-type Point Kind (kind [_] :point))")
    assert run("[(kind {}) (kind (->Point 1 2))]") == [K("map"), K("point")]


def test_print_method_for_a_record(run):
    run(POINT)
    run('(defmethod print-method Point [p w] (.write w (str "P" (:x p) "/" (:y p))))')
    assert run("(pr-str [(->Point 1 2)])") == "[P1/2]"
    run("(remove-method print-method Point)")
    assert run("(pr-str (->Point 1 2))").startswith("#")


def test_records_from_another_namespace(run):
    run("(ns rec.other) (defrecord Thing [a]) (defn make [] (->Thing 1))")
    assert (
        run("(ns rec.user (:import [rec.other Thing])) (instance? Thing (rec.other/make))") is True
    )
    assert run("(instance? rec.other.Thing (rec.other/make))") is True
    assert run("(pr-str (rec.other/make))") == "#rec.other.Thing{:a 1}"
    assert symbol("rec.other")  # the namespaces the test created


def test_python_sees_a_mapping(run):
    run(POINT)
    p = run("(->Point 1 2)")
    assert dict(p.items()) == {K("x"): 1, K("y"): 2}
    assert p[K("x")] == 1 and K("y") in p and len(p) == 2
    assert p.x == 1 and p.y == 2
