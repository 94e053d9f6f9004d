"""The layer boundaries, checked by reading every import in ``kg/`` (function-level ones too).

``lint-imports`` (the contracts in ``.importlinter``) checks the whole layer order in CI; this test
is our own check of the four boundaries issue 20 named, so a plain ``pytest`` run catches them
without import-linter installed, and it also sees imports a type checker would hide.
"""

from __future__ import annotations

import ast
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"

#: (importer, imported): no module under the first may import any module under the second.
BOUNDARIES = [
    ("kg.rdf", "kg.extract"),  # the RDF writer does not decide language questions
    ("kg.extract", "kg.rdf"),  # extraction knows no IRIs
    ("kg.stores", "kg.extract"),  # storage runs no extraction
    ("kg.stores", "kg.resolve"),
    ("kg.stores", "kg.builder"),
    ("kg.stores", "kg.query"),  # stores do not shape query results
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every ``kg`` module ``path`` imports, absolute, with its line (``from kg import x``
    counts as importing ``kg.x`` when that is a module, else ``kg``)."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if module.split(".")[0] != "kg":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                is_module = (ROOT / Path(*sub.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*sub.split("."))).is_dir()
                found.append((sub if is_module else module, node.lineno))
    return found


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _crossings(importer: str, imported: str) -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        if not _under(name, importer):
            continue
        out += [f"{path.relative_to(ROOT)}:{line} imports {mod}"
                for mod, line in _imports(path) if _under(mod, imported)]
    return out


@pytest.mark.parametrize(("importer", "imported"), BOUNDARIES,
                         ids=[f"{a}-not-{b}" for a, b in BOUNDARIES])
def test_boundary_is_not_crossed(importer, imported):
    assert _crossings(importer, imported) == []


def test_the_check_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    pkg = tmp_path / "kg" / "stores"
    pkg.mkdir(parents=True)
    (tmp_path / "kg" / "__init__.py").write_text("")
    (tmp_path / "kg" / "query.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "x.py").write_text("def f():\n    from ..query import run\n    import kg.query\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "kg")
    assert _crossings("kg.stores", "kg.query") == ["kg/stores/x.py:2 imports kg.query",
                                                   "kg/stores/x.py:3 imports kg.query"]


def test_contracts_name_every_top_level_part():
    """A new top-level module or package must be placed in the layers contract."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    layers = config["importlinter:contract:layers"]["layers"]
    placed = {name.strip() for line in layers.splitlines() for name in line.split("|") if name.strip()}
    parts = {f"kg.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    parts |= {f"kg.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    parts.discard("kg.corpus")  # data: the bundled articles
    assert sorted(parts - placed) == []


def test_lint_imports_keeps_every_contract():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed")
    run = subprocess.run([exe, "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
