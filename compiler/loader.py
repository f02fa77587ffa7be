"""Loading code: `load-file`, `load-string`, `require`/`use`/`refer`/`alias`, `in-ns`.

`a.b-c` is found as `a/b_c.jank`, then `.cljc`, then `.clj`, in each directory of the source
path (`--path`, `PYJANK_PATH`, default `src`, `test` and the current directory), then among the
namespaces bundled with pyjank. Every load binds `*ns*` and `*file*`, so an `in-ns` inside a
file does not leak into the caller.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from ..runtime import core_vars as cv
from ..runtime.exceptions import IllegalArgumentException
from ..runtime.interfaces import IPersistentMap, IPersistentVector, ISeq
from ..runtime.namespaces import Namespace, find_ns, find_or_create_ns, is_private
from ..runtime.symbols import Keyword, Symbol, keyword
from ..runtime.vars import Var, bindings
from .cache.source import source_steps
from .cache.spans import make_reader
from .ns_resolver import NamespaceResolver
from .reader import EOF

EXTENSIONS = (".jank", ".cljc", ".clj")
BUNDLED = Path(__file__).resolve().parent.parent / "runtime" / "clj"

_KW = {
    name: keyword(None, name)
    for name in (
        "as",
        "refer",
        "all",
        "only",
        "exclude",
        "rename",
        "reload",
        "reload-all",
        "verbose",
        "as-alias",
        "use",
        "require",
    )
}


class SourcePath:
    """The directories searched for namespaces."""

    def __init__(self, dirs: Iterable[str | Path] | None = None) -> None:
        if dirs is None:
            env = os.environ.get("PYJANK_PATH")
            dirs = env.split(os.pathsep) if env else ["src", "test", "."]
        self.dirs = [Path(d) for d in dirs]

    def find(self, ns_name: str) -> Path | None:
        return self.find_resource(ns_name.replace("-", "_").replace(".", "/"))

    def find_resource(self, rel: str) -> Path | None:
        """`rel` (no extension) as .jank, .cljc or .clj under a source dir or the bundle."""
        for base in [*self.dirs, BUNDLED]:
            for ext in EXTENSIONS:
                p = base / (rel + ext)
                if p.is_file():
                    return p
        return None


source_path = SourcePath()
loaded_libs: set[str] = set()
_loading = threading.local()


def set_source_path(dirs: Iterable[str | Path]) -> None:
    global source_path
    source_path = SourcePath(dirs)


def read_forms(text: str, file: str | None = None, line: int = 1, column: int = 1) -> Iterator[Any]:
    """Forms of `text`, read one at a time so each sees the namespace left by the last;
    positions count from `line`/`column` (an editor sends where the text starts)."""
    reader = make_reader(text, file, line, column, NamespaceResolver())
    while True:
        form = reader.read()
        if form is EOF:
            return
        yield form


def load_string(text: str, file: str | None = None) -> Any:
    """Evaluate every form of `text` through the per-form cache; the value of the last."""
    result = None
    with bindings([(cv.NS, cv.current_ns()), (cv.FILE, file or "NO_SOURCE_PATH")]):
        with closing(source_steps(text, file)) as steps:
            for step in steps:
                result = step()
    return result


def load_file(path: str | Path) -> Any:
    p = Path(path)
    return load_string(p.read_text(encoding="utf-8"), str(p))


def load(*paths: str) -> None:
    """`(load "a/b")`: load resources from the source path. A path without a leading `/` is
    relative to the directory of the current namespace, as in Clojure."""
    for path in paths:
        if path.startswith("/"):
            rel = path[1:]
        else:
            ns_dir = str(cv.current_ns().name).replace("-", "_").replace(".", "/")
            rel = f"{ns_dir.rpartition('/')[0]}/{path}" if "/" in ns_dir else path
        found = source_path.find_resource(rel)
        if found is None:
            raise FileNotFoundError(f"Could not locate {rel}.jank, {rel}.cljc or {rel}.clj")
        load_file(found)


def in_ns(name: Symbol) -> Namespace:
    """`in-ns`: switch `*ns*` (creating the namespace, with nothing referred)."""
    if not isinstance(name, Symbol):
        raise IllegalArgumentException(f"in-ns expects a symbol, got: {name!r}")
    ns = find_or_create_ns(str(name))
    if cv.NS.is_thread_bound():
        cv.NS.set(ns)
    else:
        cv.NS.bind_root(ns)
    return ns


def refer(ns_sym: Any, *filters: Any) -> None:
    """`(refer 'ns :only [...] :exclude [...] :rename {...})` into `*ns*`."""
    source = _the_ns(ns_sym)
    opts = _options(filters)
    only = opts.get(_KW["only"])
    exclude = {s.name for s in opts.get(_KW["exclude"]) or ()}
    rename = {e.key().name: e.val().name for e in (opts.get(_KW["rename"]) or ())}
    target = cv.current_ns()
    if only is not None:
        names = [s.name for s in only]
        for name in names:
            var = source.mappings.get(name)
            if not isinstance(var, Var) or var.ns is not source:
                raise IllegalArgumentException(f"{name} does not exist")
            if is_private(var):
                raise IllegalArgumentException(f"{name} is not public")
    else:
        names = list(source.publics())
    for name in names:
        if name in exclude:
            continue
        var = source.mappings[name]
        target.refer(rename.get(name, name), var)


def refer_clojure(*filters: Any) -> None:
    refer(Symbol(None, "clojure.core"), *filters)


def alias(alias_sym: Symbol, ns_sym: Symbol) -> None:
    cv.current_ns().add_alias(alias_sym.name, _the_ns(ns_sym))


def require(*args: Any) -> None:
    """`require` with libspecs, prefix lists and the `:reload`/`:reload-all` flags."""
    _load_libs(args, use=False)


def use(*args: Any) -> None:
    _load_libs(args, use=True)


def _load_libs(args: tuple, use: bool) -> None:
    flags = {a for a in args if isinstance(a, Keyword)}
    specs = [a for a in args if not isinstance(a, Keyword)]
    reload_all = _KW["reload-all"] in flags
    reload = _KW["reload"] in flags or reload_all
    for spec in specs:
        for lib, opts in _expand_spec(spec):
            _load_lib(lib, opts, reload, reload_all, use)


def _expand_spec(spec: Any) -> Iterator[tuple[Symbol, list[Any]]]:
    if isinstance(spec, Symbol):
        yield spec, []
        return
    if isinstance(spec, IPersistentVector):
        items = list(spec)
        if not items or not isinstance(items[0], Symbol):
            raise IllegalArgumentException(f"Bad libspec: {spec}")
        if len(items) > 1 and not isinstance(items[1], Keyword):
            yield from _prefix_list(items)
            return
        yield items[0], items[1:]
        return
    if isinstance(spec, ISeq):
        yield from _prefix_list(list(spec))
        return
    raise IllegalArgumentException(f"Bad libspec: {spec}")


def _prefix_list(items: list[Any]) -> Iterator[tuple[Symbol, list[Any]]]:
    prefix = items[0]
    for item in items[1:]:
        if isinstance(item, Symbol):
            yield Symbol(None, f"{prefix}.{item}"), []
        elif isinstance(item, IPersistentVector):
            parts = list(item)
            yield Symbol(None, f"{prefix}.{parts[0]}"), parts[1:]
        else:
            raise IllegalArgumentException(f"Bad prefix list entry: {item}")


def _load_lib(lib: Symbol, opts: list[Any], reload: bool, reload_all: bool, use: bool) -> None:
    options = _options(opts)
    name = str(lib)
    as_alias = options.get(_KW["as-alias"])
    if as_alias is not None and len(options) == 1:
        find_or_create_ns(name)
        cv.current_ns().add_alias(as_alias.name, find_or_create_ns(name))
        return
    stack: list[str] = getattr(_loading, "stack", None) or []
    reload_all = reload_all or getattr(_loading, "reload_all", False)
    need = reload or reload_all or name not in loaded_libs
    if need and name in stack and not reload_all:
        chain = "->".join(f"[ {s} ]" if s == name else s for s in [*stack, name])
        raise IllegalArgumentException(f"Cyclic load dependency: {chain}")
    if need and name not in stack:
        _load_namespace(name, reload_all)
    ns = find_ns(name)
    if ns is None:
        raise FileNotFoundError(f"namespace '{name}' not found after loading")
    as_ = options.get(_KW["as"])
    if as_ is not None:
        cv.current_ns().add_alias(as_.name, ns)
    refer_opt = options.get(_KW["refer"])
    filters: list[Any] = []
    if refer_opt == _KW["all"] or use:
        for k in ("exclude", "rename", "only"):
            if _KW[k] in options:
                filters += [_KW[k], options[_KW[k]]]
        refer(lib, *filters)
    elif refer_opt is not None:
        refer(lib, _KW["only"], refer_opt)


def _load_namespace(name: str, reload_all: bool) -> None:
    path = source_path.find(name)
    if path is None:
        rel = name.replace("-", "_").replace(".", "/")
        raise FileNotFoundError(
            f"Could not locate {rel}.jank, {rel}.cljc or {rel}.clj on the source path "
            f"({', '.join(str(d) for d in source_path.dirs)})"
        )
    with _loading_lib(name, reload_all):
        load_file(path)
    loaded_libs.add(name)


@contextmanager
def _loading_lib(name: str, reload_all: bool) -> Iterator[None]:
    stack = getattr(_loading, "stack", None)
    if stack is None:
        stack = _loading.stack = []
    prev_all = getattr(_loading, "reload_all", False)
    stack.append(name)
    _loading.reload_all = reload_all or prev_all
    try:
        yield
    finally:
        stack.pop()
        _loading.reload_all = prev_all


def _options(items: Iterable[Any]) -> dict[Any, Any]:
    items = list(items)
    if len(items) == 1 and isinstance(items[0], IPersistentMap):
        return {e.key(): e.val() for e in items[0]}
    if len(items) % 2:
        raise IllegalArgumentException(f"Expected keyword/value pairs, got: {items}")
    return {items[i]: items[i + 1] for i in range(0, len(items), 2)}


def _the_ns(x: Any) -> Namespace:
    if isinstance(x, Namespace):
        return x
    ns = find_ns(str(x))
    if ns is None:
        raise IllegalArgumentException(f"No namespace: {x} found")
    return ns
