"""Protocols and types: `extend`, `satisfies?`, `extends?`, `extenders`, the protocol
lookup fns, and the runtime entry points the `defprotocol`/`deftype`/`defrecord` macros of
clojure/core_deftype.jank expand to (`-define-protocol`, `-define-type`, `-implement`)."""

from __future__ import annotations

from typing import Any

from .. import types as t
from ..maps import map_from_pairs
from ..protocols import Protocol, as_protocol, define_protocol
from ..seqs import seq
from ..symbols import Keyword, Symbol, keyword
from ..vars import Var
from .registry import core

_KW_EXTEND_VIA_METADATA = keyword(None, "extend-via-metadata")


@core("extend")
def extend(atype: Any, *proto_mmaps: Any) -> None:
    """Implementations of protocol methods can be provided using the extend construct:
    (extend AType AProtocol {:foo an-existing-fn :bar (fn [a b] ...)} BProtocol {...})
    AType is a class (nil for nil, Object for everything else); each map replaces the
    methods AType had for that protocol."""
    cls = t.type_for_extend(atype)
    if len(proto_mmaps) % 2:
        raise ValueError("extend takes protocol/method-map pairs")
    for i in range(0, len(proto_mmaps), 2):
        proto = as_protocol(proto_mmaps[i])
        mmap = proto_mmaps[i + 1]
        methods = {} if mmap is None else {_method_name(k): f for k, f in mmap.items()}
        proto.extend(cls, methods)


def _method_name(k: Any) -> str:
    return k.name if isinstance(k, Keyword | Symbol) else str(k)


@core("satisfies?")
def satisfies(protocol: Any, x: Any) -> bool:
    """Returns true if x satisfies the protocol."""
    return as_protocol(protocol).satisfies(x)


@core("extends?")
def extends(protocol: Any, atype: Any) -> bool:
    """Returns true if atype extends protocol."""
    return as_protocol(protocol).find_impl(t.type_for_extend(atype)) is not None


@core("extenders")
def extenders(protocol: Any) -> Any:
    """Returns a collection of the types explicitly extending protocol."""
    return seq(as_protocol(protocol).extenders())


@core("find-protocol-impl")
def find_protocol_impl(protocol: Any, x: Any) -> Any:
    """The map of method keyword to fn through which x satisfies protocol, or nil."""
    impl = as_protocol(protocol).find_impl(type(x))
    if impl is None:
        return None
    return map_from_pairs((keyword(None, m), f) for m, f in impl.items())


@core("find-protocol-method")
def find_protocol_method(protocol: Any, methodk: Keyword, x: Any) -> Any:
    """The fn implementing method methodk of protocol for x, or nil."""
    impl = as_protocol(protocol).find_impl(type(x))
    return None if impl is None else impl.get(methodk.name)


@core("-define-protocol")
def define_protocol_(var: Var, sigs: Any, doc: str | None, opts: Any) -> Protocol:
    """Internal (defprotocol): the protocol of var, sigs mapping method symbols to arglists."""
    via_meta = opts is not None and opts.val_at(_KW_EXTEND_VIA_METADATA) not in (None, False)
    methods = {e.key().name: list(e.val()) for e in sigs}
    return define_protocol(var, methods, doc, via_meta)


@core("-define-type")
def define_type(name: Symbol, fields: Any, record: bool, specs: Any) -> type:
    """Internal (deftype, defrecord): makes the class and imports it into *ns*."""
    return t.define_type(name, fields, record, specs or ())


@core("-implement")
def implement(cls: type, iface_methods: Any, *protocol_maps: Any) -> type:
    """Internal (deftype, defrecord): adds the inline interface and protocol methods."""
    return t.implement(cls, iface_methods, *protocol_maps)


@core("-reify")
def reify(site: str, methods: Any, n: int, *targets_and_fns: Any) -> Any:
    """Internal (reify): an instance of the reify form site."""
    return t.reify(site, methods, n, *targets_and_fns)


@core("munge")
def munge(s: Any) -> Any:
    """A Clojure name as a Python (and Java) identifier: a-b? becomes a_b_QMARK_. Returns a
    symbol for a symbol, else a string."""
    munged = t.munge(s.name if isinstance(s, Symbol) else str(s))
    return Symbol(None, munged) if isinstance(s, Symbol) else munged
