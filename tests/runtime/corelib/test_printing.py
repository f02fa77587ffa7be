import io

from pyjank.runtime import core_vars as cv
from pyjank.runtime.characters import char
from pyjank.runtime.vars import bindings

from ._support import core, kw, m, v


def out_of(thunk):
    return core("with-out-str*")(thunk)


def test_pr_family_writes_to_out():
    assert out_of(lambda: core("pr")("a", 1, None, kw("k"))) == '"a" 1 nil :k'
    assert out_of(lambda: core("pr")()) == ""
    assert out_of(lambda: core("prn")("a", v("b"))) == '"a" ["b"]\n'
    assert out_of(lambda: core("prn")()) == "\n"
    assert out_of(lambda: core("print")("a", char("b"), v("c"))) == "a b [c]"
    assert out_of(lambda: core("println")("a", 1)) == "a 1\n"
    assert out_of(lambda: core("println")()) == "\n"
    assert out_of(core("newline")) == "\n"
    assert out_of(lambda: core("printf")("%s=%d", "x", 3)) == "x=3"


def test_string_variants():
    assert core("pr-str")() == ""
    assert core("pr-str")("a") == '"a"'
    assert core("pr-str")("a", char("b"), None) == '"a" \\b nil'
    assert core("prn-str")(1, 2) == "1 2\n"
    assert core("print-str")("a", v("b")) == "a [b]"
    assert core("println-str")("a") == "a\n"
    assert core("pr-str")(m(kw("a"), "x")) == '{:a "x"}'


def test_print_length_is_honoured():
    with bindings([(cv.PRINT_LENGTH, 3)]):
        assert core("pr-str")(core("range")()) == "(0 1 2 ...)"


def test_with_out_str_nests_and_restores():
    def outer():
        core("print")("a")
        inner = out_of(lambda: core("print")("b"))
        core("print")(inner.upper())

    assert out_of(outer) == "aB"
    buf = io.StringIO()
    with bindings([(cv.OUT, buf)]):
        core("print")("x")
        core("flush")()
    assert buf.getvalue() == "x"


def test_default_out_follows_sys_stdout(capsys):
    core("println")("to stdout")
    assert capsys.readouterr().out == "to stdout\n"


def test_read_line():
    with bindings([(cv.IN, io.StringIO("first\r\nsecond\nlast"))]):
        assert core("read-line")() == "first"
        assert core("read-line")() == "second"
        assert core("read-line")() == "last"
        assert core("read-line")() is None


def test_slurp_spit(tmp_path):
    p = tmp_path / "f.txt"
    core("spit")(str(p), "hello")
    core("spit")(str(p), v(1), kw("append"), True)
    assert core("slurp")(str(p)) == "hello[1]"
    assert core("slurp")(io.StringIO("abc")) == "abc"
