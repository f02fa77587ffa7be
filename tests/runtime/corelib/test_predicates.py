import functools
import uuid
from datetime import UTC, datetime

from pyjank.runtime.characters import char

from ._support import core, kw, lst, m, sym, v


def test_nil_and_truthiness():
    assert core("nil?")(None) is True and core("nil?")(False) is False
    assert core("some?")(False) is True and core("some?")(None) is False
    assert core("true?")(True) and not core("true?")(1)
    assert core("false?")(False) and not core("false?")(None)
    assert core("boolean")(0) is True
    assert core("boolean")("") is True
    assert core("boolean")(None) is False
    assert core("not")(None) is True and core("not")(0) is False and core("not")([]) is False
    assert core("boolean?")(False) and not core("boolean?")(0)


def test_identical_and_any():
    x = v(1)
    assert core("identical?")(x, x)
    assert not core("identical?")(v(1), v(1, 2))
    assert core("any?")(None)


def test_scalar_type_predicates():
    assert core("string?")("a") and not core("string?")(char("a"))
    assert core("char?")(char("a")) and not core("char?")("a")
    assert core("keyword?")(kw("a")) and not core("keyword?")(sym("a"))
    assert core("symbol?")(sym("a")) and not core("symbol?")("a")
    assert core("ident?")(kw("a")) and core("ident?")(sym("a")) and not core("ident?")("a")
    assert core("qualified-keyword?")(kw("a/b")) and core("simple-keyword?")(kw("b"))
    assert core("qualified-symbol?")(sym("a/b")) and core("simple-symbol?")(sym("b"))
    assert core("qualified-ident?")(sym("a/b")) and core("simple-ident?")(kw("b"))
    assert core("uuid?")(uuid.uuid4())
    assert core("inst?")(datetime.now(UTC))


def test_collection_predicates():
    vec_, list_, map_, set_ = v(1), lst(1), m(kw("a"), 1), core("hash-set")(1)
    seq_ = core("seq")(vec_)
    lazy = core("map")(core("inc"), vec_)
    assert core("seq?")(seq_) and core("seq?")(lazy) and core("seq?")(list_)
    assert not core("seq?")(vec_)
    assert (
        core("sequential?")(vec_) and core("sequential?")(list_) and not core("sequential?")(map_)
    )
    for c in (vec_, list_, map_, set_, lazy):
        assert core("coll?")(c)
    assert not core("coll?")("abc")
    assert core("list?")(list_) and not core("list?")(lazy)
    assert core("vector?")(vec_) and not core("vector?")(list_)
    assert core("map?")(map_) and not core("map?")(vec_)
    assert core("set?")(set_) and not core("set?")(map_)
    assert (
        core("associative?")(vec_)
        and core("associative?")(map_)
        and not core("associative?")(list_)
    )
    assert core("counted?")(vec_) and not core("counted?")(lazy)
    assert core("reversible?")(vec_) and not core("reversible?")(list_)
    assert core("sorted?")(core("sorted-map")()) and not core("sorted?")(map_)
    assert core("indexed?")(vec_)
    entry = core("first")(map_)
    assert core("map-entry?")(entry) and not core("map-entry?")(v(1, 2))


def test_seqable():
    for x in (None, "", v(), m(), core("range")(3), [1], (1,), {1: 2}):
        assert core("seqable?")(x)
    for x in (1, 1.5, kw("a"), char("a"), object()):
        assert not core("seqable?")(x)


def test_fn_predicates():
    assert core("fn?")(lambda: 1)
    assert core("fn?")(core("inc"))
    assert core("fn?")(functools.partial(core("+"), 1))
    assert core("fn?")(core("partial")(core("+"), 1))
    assert not core("fn?")(kw("a"))
    assert not core("fn?")(v(1))
    assert core("ifn?")(kw("a")) and core("ifn?")(v(1)) and core("ifn?")(m()) and core("ifn?")(len)
    assert not core("ifn?")(1)
    from pyjank.runtime.namespaces import CORE_NS

    assert core("var?")(CORE_NS.find_interned_var("inc"))
    assert not core("var?")(core("inc"))


def test_hash_consistent_with_equality():
    h = core("hash")
    assert h(None) == 0
    assert h(v(1, 2)) == h(lst(1, 2))
    assert h(m(kw("a"), 1)) == h(core("hash-map")(kw("a"), 1))
    assert h("abc") == h("abc")


def test_compare():
    cmp = core("compare")
    assert cmp(1, 2) < 0 and cmp(2, 1) > 0 and cmp(1, 1) == 0
    assert cmp(None, 1) < 0
    assert cmp("a", "b") < 0
    assert cmp(kw("a"), kw("b")) < 0
    assert cmp(v(1, 2), v(1, 3)) < 0
    assert cmp(v(9), v(1, 1)) < 0  # shorter vectors first
    import pytest

    with pytest.raises(TypeError):
        cmp(1, "a")
