"""The macros of clojure.core written in core.jank, through every backend (`run`)."""

from __future__ import annotations

import re

import pytest

from pyjank.compiler.errors import CompilerError
from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import vector

K = keyword


def lst(x):
    return None if x is None else list(x)


# ---------------------------------------------------------------------------------------
# Conditionals


def test_when_when_not_if_not(run):
    assert run("(when true 1 2)") == 2
    assert run("(when nil 1)") is None
    assert run("(when false)") is None
    assert run("(when-not false 1 2)") == 2
    assert run("(when-not 0 1)") is None
    assert run("(if-not nil :a :b)") == K("a")
    assert run("(if-not 1 :a :b)") == K("b")
    assert run("(if-not 1 :a)") is None


def test_and_or(run):
    assert run("(and)") is True
    assert run("(or)") is None
    assert run("(and 1 2 3)") == 3
    assert run("(and 1 nil 3)") is None
    assert run("(and 1 false 3)") is False
    assert run("(or nil false)") is False
    assert run("(or nil 2 3)") == 2
    assert run("(let [x 5] (and x (+ x 1)))") == 6
    # short-circuit and single evaluation
    assert run("(let [a (atom 0)] (or (swap! a inc) (swap! a inc)) @a)") == 1
    assert run("(let [a (atom 0)] (and (swap! a inc) nil (swap! a inc)) @a)") == 1
    assert run("(not (and true false))") is True


def test_cond(run):
    assert run("(cond)") is None
    assert run("(cond false 1 nil 2 :else 3)") == 3
    assert run("(cond (= 1 1) :one)") == K("one")
    assert run("(cond false 1)") is None
    with pytest.raises(CompilerError, match="cond requires an even number of forms"):
        run("(cond true)")


def test_condp(run):
    assert run("(condp = 2 1 :a 2 :b :c)") == K("b")
    assert run("(condp = 9 1 :a 2 :b :default)") == K("default")
    assert run("(condp some [1 2 3] #{0 6} :>> inc #{3 4} :>> dec :none)") == 2
    assert run("(condp < 5 10 :big 1 :small)") == K("small")
    with pytest.raises(IllegalArgumentException, match="^No matching clause: 7$"):
        run("(condp = 7 1 :a)")
    assert run("(let [n (atom 0)] (condp = (swap! n inc) 0 :z 1 :o) @n)") == 1


def test_case(run):
    assert run("(case 2 1 :a 2 :b :default)") == K("b")
    assert run("(case 9 1 :a 2 :b :default)") == K("default")
    assert run("(case 3 (1 2) :low (3 4) :high)") == K("high")
    assert run("(case 'x x :sym y :other)") == K("sym")
    assert run('(case "s" "s" :str :no)') == K("str")
    assert run("(case :k :k 1 :j 2)") == 1
    assert run("(case nil nil :nil :other)") == K("nil")
    assert run("(case [1 2] [1 2] :vec :no)") == K("vec")
    assert run("(case '(1 2) [1 2] :vec :no)") == K("vec")
    assert run("(case '(1 2) ((1 2)) :list :no)") == K("list")
    assert run("(case 1.0 1 :long 1.0 :double :no)") == K("double")
    assert run("(case true 1 :one true :t :no)") == K("t")
    assert run("(case 5 :only-default)") == K("only-default")
    assert run("(let [n (atom 0)] (case (swap! n inc) 1 :one 2 :two) @n)") == 1
    # case in a loop, recur from a branch
    assert run("(loop [i 0] (case i 5 :done (recur (inc i))))") == K("done")


def test_case_errors(run):
    with pytest.raises(IllegalArgumentException, match="^No matching clause: 5$"):
        run("(case 5 1 :a 2 :b)")
    with pytest.raises(IllegalArgumentException, match="^No matching clause: :x$"):
        run("(case :x :y 1)")
    with pytest.raises(IllegalArgumentException, match="^No matching clause: $"):
        run("(case nil 1 1)")
    with pytest.raises(CompilerError, match="Duplicate case test constant: 1") as info:
        run("(case 1\n  1 :a\n  (2 1) :b)", "f.jank")
    assert (info.value.line, info.value.column) == (1, 1)
    assert str(info.value).startswith(
        "Syntax error macroexpanding clojure.core/case at (f.jank:1:1)."
    )


def test_if_let_when_let(run):
    assert run("(if-let [x 1] (inc x) :no)") == 2
    assert run("(if-let [x nil] x :no)") == K("no")
    assert run("(if-let [x false] x)") is None
    assert run("(if-let [[a b] [1 2]] (+ a b) :no)") == 3
    assert run("(if-let [{:keys [a]} {:a 5}] a)") == 5
    # else does not see the binding
    assert run("(let [x :outer] (if-let [x nil] x x))") == K("outer")
    assert run("(when-let [x 4] (inc x) (* x 2))") == 8
    assert run('(when-let [x nil] (throw (ex-info "no" {})))') is None
    assert run("(when-let [[a & more] (seq [1 2 3])] more)") is not None


def test_if_some_when_some_when_first(run):
    assert run("(if-some [x false] [x] :no)") == vector(False)
    assert run("(if-some [x nil] x :no)") == K("no")
    assert run("(when-some [x false] (str x))") == "false"
    assert run("(when-some [x nil] 1)") is None
    assert run("(when-first [x [9 8]] x)") == 9
    assert run("(when-first [x []] x)") is None
    assert run("(when-first [x [nil 2]] :ran)") == K("ran")
    assert run("(when-first [[a b] [[1 2]]] (+ a b))") == 3


@pytest.mark.parametrize(
    "src, message",
    [
        ("(if-let x 1)", "if-let requires a vector for its binding in {ns}:1"),
        ("(if-let [a 1 b 2] 1)", "if-let requires exactly 2 forms in binding vector in {ns}:1"),
        ("(if-let [a 1] 1 2 3)", "if-let requires 1 or 2 forms after binding vector in {ns}:1"),
        ("(when-let [a] 1)", "when-let requires exactly 2 forms in binding vector in {ns}:1"),
        ("(if-some (a 1) 1)", "if-some requires a vector for its binding in {ns}:1"),
        ("(when-some [] 1)", "when-some requires exactly 2 forms in binding vector in {ns}:1"),
        ("(when-first x 1)", "when-first requires a vector for its binding in {ns}:1"),
        ("(dotimes [i] 1)", "dotimes requires exactly 2 forms in binding vector in {ns}:1"),
        ("(doseq [x] 1)", "doseq requires an even number of forms in binding vector in {ns}:1"),
        ("(doseq x 1)", "doseq requires a vector for its binding in {ns}:1"),
        ("(for [x] 1)", "for requires an even number of forms in binding vector in {ns}:1"),
        ("(binding [x] 1)", "binding requires an even number of forms in binding vector in {ns}:1"),
        ("(with-open x 1)", "with-open requires a vector for its binding in {ns}:1"),
    ],
)
def test_binding_macro_errors(run, src, message):
    with pytest.raises(CompilerError) as info:
        run(src, "my/file.jank")
    err = info.value
    assert err.message == message.format(ns=run.ns.name)
    assert (err.file, err.line, err.column) == ("my/file.jank", 1, 1)
    assert err.phase == "macroexpansion"


# ---------------------------------------------------------------------------------------
# Threading


def test_thread_first_and_last(run):
    assert run("(-> 1 inc (- 10))") == -8
    assert run("(->> 1 inc (- 10))") == 8
    assert run("(-> 5)") == 5
    assert run("(-> {:a {:b 3}} :a :b)") == 3
    assert run("(->> [1 2 3] (map inc) (reduce +))") == 9
    assert run('(-> "a-b" (.upper) (.split "-") vec)') == vector("A", "B")


def test_threading_keeps_positions(run):
    with pytest.raises(CompilerError) as info:
        run("(-> 1\n    inc\n    (no-such-fn 2))", "t.jank")
    assert "Unable to resolve symbol: no-such-fn" in info.value.message
    assert info.value.line == 3


def test_as_some_cond_threading(run):
    assert run("(as-> 1 x (inc x) (* x 10) [x x])") == vector(20, 20)
    assert run("(as-> 1 x)") == 1
    assert run("(some-> {:a 1} :a inc)") == 2
    assert run("(some-> {:a 1} :b inc)") is None
    assert run("(some-> nil)") is None
    assert run("(some->> [1 2] (map inc) (reduce +))") == 5
    assert run("(some->> nil (map inc))") is None
    assert run("(cond-> 1 true inc false (* 100) (= 1 1) (* 10))") == 20
    assert run("(cond->> [1 2] true (map inc) false (map -) true (reduce +))") == 5
    assert run("(cond-> 7)") == 7
    with pytest.raises(CompilerError, match=r"Assert failed: \(even\? \(count clauses\)\)"):
        run("(cond-> 1 true)")


def test_doto_and_dot_dot(run):
    assert lst(run("(doto (python/list) (.append 1) (.append 2))")) == [1, 2]
    assert run(
        "(let [a (atom [])] (doto 5 (#(swap! a conj %)) (#(swap! a conj (* 2 %)))) @a)"
    ) == vector(5, 10)
    assert run('(.. "a-b" (upper) (split "-"))') == ["A", "B"]
    assert run('(.. "abc" upper)') == "ABC"
    assert run('((memfn upper) "x")') == "X"
    assert run('((memfn split sep) "a,b" ",")') == ["a", "b"]


# ---------------------------------------------------------------------------------------
# Loops


def test_dotimes_and_while(run):
    assert run("(let [a (atom [])] (dotimes [i 4] (swap! a conj i)) @a)") == vector(0, 1, 2, 3)
    assert run("(dotimes [i 3] i)") is None
    assert run("(let [a (atom 0)] (dotimes [_ 0] (swap! a inc)) @a)") == 0
    assert run("(let [a (atom 0)] (dotimes [_ 2.7] (swap! a inc)) @a)") == 2
    assert run("(let [a (atom 0)] (while (< @a 5) (swap! a inc)) @a)") == 5
    assert run("(while false)") is None


def test_doseq(run):
    src = "(let [out (atom [])] (doseq {b} (swap! out conj {e})) @out)"

    def doseq(b, e):
        return list(run(src.format(b=b, e=e)))

    assert doseq("[x [1 2 3]]", "x") == [1, 2, 3]
    assert doseq("[x '(1 2 3)]", "x") == [1, 2, 3]
    assert doseq("[x (range 70)]", "x") == list(range(70))
    assert doseq("[x (map inc (range 40))]", "x") == list(range(1, 41))
    assert doseq("[x nil]", "x") == []
    assert doseq('[x "ab"]', "(str x)") == ["a", "b"]
    assert doseq("[[k v] (sorted-map :a 1 :b 2)]", "[k v]") == [
        vector(K("a"), 1),
        vector(K("b"), 2),
    ]
    assert doseq("[x [1 2] y [:a :b]]", "[x y]") == [
        vector(1, K("a")),
        vector(1, K("b")),
        vector(2, K("a")),
        vector(2, K("b")),
    ]
    assert doseq("[x (range 10) :when (odd? x)]", "x") == [1, 3, 5, 7, 9]
    assert doseq("[x (range 100) :while (< x 3)]", "x") == [0, 1, 2]
    assert doseq("[x '(1 2 3 4 5) :while (< x 4) :when (odd? x)]", "x") == [1, 3]
    assert doseq("[x [1 2] :let [y (* x 10) z (inc y)]]", "z") == [11, 21]
    assert doseq("[x (range 3) y (range 5) :while (< y x)]", "[x y]") == [
        vector(1, 0),
        vector(2, 0),
        vector(2, 1),
    ]
    assert doseq("[x (range 5) :while (< x 2) y [:a]]", "[x y]") == [
        vector(0, K("a")),
        vector(1, K("a")),
    ]
    assert doseq("[{:keys [a]} [{:a 1} {:a 2}]]", "a") == [1, 2]
    assert run("(doseq [x [1 2]] x)") is None


def test_doseq_bad_keyword(run):
    with pytest.raises(CompilerError, match="Invalid 'doseq' keyword :until"):
        run("(doseq [x [1] :until true] x)")


def test_for(run):
    assert lst(run("(for [x [1 2 3]] (* x x))")) == [1, 4, 9]
    assert lst(run("(for [x nil] x)")) == []
    assert lst(run("(for [x '(1 2 3 4) :when (even? x) y '(a b)] [x y])")) == [
        vector(2, symbol("a")),
        vector(2, symbol("b")),
        vector(4, symbol("a")),
        vector(4, symbol("b")),
    ]
    assert lst(run("(for [x (range 5) :when (odd? x) y [:a :b]] [x y])")) == [
        vector(1, K("a")),
        vector(1, K("b")),
        vector(3, K("a")),
        vector(3, K("b")),
    ]
    assert lst(run("(for [x (range 100) :while (< x 3)] x)")) == [0, 1, 2]
    assert lst(run("(for [x (range 5) :while (< x 3) y (range 2)] [x y])")) == [
        vector(0, 0),
        vector(0, 1),
        vector(1, 0),
        vector(1, 1),
        vector(2, 0),
        vector(2, 1),
    ]
    assert lst(run("(for [x (range 3) y (range 5) :while (< y x)] [x y])")) == [
        vector(1, 0),
        vector(2, 0),
        vector(2, 1),
    ]
    assert lst(run("(for [x [1 2] :let [y (* x 10)] z [y (inc y)]] z)")) == [10, 11, 20, 21]
    assert lst(run("(for [[k v] (sorted-map :a 1 :b 2)] [v k])")) == [
        vector(1, K("a")),
        vector(2, K("b")),
    ]
    assert lst(run("(for [x [[1 2] [3]] y x] y)")) == [1, 2, 3]
    assert lst(run("(for [x [] y (range)] y)")) == []
    assert run("(count (for [x (range 100) y (range 100)] [x y]))") == 10000
    assert run("(count (for [x (range 1000)] x))") == 1000


def test_for_is_lazy(run):
    assert lst(run("(take 3 (for [x (range)] x))")) == [0, 1, 2]
    assert lst(run("(take 3 (for [x (range) y (range) :while (< y 2)] [x y]))")) == [
        vector(0, 0),
        vector(0, 1),
        vector(1, 0),
    ]
    # chunked source: the first chunk only
    assert run("(let [n (atom 0)] (first (for [x (range 1000)] (swap! n inc))) @n)") == 32
    assert run("(let [n (atom 0)] (first (for [x (vec (range 100))] (swap! n inc))) @n)") == 32
    # unchunked source: one item
    assert run("(let [n (atom 0)] (first (for [x (iterate inc 0)] (swap! n inc))) @n)") == 1
    assert run("(let [n (atom 0)] (first (for [x '(1 2 3)] (swap! n inc))) @n)") == 1
    assert run("(let [n (atom 0)] (for [x [1 2]] (swap! n inc)) @n)") == 0


def test_for_bad_keyword(run):
    with pytest.raises(CompilerError, match="Invalid 'for' keyword :until"):
        run("(for [x [1] :until true] x)")


def test_chunk_api(run):
    assert run("(chunked-seq? (seq [1 2]))") is True
    assert run("(chunked-seq? (seq '(1 2)))") is False
    assert run("(chunked-seq? (range 5))") is True
    assert run("(chunked-seq? (seq (map inc [1 2])))") is True
    assert lst(run("(chunk-first (seq (vec (range 40))))")) == list(range(32))
    assert lst(run("(chunk-rest (seq (vec (range 40))))")) == list(range(32, 40))
    assert run("(chunk-next (seq [1 2]))") is None
    assert lst(run("(chunk-rest (seq [1 2]))")) == []
    src = """(let [b (chunk-buffer 2)]
               (chunk-append b 1) (chunk-append b 2) (chunk-cons (chunk b) '(3)))"""
    assert lst(run(src)) == [1, 2, 3]
    assert lst(run("(chunk-cons (chunk (chunk-buffer 1)) '(3))")) == [3]


def test_letfn(run):
    src = """(letfn [(ev? [n] (if (zero? n) true (od? (dec n))))
                     (od? [n] (if (zero? n) false (ev? (dec n))))]
               [(ev? 10) (od? 7)])"""
    assert run(src) == vector(True, True)
    assert run("(letfn [(f ([] (f 1)) ([x] (* x 2)))] (f))") == 2
    assert run("(letfn [(f [[a b]] (+ a b))] (f [1 2]))") == 3


# ---------------------------------------------------------------------------------------
# Laziness and delays


def test_lazy_seq_and_lazy_cat(run):
    assert run(
        "(let [n (atom 0) s (lazy-seq (swap! n inc) [1 2])] [@n (first s) @n (count s) @n])"
    ) == (vector(0, 1, 1, 2, 1))
    assert lst(run("(lazy-seq nil)")) == []
    src = "(defn nat [n] (lazy-seq (cons n (nat (inc n))))) (take 3 (nat 5))"
    assert lst(run(src)) == [5, 6, 7]
    assert lst(run("(lazy-cat [1 2] '(3) nil [4])")) == [1, 2, 3, 4]
    src = "(let [n (atom 0)] (first (lazy-cat [1] (do (swap! n inc) [2]))) @n)"
    assert run(src) == 0
    src = "(defn fib ([] (fib 0 1)) ([a b] (lazy-cat [a] (fib b (+ a b))))) (nth (fib) 30)"
    assert run(src) == 832040


def test_delay(run):
    src = """(let [n (atom 0) d (delay (swap! n inc) :v)]
               [(realized? d) @d @d (force d) @n (realized? d)])"""
    assert run(src) == vector(False, K("v"), K("v"), K("v"), 1, True)
    assert run("(delay? (delay 1))") is True


# ---------------------------------------------------------------------------------------
# Dynamic scope, redefinition, assertions


def test_binding(run):
    run("(def ^:dynamic *d* 1) (defn get-d [] *d*)")
    assert run("[(binding [*d* 2] (get-d)) (get-d)]") == vector(2, 1)
    assert run("(binding [*d* 2] (binding [*d* 3] *d*))") == 3
    assert run('(try (binding [*d* 5] (throw (ex-info "x" {}))) (catch Exception e *d*))') == 1
    run("(def ^:dynamic *e2* 10)")
    # inits are evaluated before any binding takes effect
    assert run("(binding [*d* 2 *e2* *d*] [*d* *e2*])") == vector(2, 1)
    assert run("(binding [*d* 2] (set! *d* 7) *d*)") == 7
    assert run("(binding [] 4)") == 4


def test_binding_non_dynamic_var(run):
    run("(def plain 1)")
    with pytest.raises(
        Exception, match="Can't dynamically bind non-dynamic var: #'test.ns\\d+/plain"
    ):
        run("(binding [plain 2] plain)")


def test_with_bindings_and_bound_fn(run):
    run("(def ^:dynamic *b* 1)")
    assert run("(with-bindings {#'*b* 2} *b*)") == 2
    assert run("((binding [*b* 3] (bound-fn [x] (+ x *b*))) 1)") == 4
    assert run("((binding [*b* 3] (fn [x] (+ x *b*))) 1)") == 2


def test_with_redefs(run):
    run("(defn f [] :orig) (defn call-f [] (f)) (def v 1)")
    assert run("(with-redefs [f (fn [] :redef) v 2] [(call-f) v])") == vector(K("redef"), 2)
    assert run("[(call-f) v]") == vector(K("orig"), 1)
    assert run(
        '(try (with-redefs [f (constantly :x)] (throw (ex-info "e" {})))'
        " (catch Exception e (call-f)))"
    ) == K("orig")
    assert run("(with-redefs-fn {#'f (fn [] 3)} call-f)") == 3


def test_assert(run):
    with pytest.raises(AssertionError, match=r"^Assert failed: \(= 1 2\)$"):
        run("(assert (= 1 2))")
    with pytest.raises(AssertionError, match="^Assert failed: nope\n\\(pos\\? x\\)$"):
        run('(let [x -1] (assert (pos? x) "nope"))')
    assert run("(assert true)") is None
    assert run('(assert 1 "fine")') is None
    assert run("(binding [*assert* false] (eval '(assert false)))") is None
    assert (
        run("(try (assert nil) (catch python/AssertionError e (ex-message e)))")
        == "Assert failed: nil"
    )


def test_pre_and_post_conditions(run):
    run("(defn sqrt* [x] {:pre [(pos? x)] :post [(> % 0)]} (python/pow x 0.5))")
    assert run("(sqrt* 4)") == 2.0
    with pytest.raises(AssertionError, match=r"Assert failed: \(pos\? x\)"):
        run("(sqrt* -1)")
    run("(defn bad [x] {:post [(string? %)]} x)")
    with pytest.raises(AssertionError, match=r"Assert failed: \(string\? %\)"):
        run("(bad 1)")


# ---------------------------------------------------------------------------------------
# Output, timing, locking, resources


def test_time_prints_clojure_format(run):
    out = run("(with-out-str (def r (time (+ 1 2))))")
    assert re.fullmatch(r'"Elapsed time: \d+\.\d+(E-?\d+)? msecs"\n', out)
    assert run("r") == 3


def test_with_out_str_and_with_in_str(run):
    assert run('(with-out-str (print "a") (println "b") (prn :c))') == "ab\n:c\n"
    assert run("(with-out-str)") == ""
    assert run('(with-in-str "one\\ntwo" [(read-line) (read-line) (read-line)])') == vector(
        "one", "two", None
    )


def test_locking(run):
    assert run("(let [o (Object.)] (locking o (locking o :reentrant)))") == K("reentrant")
    assert run("(locking 1 (+ 1 2))") == 3
    # released on exceptions
    run("(def o (Object.))")
    with pytest.raises(Exception, match="inside"):
        run('(locking o (throw (ex-info "inside" {})))')
    src = """
      (import threading time)
      (def counter (atom 0))
      (def lock-obj (Object.))
      (defn work []
        (dotimes [_ 20]
          (locking lock-obj
            (let [v @counter] (time/sleep 0.0002) (reset! counter (inc v))))))
      (let [ts (vec (for [_ (range 4)] (threading/Thread nil work)))]
        (doseq [t ts] (.start t))
        (doseq [t ts] (.join t))
        @counter)
    """
    assert run(src) == 80


def test_locking_registry_is_emptied(run, booted):
    from pyjank.runtime.namespaces import CORE_NS

    run("(locking :k (locking :k 1))")
    monitors = CORE_NS.mappings["monitors"].deref()
    assert len(monitors.val_at(K("locks"))) == 0


def test_with_open(run):
    run("(def log (atom []))")
    run("""(def Res (python/type "Res" (python/tuple []) (python/dict)))
           (defn res [n] (let [o (Res)] (set! (.-close o) (fn [] (swap! log conj n))) o))""")
    assert run("(with-open [a (res :a) b (res :b)] (swap! log conj :body) :done)") == K("done")
    assert run("@log") == vector(K("body"), K("b"), K("a"))
    run("(reset! log [])")
    with pytest.raises(Exception, match="boom"):
        run('(with-open [a (res :a)] (throw (ex-info "boom" {})))')
    assert run("@log") == vector(K("a"))
    assert run("(with-open [] 5)") == 5
    with pytest.raises(CompilerError, match="with-open only allows Symbols in bindings"):
        run("(with-open [[a] (res 1)] a)")


# ---------------------------------------------------------------------------------------
# Definitions


def test_declare_defonce_comment(run):
    run("(declare later)")
    assert run("(:declared (meta #'later))") is True
    run("(defn uses [] (later)) (defn later [] :later)")
    assert run("(uses)") == K("later")
    run("(def calls (atom 0))")
    run("(defonce once (do (swap! calls inc) 1))")
    assert run("(defonce once (do (swap! calls inc) 2))") is None
    assert run("[once @calls]") == vector(1, 1)
    assert run("(comment (/ 1 0) anything)") is None
    assert run("(io! 1 2)") == 2


def test_requiring_resolve(run):
    assert run("(requiring-resolve 'clojure.core/inc)") == run("#'clojure.core/inc")
    with pytest.raises(IllegalArgumentException, match="Not a qualified symbol"):
        run("(requiring-resolve 'inc)")


# ---------------------------------------------------------------------------------------
# Namespaces


def test_import(run):
    run("(import '[collections OrderedDict Counter] 'math)")
    assert run("(python/type (OrderedDict))").__name__ == "OrderedDict"
    assert run('(.get (Counter "aab") "a")') == 2
    assert run("(math/sqrt 4)") == 2.0
    run("(import (fractions Fraction) json.decoder)")
    assert run("(str (Fraction 1 2))") == "1/2"
    assert run("(python/callable json.decoder/JSONDecoder)") is True


def test_ns_refers_clojure_core(run):
    name = f"{run.ns.name}.a"
    ns = f'(ns {name} "A doc." {{:author "me"}} (:import [collections OrderedDict]) (:gen-class))\n'
    assert run(ns + "(str *ns*)") == name
    assert run(ns + "(meta *ns*)") == run('{:author "me" :doc "A doc."}')
    assert lst(run(ns + "(map inc [1 2])")) == [2, 3]
    assert run(ns + "(python/len (OrderedDict))") == 0
    assert run(ns + "(defn helper [] :a-helper) (helper)") == K("a-helper")
    # the caller's namespace is restored after the load
    assert run("(str *ns*)") == str(run.ns.name)


def test_ns_refer_clojure_filters(run):
    ns = f"(ns {run.ns.name}.b (:refer-clojure :exclude [map] :rename {{filter keep-if}}))\n"
    assert run(ns + "(resolve 'map)") is None
    assert run(ns + "(resolve 'filter)") is None
    assert run(ns + "(some? (resolve 'keep-if))") is True
    assert run(ns + "(defn map [] :mine) (map)") == K("mine")
    ns = f"(ns {run.ns.name}.c (:refer-clojure :only [inc]))\n"
    assert run(ns + "(inc 1)") == 2
    assert run(ns + "(clojure.core/resolve 'dec)") is None


def test_ns_require_and_use(run):
    lib = f"{run.ns.name}.lib"
    run(f"(ns {lib}) (defn f [] :f) (defn g [] :g)")
    src = f"""(ns {run.ns.name}.user
               (:require [{lib} :as lib :refer [f]])
               (:use [{lib} :only [g]]))
             [(lib/f) (f) (g)]"""
    assert run(src) == vector(K("f"), K("f"), K("g"))
    assert symbol(lib) in run("(loaded-libs)")


def test_ns_errors(run):
    with pytest.raises(CompilerError, match="Unsupported ns clause: :bogus"):
        run("(ns macro-test.d (:bogus x))")
    with pytest.raises(CompilerError, match="Invalid ns clause"):
        run("(ns macro-test.e [:require x])")


def test_ns_expansion(run):
    form = run("(macroexpand '(ns a.b (:require x)))")
    assert (
        lst(form)[:4]
        == lst(
            run(
                "'(do (clojure.core/in-ns 'a.b) (clojure.core/refer-clojure)"
                " (clojure.core/require 'x))"
            )
        )[:4]
    )


# ---------------------------------------------------------------------------------------
# Metadata


MACROS = """when when-not if-not and or cond condp case -> ->> as-> some-> some->> cond-> cond->>
    if-let when-let if-some when-some when-first letfn lazy-seq lazy-cat delay doto .. dotimes
    while doseq for binding with-bindings bound-fn with-redefs assert time with-out-str
    with-in-str locking with-open import ns declare defonce comment io! memfn""".split()


@pytest.mark.parametrize("name", MACROS)
def test_macros_have_docs_and_arglists(run, name):
    meta = run(f"(meta #'clojure.core/{name})")
    assert meta.val_at(K("macro")) is True
    assert meta.val_at(K("doc"))
    assert meta.val_at(K("arglists"))


def test_explicit_arglists_win(run):
    run("(defn f {:arglists '([x])} [& xs] xs)")
    assert run("(:arglists (meta #'f))") == run("'([x])")
    run("(defn g ([a] a) ([a b] b))")
    assert run("(:arglists (meta #'g))") == run("'([a] [a b])")
