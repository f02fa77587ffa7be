"""clojure.pprint/cl-format: the common directives with their parameters and modifiers."""

from __future__ import annotations

import pytest

REQ = "(require '[clojure.pprint :refer [cl-format formatter formatter-out]]) "

CASES = [
    ('"~a and ~s" "str" "str"', 'str and "str"'),
    ('"~a ~s" nil :k', "nil :k"),
    ('"~5a|~5@a|~3,,,\'*a|" 1 2 3', "1    |    2|3**|"),
    ('"~10,4a|" "ab"', "ab        |"),
    (
        "\"~d ~:d ~@d ~8,'0d ~,,'.,4:d\" 1 1234567 5 42 123456789",
        "1 1,234,567 +5 00000042 1.2345.6789",
    ),
    ('"~d|~5d" 1.5 :x', "1.5|   :x"),
    ('"~b ~o ~x ~:x" 5 8 255 65535', "101 10 ff f,fff"),
    ('"~r" 1234', "one thousand, two hundred thirty-four"),
    ('"~:r" 1234', "one thousand, two hundred thirty-fourth"),
    ('"~r ~r ~r" 0 -7 1000000', "zero minus seven one million"),
    ('"~:r ~:r ~:r ~:r ~:r" 0 1 2 12 20', "zeroth first second twelfth twentieth"),
    ('"~:r ~:r" 100 1000', "one hundredth one thousandth"),
    ('"~@r ~:@r ~@r" 1999 1999 4', "MCMXCIX MDCCCCLXXXXVIIII IV"),
    ('"~2,8,\'0r ~16r ~3r" 5 255 7', "00000101 ff 21"),
    ('"~c|~:c|~@c|~:c" \\a \\space \\b \\newline', "a|Space|\\b|Newline"),
    (
        '"~f|~,2f|~8,3f|~,0f|~4f" 3.14159 3.14159 3.14159 3.7 3.14159',
        "3.14159|3.14|   3.142|4.|3.14",
    ),
    ('"~,2f|~f|~,1f|~@f" 2.675 5 1/4 1.0', "2.68|5.0|0.3|+1.0"),
    ('"~e|~,2e|~,3e" 1234.5 1234.5 0.001', "1.2345E+3|1.23E+3|1.000E-3"),
    (
        '"~$|~$|~@$|~3$|~2,1,8$|~2,4$" 3.14159 -2.5 3 1 1.5 1.5',
        "3.14|-2.50|+3.00|1.000|    1.50|0001.50",
    ),
    ('"a~%b~2%c"', "a\nb\n\nc"),
    ('"~&a~&~&b~2&c"', "a\nb\n\nc"),
    ('"~~ ~3~|~|"', "~ ~~~|\f"),
    ('"x~10Ty~3,4Tz"', "x         y    z"),
    ('"ab~2@Tc"', "ab  c"),
    ('"~a~? ~a" 1 "<~a ~a>" [2 3] 4', "1<2 3> 4"),
    ('"~a~@? ~a" 1 "<~a>" 2 3', "1<2> 3"),
    ('"~*~a" 1 2', "2"),
    ('"~a ~:*~a" 1', "1 1"),
    ('"~a ~a ~0@*~a ~2*~a" 1 2 3 4', "1 2 1 4"),
    ('"hello~\n      world"', "helloworld"),
    ('"a~:\n   b"', "a   b"),
    ('"a~@\n   b"', "a\nb"),
    ('"~(~a~)" "HeLLo WoRLD"', "hello world"),
    ('"~:(~a~)" "hello wORLD-wide"', "Hello World-Wide"),
    ('"~@(~a~)" "  hello WORLD"', "  Hello world"),
    ('"~:@(~a~)" "hello"', "HELLO"),
    ('"~d item~:p, ~d pon~:@p, ~d pon~:@p" 1 2 1', "1 item, 2 ponies, 1 pony"),
    ('"~[zero~;one~;two~]|~[a~;b~]|~1[x~;y~]" 1 5 :ignored', "one||y"),
    ('"~[a~;b~:;other~]" 7', "other"),
    ('"~#[none~;one~;two~:;many~]" 1 2 3', "many"),
    ('"~:[no~;yes~] ~:[no~;yes~]" nil 0', "no yes"),
    ('"~@[x=~a~]|~@[y=~a~]" 5 nil', "x=5|"),
    ('"~{~a~^, ~}" [1 2 3]', "1, 2, 3"),
    ('"~{~a=~a~^, ~}" {:a 1 :b 2}', "[:a 1]=[:b 2]"),
    ('"~{~a~}|~:{~a~}" [] []', "|"),
    ('"~:{~a:~a ~}" [[1 2] [3 4]]', "1:2 3:4 "),
    ('"~@{~a~^-~}" 1 2 3', "1-2-3"),
    ('"~:@{<~a ~a>~}" [1 2] [3 4]', "<1 2><3 4>"),
    ('"~2{~a~}" [1 2 3]', "12"),
    ('"~{~}" "<~a>" [1 2]', "<1><2>"),
    ('"~{x~:}" []', "x"),
    ('"~:{~a~:^,~}" [[1] [2] [3]]', "1,2,3"),
    ('"~a~^ ~a" 1', "1"),
    ('"~a~0^~a" 1 2', "1"),
    ('"~10<foo~;bar~>|"', "foo    bar|"),
    ('"~10:<foo~;bar~>|"', "  foo  bar|"),
    ('"~10@<foo~>|"', "foo       |"),
    ('"~10<foo~>|"', "       foo|"),
    ('"~10:@<foo~>|"', "    foo   |"),
    ('"~w" [1 2 3]', "[1 2 3]"),
    ('"~<(~;~a ~a~;)~:>" [1 2]', "(1 2)"),
    (
        '"There ~[are~;is~:;are~]~:* ~d result~:p: ~{~d~^, ~}~%" 3 [46 38 22]',
        "There are 3 results: 46, 38, 22\n",
    ),
    ('"There ~[are~;is~:;are~]~:* ~d result~:p: ~{~d~^, ~}~%" 1 [46]', "There is 1 result: 46\n"),
    ('"~v,\'*d|~#d" 5 42 1 2', "***42| 1"),
]


@pytest.mark.parametrize("args, expected", CASES)
def test_cl_format(run, args, expected):
    assert run(REQ + f"(cl-format nil {args})") == expected


def test_destinations(run):
    assert run(REQ + '(with-out-str (cl-format true "to out ~a" 1))') == "to out 1"
    assert (
        run(REQ + '(import io) (let [w (io/StringIO)] (cl-format w "~a" 2) (.getvalue w))') == "2"
    )
    assert run(REQ + '(cl-format true "~a" 1)') is None


def test_formatters(run):
    assert run(REQ + '((formatter "~a-~a") nil 1 2)') == "1-2"
    assert run(REQ + '(with-out-str ((formatter-out "[~a]") 3))') == "[3]"


def test_pretty_directives(run):
    def fmt(bindings: str, control: str) -> str:
        text = f'(binding [{bindings}] (cl-format nil "{control}" (range 8)))'
        return run(REQ + text)

    margin = "clojure.pprint/*print-right-margin* 10"
    assert fmt(margin, "~<[~;~@{~a~^ ~_~}~;]~:>") == "[0\n 1\n 2\n 3\n 4\n 5\n 6\n 7]"
    no_miser = margin + " clojure.pprint/*print-miser-width* nil"
    assert fmt(no_miser, "~<~@{~a~^ ~:_~}~:>") == "0 1 2 3 4\n5 6 7"
    # Within *print-miser-width* of the margin, fill newlines break like linear ones.
    assert fmt(margin, "~<~@{~a~^ ~:_~}~:>") == "0\n1\n2\n3 4 5 6 7"


@pytest.mark.parametrize(
    "args, message",
    [
        ('"~a ~a" 1', "Not enough arguments for format definition"),
        ('"~q" 1', "Directive ~Q is not supported"),
        ('"~{~a"', "Missing ~}"),
        ('"~a~]"', "Unexpected directive ~]"),
        ('"~:[a~]" 1', "~:[ requires exactly two clauses"),
    ],
)
def test_errors(run, args, message):
    text = f"(try (cl-format nil {args}) (catch Exception e (ex-message e)))"
    assert run(REQ + text).startswith(message)
