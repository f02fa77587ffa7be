"""The analyzer: forms in, AST nodes out.

It expands macros, resolves every symbol (locals, the namespace's vars, refers, aliases and
imported host objects), checks the special forms, and records for each top-level form what
its symbols resolved to and which macros it expanded, so the per-form cache can later
re-validate a compiled form with one map lookup per symbol (design §4).
"""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Callable
from typing import Any

from ..runtime import rt
from ..runtime.core_vars import current_ns
from ..runtime.equality import equiv
from ..runtime.interfaces import (
    IObj,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    ISeq,
)
from ..runtime.lists import list_from
from ..runtime.maps import EMPTY_MAP, map_from_pairs
from ..runtime.namespaces import CORE_NS, Namespace, find_ns
from ..runtime.sets import set_from
from ..runtime.symbols import Symbol, keyword, next_id
from ..runtime.vars import Var
from ..runtime.vectors import vec
from . import intrinsics
from . import nodes as n
from .errors import CompilerError
from .host import host_ns_object
from .reader import POSITION_KEYS, SourceMeta
from .reader import SPECIAL_FORMS as READER_SPECIAL_FORMS

KW_LINE = keyword(None, "line")
KW_COLUMN = keyword(None, "column")
KW_FILE = keyword(None, "file")
KW_DYNAMIC = keyword(None, "dynamic")
KW_MACRO = keyword(None, "macro")
KW_DOC = keyword(None, "doc")
KW_NS = keyword(None, "ns")
KW_NAME = keyword(None, "name")
KW_PRIVATE = keyword(None, "private")
KW_TAG = keyword(None, "tag")
SPECIAL_FORMS = frozenset(s.name for s in READER_SPECIAL_FORMS if s.ns is None)

_AMP = Symbol(None, "&")
_QUOTE = Symbol(None, "quote")


def position(form: Any) -> tuple[int | None, int | None, str | None]:
    """The (line, column, file) the reader attached to `form`, if any."""
    if isinstance(form, IObj) or isinstance(form, Symbol):
        m = form.meta()
        if m is not None:
            return (m.val_at(KW_LINE), m.val_at(KW_COLUMN), m.val_at(KW_FILE))
    return (None, None, None)


def as_clojure_read(form: Any) -> Any:
    """A quoted form with the metadata Clojure's reader would have given it: pyjank's reader
    positions every form (tools need it), Clojure's only lists, with `:line`/`:column`."""
    if isinstance(form, Symbol):
        meta = form.meta()
        return form if meta is None else form.with_meta(strip_positions(meta))
    if isinstance(form, IPersistentVector):
        value: Any = vec(as_clojure_read(x) for x in form)
    elif isinstance(form, IPersistentMap):
        value = map_from_pairs((as_clojure_read(e.key()), as_clojure_read(e.val())) for e in form)
    elif isinstance(form, IPersistentSet):
        value = set_from(as_clojure_read(x) for x in form)
    elif isinstance(form, ISeq):
        value = list_from([as_clojure_read(x) for x in form])
        meta = strip_positions(form.meta())
        line, column, _ = position(form)
        if line is not None:
            meta = (meta or EMPTY_MAP).assoc(KW_LINE, line).assoc(KW_COLUMN, column)
        return value.with_meta(meta) if meta is not None else value
    else:
        return form
    meta = strip_positions(form.meta())
    return value.with_meta(meta) if meta is not None else value


def strip_positions(meta: Any) -> Any:
    """The user's part of a form's metadata: reader positions removed; None when empty."""
    if meta is None:
        return None
    for k in POSITION_KEYS:
        if meta.contains_key(k):
            meta = meta.dissoc(k)
    return meta if meta.count() else None


class Env:
    """The lexical context of the form being analysed. Immutable: `with_` makes a child."""

    __slots__ = (
        "ns",
        "locals",
        "loop_target",
        "tail",
        "in_try",
        "fn_name",
        "names_fn",
        "line",
        "column",
        "file",
    )

    def __init__(self, ns: Namespace, file: str | None = None) -> None:
        self.ns = ns
        self.locals: dict[Symbol, n.LocalBinding] = {}
        self.loop_target: list[n.LocalBinding] | None = None
        self.tail = False
        self.in_try = False
        self.fn_name: str | None = None
        self.names_fn = False
        self.line: int | None = None
        self.column: int | None = None
        self.file = file

    def with_(self, **changes: Any) -> Env:
        e = Env.__new__(Env)
        for s in Env.__slots__:
            setattr(e, s, changes[s] if s in changes else getattr(self, s))
        return e

    def at(self, form: Any) -> Env:
        """This env positioned at `form` when the reader gave it a position."""
        line, col, file = position(form)
        if line is None:
            return self
        return self.with_(line=line, column=col, file=file or self.file)

    def bind(self, bindings: list[n.LocalBinding]) -> Env:
        locals_ = dict(self.locals)
        for b in bindings:
            locals_[b.sym] = b
        return self.with_(locals=locals_)

    def as_map(self) -> Any:
        """`&env`: local symbol → binding, as Clojure passes to macros."""
        if not self.locals:
            return EMPTY_MAP
        return map_from_pairs(self.locals.items())


class Analysis:
    """What the analysis of one top-level form depended on, and the `def`s in it.
    `positional`: a macro read the reader position of a form it was given, so the expansion
    may embed it."""

    __slots__ = ("resolved", "macros", "defs", "positional")

    def __init__(self) -> None:
        self.resolved: dict[tuple[str, str], Any] = {}
        self.macros: dict[Var, Any] = {}
        self.defs: list[n.Def] = []
        self.positional = False

    def merge(self, other: Analysis) -> None:
        self.resolved.update(other.resolved)
        self.macros.update(other.macros)
        self.defs += other.defs
        self.positional = self.positional or other.positional


class Analyzer:
    """Turns one top-level form into a node tree. One instance per top-level form."""

    def __init__(self, ns: Namespace | None = None, file: str | None = None) -> None:
        self.ns = ns if ns is not None else current_ns()
        self.file = file
        self.record = Analysis()
        self.top_name = f"{self.ns.name}/eval"
        self.top_line: int | None = None
        self._specials: dict[str, Callable[[Any, Env], n.Node]] = {
            "def": self._def,
            "if": self._if,
            "do": self._do,
            "let*": self._let,
            "loop*": self._loop,
            "recur": self._recur,
            "fn*": self._fn,
            "quote": self._quote,
            "var": self._var,
            "throw": self._throw,
            "try": self._try,
            "letfn*": self._letfn,
            "case*": self._case,
            "set!": self._set,
            ".": self._dot,
            "new": self._new,
            "monitor-enter": self._monitor,
            "monitor-exit": self._monitor,
        }
        self._local_ids = itertools.count(1)

    # -- entry points ----------------------------------------------------------------------
    def root_env(self) -> Env:
        return Env(self.ns, self.file)

    def analyze_top(self, form: Any, origin: Any = None) -> n.Node:
        """Analyze a top-level form; `origin`, the form it was expanded from, positions
        it when it has no position of its own."""
        env = self.root_env().at(origin).at(form)
        self.top_name = f"{self.ns.name}/eval{next_id()}"
        self.top_line = env.line
        return self.analyze(form, env.with_(fn_name=self.top_name))

    def analyze(self, form: Any, env: Env) -> n.Node:
        if isinstance(form, Symbol):
            node = self._symbol(form, env)
        elif isinstance(form, ISeq):
            node = self._seq(form, env.at(form))
        elif isinstance(form, IPersistentVector):
            node = self._collection(form, env.at(form), "vector", list(form))
        elif isinstance(form, IPersistentMap):
            items: list[Any] = []
            for e in form:
                items.append(e.key())
                items.append(e.val())
            node = self._collection(form, env.at(form), "map", items)
        elif isinstance(form, IPersistentSet):
            node = self._collection(form, env.at(form), "set", list(form))
        else:
            node = n.Const(form, form)
        if node.line is None:
            node.line, node.column = env.line, env.column
            line, col, _ = position(form)
            if line is not None:
                node.line, node.column = line, col
        return node

    # -- errors ----------------------------------------------------------------------------
    def error(self, env: Env, message: str, form: Any = None, **kw: Any) -> CompilerError:
        line, col, file = position(form) if form is not None else (None, None, None)
        if line is None:
            line, col, file = env.line, env.column, env.file
        return CompilerError(message, file or env.file or self.file, line, col, **kw)

    # -- symbols ---------------------------------------------------------------------------
    def _symbol(self, sym: Symbol, env: Env) -> n.Node:
        local = env.locals.get(sym) if sym.ns is None else None
        if local is not None:
            return n.LocalRef(sym, local)
        target = self.resolve(sym, env)
        if isinstance(target, Var):
            if target.macro:
                raise self.error(env, f"Can't take value of a macro: {target!r}", sym)
            return n.VarRef(sym, target)
        if isinstance(target, HostAttr):
            if target.owner is builtins:
                return n.Const(sym, getattr(builtins, target.attr))
            return n.HostField(sym, n.Const(sym, target.owner), target.attr)
        return n.Const(sym, target)

    def resolve(self, sym: Symbol, env: Env, *, record: bool = True) -> Any:
        """What a non-local symbol names: a Var, a host object, or a HostAttr. Raises
        "Unable to resolve symbol" otherwise."""
        found = self.try_resolve(sym, env.ns)
        if found is _UNRESOLVED:
            raise self.error(env, f"Unable to resolve symbol: {sym} in this context", sym)
        if record:
            self.record.resolved[(str(env.ns.name), str(sym))] = found
        return found

    def try_resolve(self, sym: Symbol, ns: Namespace) -> Any:
        if sym.ns is None:
            target = ns.mappings.get(sym.name, _UNRESOLVED)
            if target is _UNRESOLVED:
                target = host_ns_object(ns, sym.name, _UNRESOLVED)
            return target
        target_ns = ns.aliases.get(sym.ns) or find_ns(sym.ns)
        if target_ns is not None:
            var = target_ns.mappings.get(sym.name)
            if isinstance(var, Var):
                if var.ns is not target_ns and target_ns is not ns:
                    return _UNRESOLVED
                return var
            if target_ns is ns and var is not None:
                return var
            return _UNRESOLVED
        owner = host_ns_object(ns, sym.ns, _UNRESOLVED)
        if owner is _UNRESOLVED:
            return _UNRESOLVED
        if not hasattr(owner, _munge_member(sym.name)):
            return _UNRESOLVED
        return HostAttr(owner, _munge_member(sym.name))

    def resolve_var(self, sym: Symbol, env: Env) -> Var | None:
        if sym.ns is None and sym in env.locals:
            return None
        found = self.try_resolve(sym, env.ns)
        if isinstance(found, Var):
            self.record.resolved[(str(env.ns.name), str(sym))] = found
            return found
        return None

    # -- seqs: special forms, macros, calls --------------------------------------------------
    def _seq(self, form: Any, env: Env) -> n.Node:
        if rt.seq(form) is None:
            return n.Const(form, form)
        op = form.first()
        if isinstance(op, Symbol) and op.ns is None and op.name in self._specials:
            if op not in env.locals:
                return self._specials[op.name](form, env)
        expanded = self.macroexpand_1(form, env)
        if expanded is not form:
            return self.analyze(expanded, env.at(expanded))
        if isinstance(op, Symbol) and op.ns is not None and op not in env.locals:
            owner_attr = self.try_resolve(op, env.ns)
            if isinstance(owner_attr, HostAttr) and owner_attr.owner is not builtins:
                args = self._args(form.rest(), env)
                return n.HostCall(form, n.Const(op, owner_attr.owner), owner_attr.attr, args)
        fn = self.analyze(op, env.with_(tail=False))
        args = self._args(form.rest(), env)
        if isinstance(fn, n.VarRef) and fn.var.ns is CORE_NS:
            op_name = intrinsics.lookup(fn.var.sym.name, len(args))
            if op_name is not None:
                return n.Intrinsic(form, fn.var, op_name, args)
        return n.Invoke(form, fn, args)

    def _args(self, forms: Any, env: Env) -> list[n.Node]:
        env = env.with_(tail=False, names_fn=False)
        return [self.analyze(f, env) for f in forms]

    def macroexpand_1(self, form: Any, env: Env | None = None) -> Any:
        """Expand `form` once if it is a macro call or interop sugar; else return it."""
        if not isinstance(form, ISeq) or rt.seq(form) is None:
            return form
        env = env or self.root_env()
        op = form.first()
        if not isinstance(op, Symbol) or (op.ns is None and op in env.locals):
            return form
        if op.ns is None and op.name in SPECIAL_FORMS:
            return form
        var = self.resolve_var(op, env)
        if var is not None and var.macro:
            self.record.macros[var] = var.root
            reads = SourceMeta.reads
            try:
                return var.root(form, env.as_map(), *form.rest())
            except CompilerError:
                raise
            except Exception as e:
                err = self.error(
                    env, _describe(e), form, phase="macroexpansion", symbol=str(var.to_symbol())
                )
                raise err from e
            finally:
                if SourceMeta.reads != reads:
                    self.record.positional = True
        name = op.name
        if op.ns is None and len(name) > 1 and name[0] == "." and name[1] != ".":
            rest = form.rest()
            if rt.seq(rest) is None:
                raise self.error(
                    env, f"Malformed member expression, expecting ({name} target ...)", form
                )
            member = Symbol(None, name[1:], op.meta())
            return _relist(form, [Symbol(None, "."), rest.first(), member, *rest.rest()])
        if op.ns is None and len(name) > 1 and name.endswith(".") and name != "..":
            cls = Symbol(None, name[:-1], op.meta())
            return _relist(form, [Symbol(None, "new"), cls, *form.rest()])
        return form

    def macroexpand(self, form: Any, env: Env | None = None) -> Any:
        while True:
            expanded = self.macroexpand_1(form, env)
            if expanded is form:
                return form
            form = expanded

    # -- collections -----------------------------------------------------------------------
    def _collection(self, form: Any, env: Env, kind: str, items: list[Any]) -> n.Node:
        sub = env.with_(tail=False)
        nodes = [self.analyze(x, sub) for x in items]
        user_meta = strip_positions(form.meta())
        if all(isinstance(x, n.Const) for x in nodes):
            values = [x.value for x in nodes]
            if kind == "vector":
                value = vec(values)
            elif kind == "map":
                value = map_from_pairs(zip(values[::2], values[1::2], strict=True))
            else:
                value = set_from(values)
            return n.Const(form, value.with_meta(user_meta) if user_meta is not None else value)
        node: n.Node = n.CollectionLit(form, kind, nodes)
        if user_meta is not None:
            node = n.WithMeta(form, node, self.analyze(user_meta, sub))
        return node

    # -- special forms ---------------------------------------------------------------------
    def _quote(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if len(args) != 1:
            raise self.error(env, f"Wrong number of args ({len(args)}) passed to quote", form)
        return n.Const(form, as_clojure_read(args[0]))

    def _var(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if len(args) != 1 or not isinstance(args[0], Symbol):
            raise self.error(env, "var takes exactly one symbol", form)
        var = self.resolve_var(args[0], env.with_(locals={}))
        if var is None:
            raise self.error(env, f"Unable to resolve var: {args[0]} in this context", args[0])
        return n.TheVar(form, var)

    def _if(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if len(args) < 2:
            raise self.error(env, "Too few arguments to if", form)
        if len(args) > 3:
            raise self.error(env, "Too many arguments to if", form)
        test = self.analyze(args[0], env.with_(tail=False))
        then = self.analyze(args[1], env)
        else_ = self.analyze(args[2] if len(args) == 3 else None, env)
        return n.If(form, test, then, else_)

    def _do(self, form: Any, env: Env) -> n.Node:
        return self._body(form, list(form.rest()), env)

    def _body(self, form: Any, forms: list[Any], env: Env) -> n.Node:
        if not forms:
            return n.Const(form, None)
        if len(forms) == 1:
            return self.analyze(forms[0], env)
        stmt_env = env.with_(tail=False)
        stmts = [self.analyze(f, stmt_env) for f in forms[:-1]]
        return n.Do(form, stmts, self.analyze(forms[-1], env))

    def _new_local(self, sym: Symbol, kind: str) -> n.LocalBinding:
        return n.LocalBinding(sym, kind, f"{_munge_local(sym.name)}_{next(self._local_ids)}")

    def _binding_vector(self, form: Any, env: Env, what: str) -> list[Any]:
        rest = form.rest()
        bvec = rest.first() if rt.seq(rest) is not None else None
        if not isinstance(bvec, IPersistentVector):
            raise self.error(env, f"Bad binding form, expected vector in {what}", form)
        items = list(bvec)
        if len(items) % 2:
            raise self.error(
                env, f"{what} requires an even number of forms in binding vector", bvec
            )
        return items

    def _let_like(self, form: Any, env: Env, is_loop: bool) -> n.Node:
        what = "loop*" if is_loop else "let*"
        items = self._binding_vector(form, env, what)
        bindings: list[n.LocalBinding] = []
        inner = env.with_(tail=False)
        for i in range(0, len(items), 2):
            sym = items[i]
            if not isinstance(sym, Symbol) or sym.ns is not None:
                raise self.error(
                    env, f"Bad binding form, expected symbol, got: {_show(sym)}", items[i]
                )
            b = self._new_local(sym, "loop" if is_loop else "let")
            b.init = self.analyze(items[i + 1], inner)
            bindings.append(b)
            inner = inner.bind([b])
        body_forms = list(form.rest().rest())
        body_env = inner.with_(tail=True if is_loop else env.tail)
        if is_loop:
            body_env = body_env.with_(loop_target=bindings, in_try=False)
        node = n.Let(form, bindings, self._body(form, body_forms, body_env), is_loop)
        if is_loop:
            node.has_recur = _has_recur(node.body, bindings)
        return node

    def _let(self, form: Any, env: Env) -> n.Node:
        return self._let_like(form, env, False)

    def _loop(self, form: Any, env: Env) -> n.Node:
        return self._let_like(form, env, True)

    def _recur(self, form: Any, env: Env) -> n.Node:
        if env.in_try:
            raise self.error(env, "Cannot recur across try", form)
        if env.loop_target is None or not env.tail:
            raise self.error(env, "Can only recur from tail position", form)
        args = self._args(form.rest(), env)
        if len(args) != len(env.loop_target):
            raise self.error(
                env,
                "Mismatched argument count to recur, expected: "
                f"{len(env.loop_target)} args, got: {len(args)}",
                form,
            )
        return n.Recur(form, env.loop_target, args)

    def _fn(self, form: Any, env: Env) -> n.Node:
        rest = form.rest()
        local: n.LocalBinding | None = None
        first = rest.first()
        if isinstance(first, Symbol):
            local = self._new_local(first, "fn")
            rest = rest.rest()
            first = rest.first()
        if env.names_fn and env.fn_name:
            name = env.fn_name
        elif env.fn_name and local is not None:
            name = f"{env.ns.name}/{local.sym.name}"
        elif env.fn_name:
            name = f"{env.fn_name}/fn--{next_id()}"
        else:
            name = f"{env.ns.name}/fn--{next_id()}"
        if isinstance(first, IPersistentVector):
            method_forms = [list_from([first, *rest.rest()])]
        else:
            method_forms = list(rest)
        fn_env = env.with_(fn_name=name, names_fn=False, in_try=False, tail=True)
        if local is not None:
            fn_env = fn_env.bind([local])
        methods = [self._fn_method(m, fn_env, form) for m in method_forms]
        if not methods:
            raise self.error(env, "Parameter declaration missing", form)
        self._check_arities(methods, env, form)
        user_meta = strip_positions(form.meta())
        meta = self.analyze(user_meta, env.with_(tail=False)) if user_meta is not None else None
        node = n.Fn(form, local, name, methods, meta)
        if local is not None:
            local.init = node
        return node

    def _fn_method(self, mform: Any, env: Env, fn_form: Any) -> n.FnMethod:
        if not isinstance(mform, ISeq) or not isinstance(mform.first(), IPersistentVector):
            raise self.error(
                env, f"Parameter declaration {_show(mform)} should be a vector", fn_form
            )
        params: list[n.LocalBinding] = []
        rest_param: n.LocalBinding | None = None
        plist = list(mform.first())
        i = 0
        while i < len(plist):
            p = plist[i]
            if p == _AMP:
                if i + 2 != len(plist):
                    raise self.error(env, "Invalid parameter list", mform.first())
                p = plist[i + 1]
                if not isinstance(p, Symbol) or p.ns is not None:
                    raise self.error(env, f"fn params must be Symbols, got: {_show(p)}", p)
                rest_param = self._new_local(p, "arg")
                break
            if not isinstance(p, Symbol) or p.ns is not None:
                raise self.error(env, f"fn params must be Symbols, got: {_show(p)}", mform)
            params.append(self._new_local(p, "arg"))
            i += 1
        all_params = params + ([rest_param] if rest_param else [])
        body_env = env.bind(all_params).with_(loop_target=all_params, tail=True)
        body = self._body(mform, list(mform.rest()), body_env)
        method = n.FnMethod(mform, params, rest_param, body)
        method.has_recur = _has_recur(body, all_params)
        return method

    def _check_arities(self, methods: list[n.FnMethod], env: Env, form: Any) -> None:
        variadic = [m for m in methods if m.rest is not None]
        if len(variadic) > 1:
            raise self.error(env, "Can't have more than 1 variadic overload", form)
        seen: set[int] = set()
        for m in methods:
            if m.rest is None:
                if m.required_arity in seen:
                    raise self.error(env, "Can't have 2 overloads with same arity", form)
                seen.add(m.required_arity)
        if variadic and any(m.required_arity > variadic[0].required_arity for m in methods):
            raise self.error(
                env,
                "Can't have fixed arity function with more params than variadic function",
                form,
            )

    def _letfn(self, form: Any, env: Env) -> n.Node:
        items = self._binding_vector(form, env, "letfn*")
        bindings = []
        for i in range(0, len(items), 2):
            if not isinstance(items[i], Symbol):
                raise self.error(env, f"Bad binding form, expected symbol, got: {items[i]}", form)
            bindings.append(self._new_local(items[i], "letfn"))
        inner = env.bind(bindings).with_(tail=False)
        for b, i in zip(bindings, range(1, len(items), 2), strict=True):
            b.init = self.analyze(items[i], inner)
        body = self._body(form, list(form.rest().rest()), env.bind(bindings))
        return n.LetFn(form, bindings, body)

    def _def(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if not args or not isinstance(args[0], Symbol):
            raise self.error(env, "First argument to def must be a Symbol", form)
        if len(args) > 3:
            raise self.error(env, "Too many arguments to def", form)
        sym: Symbol = args[0]
        if sym.ns is not None and sym.ns != str(env.ns.name):
            raise self.error(env, "Can't create defs outside of current ns", form)
        var = env.ns.intern(sym.name)
        doc = args[1] if len(args) == 3 and isinstance(args[1], str) else None
        if len(args) == 3 and doc is None:
            raise self.error(env, "Too many arguments to def", form)
        meta = sym.meta() or EMPTY_MAP
        meta = strip_positions(meta) or EMPTY_MAP
        line, col, file = position(form)
        if line is None:  # a def a macro produced: the position of the form it came from
            line, col = env.line, env.column
        if line is not None:
            meta = meta.assoc(KW_LINE, line).assoc(KW_COLUMN, col)
        meta = meta.assoc(KW_FILE, file or env.file or "NO_SOURCE_PATH")
        if doc is not None:
            meta = meta.assoc(KW_DOC, doc)
        if meta.val_at(KW_DYNAMIC):
            var.set_dynamic(True)
        # The metadata map is evaluated, so the name goes in quoted.
        name = list_from([_QUOTE, Symbol(None, sym.name)])
        meta = meta.assoc(KW_NS, env.ns).assoc(KW_NAME, name)
        init_form = args[-1] if len(args) > 1 else _NO_INIT
        init = None
        if init_form is not _NO_INIT:
            def_env = env.with_(tail=False, fn_name=f"{env.ns.name}/{sym.name}", names_fn=True)
            init = self.analyze(init_form, def_env)
        meta_node = self.analyze(meta, env.with_(tail=False))
        node = n.Def(form, var, init, meta_node)
        self.record.defs.append(node)
        return node

    def _throw(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if len(args) != 1:
            raise self.error(
                env, "Too many arguments to throw, throw expects a single Throwable instance", form
            )
        return n.Throw(form, self.analyze(args[0], env.with_(tail=False)))

    def _try(self, form: Any, env: Env) -> n.Node:
        body_forms: list[Any] = []
        catches: list[n.Catch] = []
        finally_: n.Node | None = None
        try_env = env.with_(in_try=True, tail=False)
        for f in form.rest():
            head = f.first() if isinstance(f, ISeq) and rt.seq(f) is not None else None
            if head == Symbol(None, "catch"):
                if finally_ is not None:
                    raise self.error(env, "finally clause must be last in try expression", f)
                catches.append(self._catch(f, try_env))
            elif head == Symbol(None, "finally"):
                if finally_ is not None:
                    raise self.error(env, "Only one finally clause allowed in try expression", f)
                finally_ = self._body(f, list(f.rest()), try_env)
            else:
                if catches or finally_ is not None:
                    raise self.error(
                        env, "Only catch or finally clause can follow catch in try expression", f
                    )
                body_forms.append(f)
        body = self._body(form, body_forms, try_env)
        if not catches and finally_ is None:
            return body
        return n.Try(form, body, catches, finally_)

    def _catch(self, f: Any, env: Env) -> n.Catch:
        parts = list(f.rest())
        if len(parts) < 2 or not isinstance(parts[1], Symbol):
            raise self.error(env, "Invalid catch clause: expected (catch Class name body*)", f)
        cls_form = parts[0]
        if cls_form == keyword(None, "default"):
            cls_node: n.Node = n.Const(cls_form, BaseException)
        else:
            cls_node = self.analyze(cls_form, env)
            if isinstance(cls_node, n.Const) and not (
                isinstance(cls_node.value, type) and issubclass(cls_node.value, BaseException)
            ):
                raise self.error(env, f"Unable to resolve classname: {cls_form}", cls_form)
        local = self._new_local(parts[1], "catch")
        body = self._body(f, parts[2:], env.bind([local]))
        return n.Catch(f, cls_node, local, body)

    def _case(self, form: Any, env: Env) -> n.Node:
        """`(case* expr default [tests...] then ...)`: tests are literal constants."""
        parts = list(form.rest())
        if len(parts) < 2 or len(parts) % 2:
            raise self.error(env, "Malformed case*", form)
        expr = self.analyze(parts[0], env.with_(tail=False))
        default = self.analyze(parts[1], env)
        tests: list[tuple[Any, int]] = []
        branches: list[n.Node] = []
        seen: list[Any] = []
        for i in range(2, len(parts), 2):
            test_vec = parts[i]
            if not isinstance(test_vec, IPersistentVector):
                raise self.error(env, "Malformed case*: tests must be vectors", form)
            for t in test_vec:
                if any(equiv(t, s) for s in seen):
                    raise self.error(env, f"Duplicate case test constant: {_show(t)}", form)
                seen.append(t)
                tests.append((t, len(branches)))
            branches.append(self.analyze(parts[i + 1], env))
        return n.Case(form, expr, tests, branches, default)

    def _set(self, form: Any, env: Env) -> n.Node:
        args = list(form.rest())
        if len(args) != 2:
            raise self.error(env, "Malformed assignment, expecting (set! target val)", form)
        target, val_form = args
        val = self.analyze(val_form, env.with_(tail=False))
        if isinstance(target, Symbol):
            if target.ns is None and target in env.locals:
                raise self.error(env, f"Cannot assign to non-mutable: {target}", target)
            var = self.resolve_var(target, env)
            if var is None:
                raise self.error(env, f"Unable to resolve symbol: {target} in this context", target)
            return n.SetVar(form, var, val)
        expanded = self.macroexpand(target, env)
        if isinstance(expanded, ISeq) and expanded.first() == Symbol(None, "."):
            parts = list(expanded.rest())
            member = parts[1] if len(parts) == 2 else None
            if isinstance(member, Symbol) and member.name.startswith("-"):
                obj = self.analyze(parts[0], env.with_(tail=False))
                return n.SetField(form, obj, _munge_member(member.name[1:]), val)
        raise self.error(env, f"Invalid assignment target: {_show(target)}", form)

    def _dot(self, form: Any, env: Env) -> n.Node:
        parts = list(form.rest())
        if len(parts) < 2:
            raise self.error(
                env, "Malformed member expression, expecting (. target member ...)", form
            )
        sub = env.with_(tail=False)
        target = self.analyze(parts[0], sub)
        member = parts[1]
        if isinstance(member, ISeq):
            args_forms = list(member.rest())
            member = member.first()
        else:
            args_forms = parts[2:]
        if not isinstance(member, Symbol):
            raise self.error(env, f"Malformed member expression: {_show(member)}", form)
        if member.name.startswith("-"):
            if args_forms:
                raise self.error(env, "Field access takes no arguments", form)
            return n.HostField(form, target, _munge_member(member.name[1:]))
        args = [self.analyze(a, sub) for a in args_forms]
        return n.HostCall(form, target, _munge_member(member.name), args)

    def _new(self, form: Any, env: Env) -> n.Node:
        parts = list(form.rest())
        if not parts:
            raise self.error(env, "Wrong number of args to new", form)
        sub = env.with_(tail=False)
        cls = self.analyze(parts[0], sub)
        if isinstance(cls, n.Const) and not callable(cls.value):
            raise self.error(env, f"Unable to resolve classname: {parts[0]}", parts[0])
        return n.HostNew(form, cls, [self.analyze(a, sub) for a in parts[1:]])

    def _monitor(self, form: Any, env: Env) -> n.Node:
        raise self.error(env, f"{form.first()} is not supported; use locking", form)


class HostAttr:
    """A `Owner/attr` symbol naming an attribute of an imported module or class."""

    __slots__ = ("owner", "attr")

    def __init__(self, owner: Any, attr: str) -> None:
        self.owner, self.attr = owner, attr

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HostAttr) and other.owner is self.owner and other.attr == self.attr

    def __hash__(self) -> int:
        return hash((id(self.owner), self.attr))


_UNRESOLVED = object()
_NO_INIT = object()


def _munge_member(name: str) -> str:
    """Python attribute names cannot contain `-`; `(.foo-bar x)` calls `foo_bar`."""
    return name.replace("-", "_")


_LOCAL_MUNGE = str.maketrans({c: "_" for c in "-?!*+<>=/.'&%$#@^~:|"})


def _munge_local(name: str) -> str:
    s = name.translate(_LOCAL_MUNGE)
    return s if s.isidentifier() else "l"


def _relist(form: Any, items: list[Any]) -> Any:
    out = list_from(items)
    m = form.meta()
    return out.with_meta(m) if m is not None else out


def _has_recur(body: n.Node, target: list[n.LocalBinding]) -> bool:
    for node in n.walk(body):
        if isinstance(node, n.Recur) and node.target is target:
            return True
    return False


def _show(x: Any) -> str:
    from ..runtime.printer import pr_str

    try:
        return pr_str(x)
    except Exception:
        return repr(x)


def _describe(e: BaseException) -> str:
    msg = str(e)
    return msg if msg else type(e).__name__


__all__ = [
    "Analyzer",
    "Env",
    "Analysis",
    "HostAttr",
    "SPECIAL_FORMS",
    "strip_positions",
    "position",
]
