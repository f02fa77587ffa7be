"""What the tooling ops know about code: what a symbol names in a namespace, what editors
show about it (`info`, `eldoc`), completion candidates and namespace listings.

Language side, like `language.py`: it imports the runtime, so ops import it only once the
language has booted (inside their worker thread), keeping daemon start fast. Everything here
reads namespaces without locks: their mappings are dicts, copied before iterating, so a
concurrent eval defining vars at worst makes an answer miss the newest ones.
"""

from __future__ import annotations

import inspect
import itertools
import re
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compiler import loader
from ..compiler.diagnostics import is_generated
from ..compiler.host import host_ns_object
from ..compiler.reader import SPECIAL_FORMS as _SPECIAL_SYMBOLS
from ..runtime import core_vars as cv
from ..runtime.corelib.predicates import is_fn
from ..runtime.corelib.registry import signature_arglists
from ..runtime.interfaces import IPersistentMap, IPersistentSet, IPersistentVector, ISeq
from ..runtime.namespaces import Namespace, all_ns, find_ns, is_private
from ..runtime.printer import pr_str
from ..runtime.symbols import Keyword, Symbol, interned_keywords, keyword, symbol
from ..runtime.vars import Var

if TYPE_CHECKING:
    from .handler import Request

Arglists = list[list[str]]
"""Each arity's parameters, printed: [["f"], ["f", "coll", "&", "colls"]]."""

_NO_FILE = ("NO_SOURCE_PATH", "NO_SOURCE_FILE", "REPL")
_BINDING_FORMS = frozenset(
    """let let* loop loop* binding for doseq dotimes when-let if-let when-some if-some
    when-first with-open with-redefs with-local-vars letfn""".split()
)
_FN_FORMS = frozenset("fn fn* defn defn- defmacro".split())


# -- special forms ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SpecialForm:
    """A special form as `info` and `eldoc` describe it (Clojure's clojure.repl does the
    same from a table: special forms have no vars)."""

    name: str
    arglists: Arglists
    doc: str


_SPECIALS = {
    s.name: s
    for s in (
        SpecialForm(
            "def",
            [["symbol"], ["symbol", "init"], ["symbol", "doc-string", "init"]],
            "Creates (or finds) the global var named symbol in the current namespace and, "
            "given init, binds its root to the value of init. Yields the var.",
        ),
        SpecialForm(
            "if",
            [["test", "then"], ["test", "then", "else"]],
            "Evaluates test; if it is neither nil nor false yields the value of then, "
            "otherwise the value of else (nil when absent).",
        ),
        SpecialForm(
            "do",
            [["exprs*"]],
            "Evaluates the expressions in order and yields the last value (nil if none).",
        ),
        SpecialForm(
            "let*",
            [["[bindings*]", "exprs*"]],
            "Binds each symbol to the value of its init in a lexical scope, then evaluates "
            "the exprs (the special form under let).",
        ),
        SpecialForm(
            "loop*",
            [["[bindings*]", "exprs*"]],
            "Like let*, and the body is a recursion point for recur (under loop).",
        ),
        SpecialForm(
            "recur",
            [["exprs*"]],
            "Rebinds the bindings of the closest enclosing loop or fn to the values of the "
            "exprs and jumps back to it. Only allowed in tail position.",
        ),
        SpecialForm(
            "fn*",
            [["name?", "[params*]", "exprs*"], ["name?", "([params*] exprs*)+"]],
            "Creates a function (the special form under fn).",
        ),
        SpecialForm("quote", [["form"]], "Yields form unevaluated."),
        SpecialForm("var", [["symbol"]], "Yields the var (not its value) symbol names."),
        SpecialForm("throw", [["expr"]], "Raises the exception expr evaluates to."),
        SpecialForm(
            "try",
            [["expr*", "catch-clause*", "finally-clause?"]],
            "Evaluates the exprs. An exception matching the class of a "
            "(catch class name expr*) clause is bound to name and handled by that clause; "
            "the exprs of (finally expr*) always run, for their side effects.",
        ),
        SpecialForm("catch", [["class", "name", "exprs*"]], "A clause of try: see try."),
        SpecialForm("finally", [["exprs*"]], "A clause of try: see try."),
        SpecialForm(
            "letfn*",
            [["[name fn*]", "exprs*"]],
            "Binds names to mutually recursive functions (the special form under letfn).",
        ),
        SpecialForm(
            "set!",
            [["var-symbol", "expr"], ["(. instance-expr field)", "expr"]],
            "Sets the current thread binding of a dynamic var, or an attribute of a Python "
            "object, to the value of expr.",
        ),
        SpecialForm(
            ".",
            [["instance-expr", "(method args*)"], ["instance-expr", "-attribute"]],
            "Python interop: calls a method of, or reads an attribute of, an object. Usually "
            "written (.method obj args*) or (.-attribute obj).",
        ),
        SpecialForm(
            "new",
            [["Class", "args*"]],
            "Calls a Python class with args, making an instance. Usually written (Class. args*).",
        ),
        SpecialForm("case*", [["expr", "..."]], "The special form under case; use case."),
        SpecialForm("monitor-enter", [["x"]], "Not supported by pyjank: use locking instead."),
        SpecialForm("monitor-exit", [["x"]], "Not supported by pyjank: use locking instead."),
    )
}
SPECIAL_FORM_NAMES = frozenset(
    s.name for s in _SPECIAL_SYMBOLS if s.ns is None and s.name in _SPECIALS
)


# -- resolving -------------------------------------------------------------------------------
@dataclass(frozen=True)
class HostMember:
    """A Python object reached by name (`python/len`, `os.path/join`, an imported class)."""

    obj: Any
    name: str
    owner: Any = None


Target = Var | SpecialForm | Namespace | HostMember


def request_ns(req: Request) -> Namespace:
    """The namespace a tooling request is about: its `ns` when that exists, else the
    session's `*ns*`, else `user` (a buffer whose ns form was never evaluated still gets
    clojure.core's completions and docs)."""
    name = req.get("ns")
    ns = find_ns(name) if isinstance(name, str) and name else None
    if ns is None and req.session is not None and req.session.bindings is not None:
        ns = req.session.bindings.get(cv.NS)
    return ns if isinstance(ns, Namespace) else cv.current_ns()


def resolve(ns: Namespace, text: str) -> Target | None:
    """What the symbol `text` names in `ns`, as an editor means it: special forms, vars
    (private ones too), namespaces and aliases, Python modules, classes and their members."""
    text = text.strip()
    for prefix in ("#'", "'", "@"):
        text = text.removeprefix(prefix)
    if not text:
        return None
    sym = symbol(text)
    if sym.ns is None:
        if sym.name in SPECIAL_FORM_NAMES:
            return _SPECIALS[sym.name]
        found = ns.mappings.get(sym.name)
        if isinstance(found, Var):
            return found
        target = ns.aliases.get(sym.name) or find_ns(sym.name)
        if target is not None:
            return target
        host = host_ns_object(ns, sym.name.removesuffix("."), None)
        return HostMember(host, sym.name.removesuffix(".")) if host is not None else None
    target = ns.aliases.get(sym.ns) or find_ns(sym.ns)
    if target is not None:
        var = target.mappings.get(sym.name)
        return var if isinstance(var, Var) else None
    owner = host_ns_object(ns, sym.ns, None)
    attr = sym.name.removeprefix("-").replace("-", "_")
    if owner is None or not hasattr(owner, attr):
        return None
    return HostMember(getattr(owner, attr), attr, owner)


# -- info ------------------------------------------------------------------------------------
def info(target: Target) -> dict[str, Any]:
    """The `info` op's fields (cider-nrepl's keys; flags as "true")."""
    if isinstance(target, Var):
        return _var_info(target)
    if isinstance(target, SpecialForm):
        return {
            "name": target.name,
            "ns": "clojure.core",
            "special-form": "true",
            "doc": target.doc,
            "forms-str": "\n".join(
                f"({' '.join([target.name, *arity])})" for arity in target.arglists
            ),
            "arglists-str": arglists_str(target.arglists),
        }
    if isinstance(target, Namespace):
        name = str(target.name)
        return _present(
            {
                "ns": name,
                "name": name,
                "doc": _meta(target, "doc"),
                "file": file_uri(ns_path(target)),
                "line": 1,
            }
        )
    return _host_info(target)


def eldoc(target: Target) -> dict[str, Any] | None:
    """The `eldoc` op's fields, or None when there is no signature to show."""
    if isinstance(target, SpecialForm):
        return {
            "name": target.name,
            "ns": "clojure.core",
            "type": "special-form",
            "eldoc": target.arglists,
            "docstring": target.doc,
        }
    if isinstance(target, Var):
        lists = var_arglists(target)
        kind = "macro" if target.macro else "function" if lists else "variable"
        return _present(
            {
                "name": _var_name(target),
                "ns": _var_ns(target),
                "type": kind,
                "eldoc": lists or [],
                "docstring": _meta(target, "doc"),
            }
        )
    if isinstance(target, HostMember) and callable(target.obj):
        lists = signature_arglists(target.obj)
        if lists is None:
            return None
        return _present(
            {
                "name": target.name,
                "ns": _module_name(target),
                "type": "function",
                "eldoc": lists,
                "docstring": inspect.getdoc(target.obj),
            }
        )
    return None


def _var_info(var: Var) -> dict[str, Any]:
    lists = var_arglists(var)
    file, line, column = _var_location(var)
    fields = {
        "name": _var_name(var),
        "ns": _var_ns(var),
        "doc": _meta(var, "doc"),
        "arglists-str": arglists_str(lists) if lists else None,
        "arglists": f"({' '.join(map(_printed, lists))})" if lists else None,
        "file": file_uri(file),
        "line": line,
        "column": column,
        "macro": "true" if var.macro else None,
        "dynamic": "true" if var.dynamic else None,
        "private": "true" if is_private(var) else None,
        "added": _text(_meta(var, "added")),
        "deprecated": _text(_meta(var, "deprecated")),
    }
    return _present(fields)


def _host_info(member: HostMember) -> dict[str, Any]:
    obj = member.obj
    lists = signature_arglists(obj) if callable(obj) else None
    file, line = _source_location(obj)
    fields: dict[str, Any] = {
        "name": member.name,
        "ns": _module_name(member),
        "doc": inspect.getdoc(obj),
        "arglists-str": arglists_str(lists) if lists else None,
        "file": file_uri(file),
        "line": line,
    }
    if isinstance(obj, type):
        fields["class"] = _qualified(obj)
    elif isinstance(member.owner, type):
        fields.update({"class": _qualified(member.owner), "member": member.name})
    return _present(fields)


def _module_name(member: HostMember) -> str | None:
    if isinstance(member.obj, types.ModuleType):
        return member.obj.__name__
    if member.owner is not None:
        owner = member.owner
        return owner.__name__ if isinstance(owner, types.ModuleType) else _qualified(owner)
    module = getattr(member.obj, "__module__", None)
    return module if isinstance(module, str) else None


def _qualified(cls: Any) -> str:
    module = getattr(cls, "__module__", "builtins")
    name = getattr(cls, "__qualname__", getattr(cls, "__name__", "?"))
    return name if module == "builtins" else f"{module}.{name}"


# -- arglists --------------------------------------------------------------------------------
def var_arglists(var: Var) -> Arglists | None:
    """A var's `:arglists`, else, for a function written in Python, its signature's."""
    lists = _meta(var, "arglists")
    if lists is not None:
        return [[pr_str(param) for param in arity] for arity in lists]
    value = var.root
    if not var.macro and is_fn(value) and not _generated(value):
        return signature_arglists(value)
    return None


def arglists_str(lists: Arglists) -> str:
    """ "[f]\\n[f coll]", the form CIDER and Calva parse for signature help."""
    return "\n".join(map(_printed, lists))


def _printed(arity: list[str]) -> str:
    return f"[{' '.join(arity)}]"


# -- locations -------------------------------------------------------------------------------
def file_uri(path: str | Path | None) -> str | None:
    """A `file:` URI for a source file (Calva parses `file` strictly as a URI); a relative
    path is looked up on the source path. None when there is no such file."""
    if path is None or str(path) in _NO_FILE:
        return None
    p = Path(path)
    if not p.is_absolute():
        dirs = [*loader.source_path.dirs, loader.BUNDLED]
        p = next((d / p for d in dirs if (d / p).is_file()), p)
    try:
        return p.resolve().as_uri() if p.is_file() else None
    except (OSError, ValueError):
        return None


def _var_location(var: Var) -> tuple[str | None, int | None, int | None]:
    """(file, line, column) of a var's definition: its metadata for pyjank code, the source
    of the function for vars implemented in Python (whose metadata names no real file)."""
    file = _meta(var, "file")
    if isinstance(file, str) and file_uri(file) is not None:
        return file, _int(_meta(var, "line")), _int(_meta(var, "column"))
    value = var.root
    if is_fn(value) and not _generated(value):
        return (*_source_location(value), None)
    return None, None, None


def _source_location(obj: Any) -> tuple[str | None, int | None]:
    try:
        file = inspect.getsourcefile(obj)
    except TypeError:
        return None, None
    try:
        line = inspect.getsourcelines(obj)[1] if not isinstance(obj, types.ModuleType) else 1
    except (OSError, TypeError):
        line = None
    return file, line


def _generated(fn: Any) -> bool:
    code = getattr(fn, "__code__", None)
    return code is not None and is_generated(code)


def ns_path(ns: Namespace) -> Path | None:
    """The file a namespace is loaded from: found on the source path as `require` finds it,
    else the file its vars were defined in (a namespace loaded with load-file)."""
    found = loader.source_path.find(str(ns.name))
    if found is not None:
        return found.resolve()
    for var in own_vars(ns).values():
        file = _meta(var, "file")
        if isinstance(file, str) and file_uri(file) is not None:
            return Path(file).resolve()
    return None


# -- completion ------------------------------------------------------------------------------
def completions(
    ns: Namespace, prefix: str, context: str | None = None, extra: frozenset[str] = frozenset()
) -> list[dict]:
    """Candidates for `prefix` in `ns`, sorted by name: `{candidate type ns?}` with `type`
    one of local, function, macro, var, namespace, class, method, field, keyword,
    special-form. `context` is the enclosing top-level form with `__prefix__` where the
    prefix is (its locals are candidates); `extra` asks for more keys of var candidates
    (`arglists`, `doc`)."""
    if prefix.startswith(":"):
        found: Iterable[dict] = _keyword_candidates(ns, prefix)
    elif "/" in prefix[1:]:
        head, _, _ = prefix.partition("/")
        found = _qualified_candidates(ns, head, extra)
    else:
        found = itertools.chain(
            ({"candidate": name, "type": "local"} for name in locals_at_prefix(context or "")),
            _plain_candidates(ns, extra),
        )
    seen: dict[str, dict] = {}
    for c in found:
        if c["candidate"].startswith(prefix):
            seen.setdefault(c["candidate"], c)
    return [seen[name] for name in sorted(seen)]


def locals_at_prefix(context: str) -> list[str]:
    """The locals in scope where `__prefix__` stands in `context`: the bindings of the let,
    loop, fn... forms around it (a form that does not read has none)."""
    if "__prefix__" not in context:
        return []
    try:
        form = next(loader.read_forms(context), None)
    except Exception:
        return []
    found: list[str] = []
    _find_prefix(form, found)
    return found


def _find_prefix(form: Any, found: list[str]) -> bool:
    """Whether `form` holds `__prefix__`; adds the locals of the forms around it."""
    if isinstance(form, Symbol):
        return form.name == "__prefix__"
    items = _elements(form)
    inside = False
    for item in items:
        inside = _find_prefix(item, found) or inside
    if not (inside and isinstance(form, ISeq) and items and isinstance(items[0], Symbol)):
        return inside
    head, args = items[0].name, items[1:]
    if head in _BINDING_FORMS and args and isinstance(args[0], IPersistentVector):
        pairs = list(args[0])
        targets = (
            [_elements(b)[0] for b in pairs if _elements(b)] if head == "letfn" else pairs[0::2]
        )
        found.extend(_symbols(targets))
    elif head in _FN_FORMS:
        params = [a for a in args if isinstance(a, IPersistentVector)]
        params += [_elements(a)[0] for a in args if isinstance(a, ISeq) and _elements(a)]
        named = head in ("fn", "fn*") and args and isinstance(args[0], Symbol)
        found.extend(_symbols([args[0], *params] if named else params))
    return inside


def _elements(form: Any) -> list[Any]:
    if isinstance(form, IPersistentMap):
        return [x for e in form for x in (e.key(), e.val())]
    if isinstance(form, ISeq | IPersistentVector | IPersistentSet):
        return list(form)
    return []


def _symbols(forms: Iterable[Any]) -> list[str]:
    """The names the binding forms bind (destructuring included)."""
    names: list[str] = []
    for form in forms:
        if isinstance(form, Symbol):
            if form.ns is None and form.name not in ("&", "__prefix__"):
                names.append(form.name)
        else:
            names.extend(_symbols(_elements(form)))
    return names


def _plain_candidates(ns: Namespace, extra: frozenset[str]) -> Iterator[dict]:
    for name, value in dict(ns.mappings).items():
        if isinstance(value, Var):
            if value.ns is ns or not is_private(value):
                yield _var_candidate(name, value, extra)
        else:
            yield {"candidate": name, "type": _host_type(value)}
    for name in SPECIAL_FORM_NAMES:
        yield {"candidate": name, "type": "special-form"}
    for name in [*list(ns.aliases), *(str(n.name) for n in all_ns()), "python"]:
        yield {"candidate": name, "type": "namespace"}


def _qualified_candidates(ns: Namespace, head: str, extra: frozenset[str]) -> Iterator[dict]:
    target = ns.aliases.get(head) or find_ns(head)
    if target is not None:
        for name, var in own_vars(target).items():
            if target is ns or not is_private(var):
                yield _var_candidate(f"{head}/{name}", var, extra)
        return
    owner = host_ns_object(ns, head, None)
    if owner is None:
        return
    for attr in dir(owner):
        if attr.startswith("__"):
            continue
        value = getattr(owner, attr, None)
        kind = _host_type(value)
        yield {"candidate": f"{head}/{attr}", "type": kind}


def _var_candidate(candidate: str, var: Var, extra: frozenset[str]) -> dict:
    c: dict[str, Any] = {
        "candidate": candidate,
        "type": "macro" if var.macro else "function" if is_fn(var.root) else "var",
        "ns": _var_ns(var),
    }
    if "arglists" in extra and (lists := var_arglists(var)):
        c["arglists"] = [_printed(arity) for arity in lists]
    if "doc" in extra and (doc := _meta(var, "doc")):
        c["doc"] = doc
    return c


def _host_type(value: Any) -> str:
    if isinstance(value, type):
        return "class"
    if isinstance(value, types.ModuleType):
        return "namespace"
    if callable(value):
        return "method" if inspect.ismethoddescriptor(value) else "function"
    return "field"


def _keyword_candidates(ns: Namespace, prefix: str) -> Iterator[dict]:
    """`:name`, `:ns/name`; `::name` for the current namespace's keywords and
    `::alias/name` for an aliased namespace's."""
    current = str(ns.name)
    aliases = {str(target.name): alias for alias, target in list(ns.aliases.items())}
    for kw in interned_keywords():
        kw_ns, name = kw.sym.ns, kw.sym.name
        if not prefix.startswith("::"):
            yield {"candidate": str(kw), "type": "keyword"}
        elif kw_ns == current:
            yield {"candidate": f"::{name}", "type": "keyword"}
        elif kw_ns in aliases:
            yield {"candidate": f"::{aliases[kw_ns]}/{name}", "type": "keyword"}


# -- namespaces ------------------------------------------------------------------------------
def ns_names(exclude: Iterable[str] = ()) -> list[str]:
    """The loaded namespaces' names, sorted, without those any of the `exclude` regexps
    finds (cider-nrepl's `filter-regexps` and `exclude-regexps` both filter out)."""
    patterns = [re.compile(p) for p in exclude]
    names = (str(ns.name) for ns in all_ns())
    return sorted(n for n in names if not any(p.search(n) for p in patterns))


def ns_var_names(ns: Namespace, private: bool = False) -> list[str]:
    """The names of a namespace's public (or all its) vars, sorted."""
    interns = own_vars(ns)
    return sorted(n for n, v in interns.items() if private or not is_private(v))


def own_vars(ns: Namespace) -> dict[str, Var]:
    """The vars a namespace interned, by name: from a copy of its mappings (copying a dict
    is atomic, iterating one that an eval in another thread grows is not)."""
    return {k: v for k, v in dict(ns.mappings).items() if isinstance(v, Var) and v.ns is ns}


# -- helpers ---------------------------------------------------------------------------------
def strings(value: Any) -> list[str]:
    """The strings of a request value that should be a list of them (one alone counts)."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _meta(ref: Any, key: str) -> Any:
    m = ref.meta()
    return m.val_at(keyword(None, key)) if m is not None else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _var_name(var: Var) -> str:
    return var.sym.name if var.sym is not None else "?"


def _var_ns(var: Var) -> str:
    return str(var.ns.name) if var.ns is not None else "?"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Keyword):
        return value.sym.name
    return value if isinstance(value, str) else pr_str(value)


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields without the absent ones (bencode has no nil)."""
    return {k: v for k, v in fields.items() if v is not None and v != ""}
