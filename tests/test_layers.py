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


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """Every ``kg`` module ``path`` imports, absolute, with its line and whether the import
    sits inside a function (``from kg import x`` counts as importing ``kg.x`` when that is a
    module, else ``kg``)."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function = {id(n) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for n in ast.walk(fn)}
    found = []
    for node in ast.walk(tree):
        lazy = id(node) in in_function
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno, lazy) for a in node.names if a.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if module.split(".")[0] != "kg":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                is_module = (ROOT / Path(*sub.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*sub.split("."))).is_dir()
                found.append((sub if is_module else module, node.lineno, lazy))
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
                for mod, line, _ in _imports(path) if _under(mod, imported)]
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


# ---- imports inside functions ---------------------------------------------------------------

#: Where a function may import a kg module, and why: each keeps a start-up light, none dodges
#: an import cycle (the next test checks that).
LAZY_IMPORTS = {
    "kg/api.py": "the pipeline (jieba, the tagger) loads on the first build: `import kg` 0.2 s, not 0.9 s",
    "kg/graph.py": "NetworkX loads on the first to_networkx/entity call; the stores and the query layer "
                   "when a graph first needs one (`kg build -o FILE` never does)",
    "kg/stores/__init__.py": "a backend loads when a store of its kind opens (rdflib's plugin way)",
    "kg/cli": "a command's modules load when it runs, so `kg --help` stays quick",
}


def _function_level_imports(path: Path) -> list[tuple[int, list[str]]]:
    by_line: dict[int, list[str]] = {}
    for mod, line, lazy in _imports(path):
        if lazy:
            by_line.setdefault(line, []).append(mod)
    return sorted(by_line.items())


def _top_level_graph() -> dict[str, set[str]]:
    """Module → the kg modules its top-level code imports (``from pkg import submodule``
    counts as the submodule only: it does not need the package to have finished loading)."""
    return {_module_name(path): {m for m, _, lazy in _imports(path) if not lazy}
            for path in PACKAGE.rglob("*.py")}


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, stack = set(), [start]
    while stack:
        for nxt in graph.get(stack.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def test_no_function_level_import_dodges_a_cycle():
    """Moved to the top of its module, no function-level import would close an import cycle."""
    graph = _top_level_graph()
    cycles = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        for line, targets in _function_level_imports(path):
            cycles += [f"{path.relative_to(ROOT)}:{line} -> {t}" for t in targets
                       if t != name and _reaches(graph, t, name)]
    assert cycles == []


def test_function_level_imports_only_where_a_start_up_needs_them():
    places = sorted({str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if _function_level_imports(p)})
    unexplained = [p for p in places if not any(p == k or p.startswith(k + "/") for k in LAZY_IMPORTS)]
    assert unexplained == []


def test_the_cycle_check_finds_an_import_hidden_in_a_function(tmp_path, monkeypatch):
    (tmp_path / "kg").mkdir()
    (tmp_path / "kg" / "__init__.py").write_text("")
    (tmp_path / "kg" / "a.py").write_text("from kg.b import g\n")
    (tmp_path / "kg" / "b.py").write_text("def g():\n    from kg.a import f\n")
    (tmp_path / "kg" / "c.py").write_text("def h():\n    from kg.b import g\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "kg")
    with pytest.raises(AssertionError, match=r"kg/b.py:2 -> kg.a"):
        test_no_function_level_import_dodges_a_cycle()
    with pytest.raises(AssertionError, match=r"kg/b.py.*kg/c.py"):
        test_function_level_imports_only_where_a_start_up_needs_them()


def test_no_module_is_over_500_lines():
    """Modules stay small enough to read whole; split one where a reader would look for the parts."""
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
