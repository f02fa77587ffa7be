"""Every special form, through every backend (the `run` fixture)."""

from __future__ import annotations

import pytest

from pyjank.compiler.errors import CompilerError
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import vector


def test_constants_and_if(run):
    assert run("(if nil 1 2)") == 2
    assert run("(if false 1 2)") == 2
    assert run("(if 0 1 2)") == 1
    assert run('(if "" :t :f)') == keyword("t")
    assert run("(if true 1)") == 1
    assert run("(if false 1)") is None


def test_do_and_def(run):
    assert run("(do 1 2 3)") == 3
    assert run("(do)") is None
    var = run("(def x 10)")
    assert var.deref() == 10
    assert run("x") == 10
    assert run("(def ^:dynamic *d* 1) *d*") == 1
    assert run("(var x)") is var


def test_let_shadowing_and_closures(run):
    assert run("(let* [a 1 b (+ a 1)] (+ a b))") == 3
    assert run("(let* [x 1 f (fn* [] x) x 2] (f))") == 1
    assert run("(let* [x 1] (let* [x 2] x))") == 2


def test_loop_recur(run):
    assert run("(loop* [i 0 acc 0] (if (< i 10) (recur (+ i 1) (+ acc i)) acc))") == 45
    src = (
        "(loop* [i 0 fs []] (if (< i 3) (recur (+ i 1) (conj fs (fn* [] i)))"
        " (map (fn* [f] (f)) fs)))"
    )
    assert list(run(src)) == [0, 1, 2]


def test_loop_in_expression_position(run):
    assert run("(+ 1 (loop* [i 0] (if (< i 5) (recur (+ i 1)) i)))") == 6
    assert run("[(loop* [i 0] (if (< i 2) (recur (+ i 1)) i)) 7]") == vector(2, 7)


def test_fn_arities_and_variadic(run):
    run("(def f (fn* ([] :zero) ([a] [:one a]) ([a b & more] [:many a b more])))")
    assert run("(f)") == keyword("zero")
    assert run("(f 1)") == vector(keyword("one"), 1)
    assert run("(f 1 2)") == vector(keyword("many"), 1, 2, None)
    assert list(run("(f 1 2 3 4)")[3]) == [3, 4]


def test_named_fn_recursion_and_fn_recur(run):
    assert run("((fn* fact [n] (if (< n 2) 1 (* n (fact (- n 1))))) 10)") == 3628800
    assert run("((fn* [n acc] (if (= n 0) acc (recur (- n 1) (+ acc n)))) 100 0)") == 5050


def test_variadic_recur_passes_seq(run):
    src = "((fn* [n & xs] (if (= n 0) xs (recur (- n 1) (cons n xs)))) 3)"
    assert list(run(src)) == [1, 2, 3]


def test_arity_error_names_fn(run):
    run("(def g (fn* [a b] a))")
    with pytest.raises(Exception, match=r"Wrong number of args \(1\) passed to: test\.ns\d+/g"):
        run("(g 1)")
    with pytest.raises(Exception, match=r"Wrong number of args \(3\) passed to"):
        run("(g 1 2 3)")


def test_quote_and_var(run):
    assert run("'a") == symbol("a")
    assert list(run("'(1 2 x)")) == [1, 2, symbol("x")]
    assert run("(quote [1 2])") == vector(1, 2)


def test_throw_try_catch_finally(run):
    assert run('(try (throw (ex-info "boom" {:a 1})) (catch Exception e (ex-message e)))') == "boom"
    run("(def log (atom []))")
    assert run("(try 1 (finally (swap! log conj :f)))") == 1
    assert run("@log") == vector(keyword("f"))
    src = """(try (try (throw (ex-info "in" {})) (finally (swap! log conj :inner)))
               (catch clojure.lang.ExceptionInfo e (ex-message e)))"""
    assert run(src) == "in"
    assert run(
        "(try (/ 1 0) (catch ArithmeticException e :arith) (catch Exception e :other))"
    ) == keyword("arith")


def test_catch_python_exceptions(run):
    assert run('(try (python/int "x") (catch Exception e :caught))') == keyword("caught")


def test_letfn(run):
    src = """(letfn* [ev? (fn* ev? [n] (if (= n 0) true (od? (- n 1))))
                     od? (fn* od? [n] (if (= n 0) false (ev? (- n 1))))]
               [(ev? 10) (od? 7)])"""
    assert run(src) == vector(True, True)


def test_case_star(run):
    src = '(fn* [x] (case* x :none [1] :one [true] :true [2 3] :two-or-three ["s"] :str))'
    run(f"(def c {src})")
    assert run("(c 1)") == keyword("one")
    assert run("(c true)") == keyword("true")
    assert run("(c 3)") == keyword("two-or-three")
    assert run('(c "s")') == keyword("str")
    assert run("(c 1.0)") == keyword("none")
    assert run("(c [1])") == keyword("none")


def test_set_bang_on_dynamic_var(run):
    run("(def ^:dynamic *v* 1)")
    from pyjank.runtime.vars import bindings

    var = run("(var *v*)")
    with bindings([(var, 5)]):
        assert run("(do (set! *v* 7) *v*)") == 7
    assert run("*v*") == 1
    with pytest.raises(Exception, match="Can't change/establish root binding"):
        run("(set! *v* 3)")


def test_host_interop(run):
    assert run('(.upper "abc")') == "ABC"
    assert run('(. "a-b" (split "-"))') == ["a", "b"]
    assert run("(python/len [1 2 3])") == 3
    run("(import* 'collections)")
    assert run("(.-maxlen (collections/deque [] 3))") == 3
    assert run("(collections.OrderedDict.)") == {}
    assert run("(new python/dict)") == {}


def test_fields_and_set_field(run):
    run("(import* 'types)")
    assert run("(let* [o (types/SimpleNamespace)] (set! (.-x o) 5) (.-x o))") == 5


def test_collection_literals_evaluate_elements(run):
    assert run("(let* [a 1] [a (+ a 1)])") == vector(1, 2)
    assert run("(let* [a 1] {:a a})")[keyword("a")] == 1
    assert 2 in run("(let* [a 1] #{a (+ a 1)})")


def test_metadata_on_literals_keeps_user_keys_only(run):
    assert run("(meta ^:foo [1 2])") == run("{:foo true}")
    assert run("(meta [1 2])") is None


@pytest.mark.parametrize(
    ("src", "message", "line", "column"),
    [
        (
            "(+ 1\n   undefined-thing)",
            "Unable to resolve symbol: undefined-thing in this context",
            2,
            4,
        ),
        ("(loop* [i 0] (recur (recur i)))", "Can only recur from tail position", 1, 21),
        (
            "(fn* [x] (recur))",
            "Mismatched argument count to recur, expected: 1 args, got: 0",
            1,
            10,
        ),
        ("(let* [a] a)", "let* requires an even number of forms in binding vector", 1, 7),
        ("(let* [[a] 1] a)", "Bad binding form, expected symbol, got: [a]", 1, 8),
        ("(loop* [i 0] (try (recur 1)))", "Cannot recur across try", 1, 19),
        ("(if)", "Too few arguments to if", 1, 1),
    ],
)
def test_syntax_errors_carry_positions(run, src, message, line, column):
    with pytest.raises(CompilerError) as info:
        run(src, "my/file.jank")
    err = info.value
    assert err.message == message
    assert (err.file, err.line, err.column) == ("my/file.jank", line, column)
    assert str(err).startswith(f"Syntax error compiling at (my/file.jank:{line}:{column}).")


def test_macro_value_is_an_error(run):
    run("(def ^:macro m (fn* [&form &env] nil))")
    with pytest.raises(CompilerError, match="Can't take value of a macro"):
        run("m")


def test_macroexpand_with_form_and_env(run):
    run("(def ^:macro twice (fn* [&form &env x] (list 'do x x)))")
    assert run("(let* [a (atom 0)] (twice (swap! a inc)) @a)") == 2


def test_intrinsic_fast_path_evaluates_every_operand_once(run):
    run("(def calls (atom 0))")
    run("(defn tick [x] (swap! calls inc) x)")
    assert run("(= :k (tick :k))") is True
    assert run("(< 1 (tick 2))") is True
    assert run("(+ (tick 1.5) (tick 2))") == 3.5
    assert run("(= (tick 1) (tick true))") is False
    assert run("@calls") == 6


def test_intrinsic_overflow_and_promotion(run):
    with pytest.raises(Exception, match="integer overflow"):
        run("(+ 9223372036854775807 (inc 0))")
    assert run("(+ 9223372036854775808 (inc 0))") == 2**63 + 1
    assert run("(let [x 1.5] (+ x 1))") == 2.5


def test_def_metadata(run):
    run('(def ^{:doc "the answer"} answer 42)')
    assert run("(:name (meta #'answer))") == symbol("answer")
    assert run("(:doc (meta #'answer))") == "the answer"
    assert run("(:line (meta #'answer))") == 1
    assert run("(= *ns* (:ns (meta #'answer)))") is True


def test_primitive_hinted_params_coerce_in_every_tier(run):
    run("(defn fd [^double x] (* 2 x))")
    run("(defn fl [^long x] x)")
    assert run("(fd 3)") == 6.0 and type(run("(fd 3)")) is float
    assert run("(fl 3.7)") == 3
    with pytest.raises(Exception, match="cannot be cast|Cannot cast"):
        run('(fl "x")')


def test_quoted_forms_carry_clojure_reader_metadata(run):
    assert run("(meta 'x)") is None
    assert run("(meta '[1 2])") is None
    assert run("(meta '{:a [b]})") is None
    assert run("(meta (first '[^:tag-me y]))") == run("{:tag-me true}")
    assert run("(meta '(1 2))") == run("{:line 1, :column 8}")
    assert run("(meta (second '(1 (2))))") == run("{:line 1, :column 19}")
