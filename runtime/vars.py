"""Vars: a root value plus per-thread dynamic bindings.

Reading a var that has never been dynamically bound anywhere is one attribute load and one
flag check, so calls through vars stay cheap and a redefinition is seen by every caller at
once. Dynamic bindings live in a per-thread stack of frames (each frame a dict from var to a
mutable box) that `binding` pushes and pops and `future` conveys to other threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .interfaces import IDeref, IFn, IReference

if TYPE_CHECKING:
    from .namespaces import Namespace
    from .symbols import Symbol


class IllegalStateException(RuntimeError):
    """Clojure's IllegalStateException (misuse of vars, unbound calls)."""


class Unbound:
    """The root of a var that was declared but never given a value."""

    __slots__ = ("var",)

    def __init__(self, var: Var) -> None:
        self.var = var

    def __call__(self, *args: Any) -> Any:
        raise IllegalStateException(f"Attempting to call unbound fn: {self.var!r}")

    def __repr__(self) -> str:
        return f"Unbound: {self.var!r}"


class _Box:
    """A thread binding's current value; `set!` writes it."""

    __slots__ = ("val", "thread")

    def __init__(self, val: Any) -> None:
        self.val = val
        self.thread = threading.get_ident()


class _Frames(threading.local):
    def __init__(self) -> None:
        self.stack: list[dict[Var, _Box]] = []


_frames = _Frames()


class Var(IReference, IDeref, IFn):
    """A namespace-interned, mutable reference; `#'ns/name`."""

    __slots__ = ("ns", "sym", "root", "dynamic", "macro", "_meta", "_thread_bound", "watches")

    def __init__(self, ns: Namespace | None, sym: Symbol | None, root: Any = None) -> None:
        self.ns = ns
        self.sym = sym
        self.root: Any = Unbound(self) if root is None and sym is not None else root
        self.dynamic = False
        self.macro = False
        self._meta: Any = None
        self._thread_bound = False
        self.watches: dict[Any, Callable] | None = None

    # -- reading -------------------------------------------------------------------------
    def deref(self) -> Any:
        if self._thread_bound:
            box = self._box()
            if box is not None:
                return box.val
        return self.root

    get = deref

    def _box(self) -> _Box | None:
        stack = _frames.stack
        if stack:
            return stack[-1].get(self)
        return None

    def is_bound(self) -> bool:
        return not isinstance(self.root, Unbound) or (
            self._thread_bound and self._box() is not None
        )

    def has_root(self) -> bool:
        return not isinstance(self.root, Unbound)

    def is_thread_bound(self) -> bool:
        return self._thread_bound and self._box() is not None

    # -- writing -------------------------------------------------------------------------
    def bind_root(self, value: Any) -> None:
        old = self.root
        self.root = value
        if self.watches:
            self._notify(old, value)

    def alter_root(self, f: Callable, *args: Any) -> Any:
        self.bind_root(f(self.root, *args))
        return self.root

    def set(self, value: Any) -> Any:
        """`set!`: only a thread binding made by this thread may be set."""
        box = self._box() if self._thread_bound else None
        if box is None:
            raise IllegalStateException(
                f"Can't change/establish root binding of: {self!r} with set"
            )
        if box.thread != threading.get_ident():
            raise IllegalStateException(f"Can't set!: {self!r} from non-binding thread")
        box.val = value
        return value

    def set_dynamic(self, dynamic: bool = True) -> Var:
        self.dynamic = dynamic
        return self

    def set_macro(self) -> None:
        self.macro = True

    def _notify(self, old: Any, new: Any) -> None:
        for key, fn in list((self.watches or {}).items()):
            fn(key, self, old, new)

    # -- metadata (mutable, as for every IReference) --------------------------------------
    def meta(self) -> Any:
        return self._meta

    def reset_meta(self, meta: Any) -> Any:
        self._meta = meta
        return meta

    # -- IFn -----------------------------------------------------------------------------
    def __call__(self, *args: Any) -> Any:
        return self.deref()(*args)

    def __repr__(self) -> str:
        if self.ns is None or self.sym is None:
            return "#<Var: --unnamed-->"
        return f"#'{self.ns.name}/{self.sym.name}"

    def to_symbol(self) -> Symbol:
        from .symbols import Symbol

        assert self.ns is not None and self.sym is not None
        return Symbol(str(self.ns.name), self.sym.name)


def push_thread_bindings(bindings: Iterable[tuple[Var, Any]]) -> None:
    """Push a frame binding each var; every var must be dynamic, as Clojure requires."""
    stack = _frames.stack
    frame = dict(stack[-1]) if stack else {}
    for var, val in bindings:
        if not var.dynamic:
            raise IllegalStateException(f"Can't dynamically bind non-dynamic var: {var!r}")
        var._thread_bound = True
        frame[var] = _Box(val)
    stack.append(frame)


def pop_thread_bindings() -> None:
    stack = _frames.stack
    if not stack:
        raise IllegalStateException("Pop without matching push")
    stack.pop()


@contextmanager
def bindings(pairs: Iterable[tuple[Var, Any]]) -> Iterator[None]:
    """`(binding [...] ...)` for Python callers."""
    push_thread_bindings(pairs)
    try:
        yield
    finally:
        pop_thread_bindings()


def get_thread_bindings_frame() -> dict[Var, Any]:
    """The current frame, to convey to another thread (`future`, `bound-fn`)."""
    stack = _frames.stack
    return dict(stack[-1]) if stack else {}


def get_thread_bindings() -> dict[Var, Any]:
    """`(get-thread-bindings)`: var → current value."""
    return {var: box.val for var, box in get_thread_bindings_frame().items()}


@contextmanager
def with_conveyed_frame(frame: dict[Var, Any]) -> Iterator[None]:
    """Run with bindings conveyed from another thread; `set!` makes fresh boxes here."""
    stack = _frames.stack
    stack.append({var: _Box(box.val) for var, box in frame.items()})
    try:
        yield
    finally:
        stack.pop()


def binding_conveyor(fn: Callable) -> Callable:
    """Wrap `fn` so that it runs with the bindings in effect now (`bound-fn*`)."""
    frame = get_thread_bindings_frame()

    def conveyed(*args: Any) -> Any:
        with with_conveyed_frame(frame):
            return fn(*args)

    return conveyed
