"""kg.errors: the one registry of user-facing errors, each code given once."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import kg
from kg import errors
from kg.errors import KGError

ROOT = Path(kg.__file__).parent.parent


def _all_modules() -> list[str]:
    """Every module of the package (optional dependencies missing: those are skipped)."""
    names = []
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        try:
            importlib.import_module(info.name)
        except ImportError:
            continue
        names.append(info.name)
    return names


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out


def test_every_error_class_is_defined_in_kg_errors():
    _all_modules()
    elsewhere = sorted(f"{c.__module__}.{c.__qualname__}" for c in _subclasses(KGError)
                       if c.__module__.startswith("kg.") and c.__module__ != "kg.errors")
    assert elsewhere == []


def test_codes_are_unique_and_listed():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, KGError) and c is not KGError]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), sorted(codes)
    assert all(re.fullmatch(r"E0\d\d", code) for code in codes)
    assert sorted(errors.__all__) == sorted(["KGError", *(c.__name__ for c in classes)])


def test_no_module_writes_a_raw_code():
    """Codes come from the classes (``err.code``, ``InternalError.code``), never a literal."""
    raw = re.compile(r'"E0\d\d"|\[E0\d\d\]')
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "kg").rglob("*.py")) if p.name != "errors.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if raw.search(line) and not line.lstrip().startswith("#")]
    assert hits == []


@pytest.mark.parametrize("doc", ["README.md", "docs"])
def test_an_error_table_lists_every_code(doc):
    """Where the documentation tables the codes (``| E0xx |`` rows), it lists them all."""
    path = ROOT / doc
    files = [path] if path.is_file() else sorted(path.rglob("*.md")) if path.is_dir() else []
    tabled = {m for f in files for m in re.findall(r"^\|\s*`?(E0\d\d)`?\s*\|", f.read_text(encoding="utf-8"), re.M)}
    if not tabled:
        pytest.skip(f"{doc} has no error table")
    codes = {c.code for c in vars(errors).values() if isinstance(c, type) and issubclass(c, KGError)} - {"E000"}
    assert tabled == codes
