"""The per-form cache and incremental reload (design §4).

- `keys.py`: form keys (xxh3-128, position-free) and layouts;
- `spans.py`: the text of each top-level form of a file's last load, so a reload reads only
  what changed;
- `entries.py`: cached units, their dependency records and stamps; `provenance.py`: which
  compiled code gave each var its value (macro tokens);
- `artifacts.py`: compiled code as a backend provides it (tier 0's code objects; native
  fns through the factories they describe); `describe.py`: constants by description;
  `positions.py`: reusing code of a form that moved;
- `memory.py`, `disk.py`, `config.py`: the two caches and their settings;
- `source.py`: loading text through all that; `stats.py`: what each load did;
- `warm.py`: `pyjank compile`, which fills the disk cache for a source tree.
"""

from .config import add_cache_arguments, apply_cache_arguments, configure
from .provenance import seal_builtins
from .source import after_load, source_steps
from .stats import LoadStats, last

__all__ = [
    "LoadStats",
    "add_cache_arguments",
    "after_load",
    "apply_cache_arguments",
    "configure",
    "last",
    "seal_builtins",
    "source_steps",
]
