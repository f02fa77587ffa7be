import pytest

from pyjank.runtime.exceptions import ExceptionInfo, IllegalArgumentException

from ._support import core, kw, m


def test_ex_info_round_trip():
    data = m(kw("a"), 1)
    cause = ValueError("root")
    e = core("ex-info")("bad thing", data, cause)
    assert isinstance(e, ExceptionInfo)
    assert core("ex-message")(e) == "bad thing"
    assert core("ex-data")(e) is data
    assert core("ex-cause")(e) is cause
    e2 = core("ex-info")("m", data)
    assert core("ex-cause")(e2) is None
    with pytest.raises(ExceptionInfo):
        raise e2


def test_ex_info_requires_a_map():
    with pytest.raises(IllegalArgumentException):
        core("ex-info")("m", None)
    with pytest.raises(TypeError):
        core("ex-info")("m", 5)


def test_ex_fns_on_other_values():
    assert core("ex-message")(ValueError("plain")) == "plain"
    assert core("ex-data")(ValueError("plain")) is None
    assert core("ex-message")("not an exception") is None
    assert core("ex-data")(None) is None
    assert core("ex-cause")(None) is None
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise RuntimeError("outer") from inner
    except RuntimeError as outer:
        assert isinstance(core("ex-cause")(outer), KeyError)
