"""clojure.pprint: layouts of Clojure's pretty writer, dispatch, write and print-table."""

from __future__ import annotations

import textwrap

import pytest

REQ = "(require '[clojure.pprint :as pp]) "


def pprint(run, expr: str, bindings: str = "") -> str:
    body = f"(pp/pprint {expr})"
    if bindings:
        body = f"(binding [{bindings}] {body})"
    return run(REQ + f"(with-out-str {body})")


def lines(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


CASES = [
    ("{:a 1 :b [1 2 3]}", "{:a 1, :b [1 2 3]}\n"),
    ("[]", "[]\n"),
    ("{}", "{}\n"),
    ("()", "()\n"),
    ("#{}", "#{}\n"),
    ('\'[:a "b" \\c 1.5 2/3 nil true sym #"re"]', '[:a "b" \\c 1.5 2/3 nil true sym #"re"]\n'),
    ('"multi\\nline"', '"multi\\nline"\n'),
    ("''x", "'x\n"),
    ("'@x", "@x\n"),
    ("'(var x)", "#'x\n"),
    (
        "(for [x (range 10)] (range x))",
        lines("""
            (()
             (0)
             (0 1)
             (0 1 2)
             (0 1 2 3)
             (0 1 2 3 4)
             (0 1 2 3 4 5)
             (0 1 2 3 4 5 6)
             (0 1 2 3 4 5 6 7)
             (0 1 2 3 4 5 6 7 8))
            """),
    ),
    (
        "(zipmap [:a :b :c :d :e] (repeat (array-map :a 1 :b 2 :c 3 :d 4 :e 5)))",
        lines("""
            {:a {:a 1, :b 2, :c 3, :d 4, :e 5},
             :b {:a 1, :b 2, :c 3, :d 4, :e 5},
             :c {:a 1, :b 2, :c 3, :d 4, :e 5},
             :d {:a 1, :b 2, :c 3, :d 4, :e 5},
             :e {:a 1, :b 2, :c 3, :d 4, :e 5}}
            """),
    ),
    (
        '{:name "pyjank" :deps {:a {:mvn/version "1.0.0"} :b {:mvn/version "2.0.0"} '
        ':c {:local/root "../c"}} :paths ["src" "test" "resources"]}',
        lines("""
            {:name "pyjank",
             :deps
             {:a {:mvn/version "1.0.0"},
              :b {:mvn/version "2.0.0"},
              :c {:local/root "../c"}},
             :paths ["src" "test" "resources"]}
            """),
    ),
    (
        "[(vec (range 1 21)) (vec (range 1 21))]",
        lines("""
            [[1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20]
             [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20]]
            """),
    ),
    (
        "{[1 2] {:nested {:deeper {:deepest (vec (range 1 23))}}}}",
        lines("""
            {[1 2]
             {:nested
              {:deeper
               {:deepest
                [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22]}}}}
            """),
    ),
    ("#{[1 2 3]}", "#{[1 2 3]}\n"),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_pprint_layout(run, expr, expected):
    assert pprint(run, expr) == expected


def test_right_margin(run):
    out = pprint(run, "{:aaaa 1111 :bbbb 2222 :cccc [1 2 3 4 5 6 7]}", "pp/*print-right-margin* 20")
    assert out == lines("""
        {:aaaa 1111,
         :bbbb 2222,
         :cccc
         [1 2 3 4 5 6 7]}
        """)
    assert pprint(run, "(range 30)", "pp/*print-right-margin* nil") == str(
        "(" + " ".join(map(str, range(30))) + ")\n"
    )


def test_print_length_and_level(run):
    assert pprint(run, "(range 10)", "*print-length* 3") == "(0 1 2 ...)\n"
    assert pprint(run, "{:a 1 :b 2 :c 3}", "*print-length* 2") == "{:a 1, :b 2, ...}\n"
    assert pprint(run, "[1 [2 [3 [4]]]]", "*print-level* 2") == "[1 [2 #]]\n"


def test_base_radix_and_namespaces(run):
    assert pprint(run, "[255 1/2]", "pp/*print-base* 16 pp/*print-radix* true") == "[#xff #x1/2]\n"
    assert pprint(run, "[10 3]", "pp/*print-base* 2") == "[1010 11]\n"
    assert pprint(run, "7", "pp/*print-radix* true") == "7.\n"
    assert pprint(run, "'[a/b c]", "pp/*print-suppress-namespaces* true") == "[b c]\n"
    assert pprint(run, "{:x/a 1 :x/b 2}", "*print-namespace-maps* true") == "#:x{:a 1, :b 2}\n"


def test_ideref(run):
    out = pprint(run, "(atom {:a 1})")
    assert out.startswith("#<Atom@") and out.endswith(": {:a 1}>\n")
    assert pprint(run, "(delay 1)").endswith(": :not-delivered>\n")


def test_write(run):
    assert run(REQ + "(pp/write {:a 1} :stream nil)") == "{:a 1}"
    assert run(REQ + "(pp/write 255 :stream nil :base 16 :radix true)") == "#xff"
    assert run(REQ + "(pp/write (range 10) :stream nil :length 2)") == "(0 1 ...)"
    assert run(REQ + '(pp/write "s" :stream nil :pretty false)') == '"s"'
    assert run(REQ + "(with-out-str (pp/write [1 2]))") == "[1 2]"
    text = "(pp/write (vec (range 10)) :stream nil :right-margin 10)"
    assert run(REQ + text) == "[0\n 1\n 2\n 3\n 4\n 5\n 6\n 7\n 8\n 9]"


def test_custom_dispatch_with_logical_blocks(run):
    text = (
        REQ
        + """
    (defn my-dispatch [x]
      (if (vector? x)
        (pp/pprint-logical-block :prefix "<" :suffix ">"
          (pp/print-length-loop [xs (seq x)]
            (when xs
              (pp/write-out (first xs))
              (when (next xs)
                (.write *out* " ")
                (pp/pprint-newline :linear)
                (recur (next xs))))))
        (pp/simple-dispatch x)))
    (with-out-str
      (pp/with-pprint-dispatch my-dispatch (pp/pprint [1 [2 3] {:a [4]}]))
      (binding [*print-length* 1] (pp/with-pprint-dispatch my-dispatch (pp/pprint [1 2]))))"""
    )
    assert run(text) == "<1 <2 3> {:a <4>}>\n<1 ...>\n"


def test_extending_simple_dispatch(run):
    text = (
        REQ
        + """
    (deftype Point [x y])
    (defmethod pp/simple-dispatch Point [p]
      (pp/pprint-logical-block :prefix "#point[" :suffix "]"
        (pp/write-out (.-x p))
        (.write *out* " ")
        (pp/pprint-newline :linear)
        (pp/write-out (.-y p))))
    (with-out-str (pp/pprint {:p (Point. 1 [2 3])}))"""
    )
    assert run(text) == "{:p #point[1 [2 3]]}\n"


def test_set_pprint_dispatch(run):
    text = (
        REQ
        + """
    (try
      (pp/set-pprint-dispatch (fn [x] (.write *out* "X")))
      (with-out-str (pp/pprint [1]))
      (finally (pp/set-pprint-dispatch pp/simple-dispatch)))"""
    )
    assert run(text) == "X\n"


def test_code_dispatch(run):
    code = (
        "'(defn foo [x y] (let [a (+ x y) b (* a a a a a a a a a a a)] "
        '(if (pos? a) (println "positive" a b) (println "not positive" a b))))'
    )
    out = run(REQ + f"(with-out-str (pp/with-pprint-dispatch pp/code-dispatch (pp/pprint {code})))")
    assert out == lines("""
        (defn foo [x y]
          (let [a (+ x y) b (* a a a a a a a a a a a)]
            (if (pos? a)
              (println "positive" a b)
              (println "not positive" a b))))
        """)
    short = "(pp/with-pprint-dispatch pp/code-dispatch (pp/pprint '(when x (f y))))"
    assert run(REQ + f"(with-out-str {short})") == "(when x (f y))\n"


def test_fresh_line_and_pp(run):
    assert run(REQ + '(with-out-str (print "a") (pp/fresh-line) (pp/fresh-line))') == "a\n\n"
    assert run(REQ + "(with-out-str (pp/pp))") == "nil\n"


def test_print_table(run):
    text = REQ + '(with-out-str (pp/print-table [{:a 1 :b "two"} {:a 333 :b "4"}]))'
    assert run(text) == "\n" + lines("""
        |  :a |  :b |
        |-----+-----|
        |   1 | two |
        | 333 |   4 |
        """)
    text = REQ + "(with-out-str (pp/print-table [:b] [{:a 1 :b 2}]))"
    assert run(text) == "\n| :b |\n|----|\n|  2 |\n"
    assert run(REQ + "(with-out-str (pp/print-table []))") == ""
