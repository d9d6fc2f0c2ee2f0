"""The curated store: load_store() reads and validates it, or raises StoreError with every problem.

Modules: yamlnodes (YAML with line numbers), fields and schema (one record's fields),
articles and facts (the files), references (checks across records), build (model objects),
content (the rules `briefs check` adds: facts held against their articles' text).
"""

from briefs.store.loader import Checked, check_store, load_store, store_digest
from briefs.store.problems import Problem, StoreError

__all__ = ["Checked", "Problem", "StoreError", "check_store", "load_store", "store_digest"]
