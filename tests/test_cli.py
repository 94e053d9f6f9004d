"""The ``kg`` command end to end, in subprocesses (``python -m kg.cli``), as a user runs it.

Exit status (README): 0 success, 1 validation violations, 2 error (nothing written),
3 built but some inputs were skipped. No traceback ever reaches the user.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

import kg
from kg.rdf.iris import doc_iri
from kg.rdf.namespaces import DCTERMS, LV, NIF, ONTOLOGY_GRAPH, RDF, REFERENCE_GRAPH, XSD

TINY = "吕梁日报\n\n兴县位于吕梁市，临县与兴县相邻。山西省吕梁市离石区召开会议。\n"


def other_seed() -> str:
    return "31337" if os.environ.get("PYTHONHASHSEED") != "31337" else "99"


def no_traceback(res: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout, res.stderr


@pytest.fixture(scope="module")
def cli_build(run_kg, tmp_path_factory):
    """``kg build -o out.trig`` of the bundled corpus, with another PYTHONHASHSEED."""
    cwd = tmp_path_factory.mktemp("cli")
    res = run_kg("build", "-o", "out.trig", cwd=cwd, env={"PYTHONHASHSEED": other_seed()})
    return res, cwd / "out.trig"


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(TINY, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "empty.txt").write_bytes(b"")
    return d


# --- the bundled corpus ----------------------------------------------------------------------


def test_build_writes_the_graph_and_prints_a_summary(cli_build):
    res, out = cli_build
    assert res.returncode == 0, res.stderr
    no_traceback(res)
    assert out.is_file()
    assert "documents" in res.stdout and "entities" in res.stdout and "out.trig" in res.stdout
    assert re.search(r"documents\s*│\s*5\s*│", res.stdout), res.stdout


def test_build_output_holds_ontology_and_five_documents(cli_build, corpus_paths):
    _, out = cli_build
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    docs = {doc_iri(p.stem): p.stem for p in corpus_paths}
    assert names == {ONTOLOGY_GRAPH, REFERENCE_GRAPH, *docs}
    for d, stem in docs.items():
        g = ds.graph(d)
        assert (d, RDF.type, LV.Document) in g
        assert g.value(d, DCTERMS.identifier) == Literal(stem)
        assert str(g.value(d, DCTERMS.title)).strip()


def test_cli_build_is_byte_identical_to_an_in_process_build(cli_build, built_trig):
    """Another process, another PYTHONHASHSEED, the same bytes."""
    _, out = cli_build
    assert out.read_bytes() == built_trig.read_bytes()


def test_validate_passes_on_a_build(doc003_graph, run_kg, tmp_path):
    # the five-document build conforms in tests/test_validate.py; here the command end to
    # end, on one document (SHACL over the whole build takes most of 10 s)
    out = tmp_path / "one.trig"
    doc003_graph.save(out)
    res = run_kg("validate", str(out))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "conforms" in res.stdout
    no_traceback(res)


def test_stats_json(cli_build, run_kg):
    _, out = cli_build
    res = run_kg("stats", "--graph", str(out), "--json")
    assert res.returncode == 0, res.stderr
    st = json.loads(res.stdout)
    assert st["documents"] == 5
    assert st["classes"]["Document"] == 5


# --- partial builds and errors ---------------------------------------------------------------


def test_missing_input_is_named_and_the_rest_is_written(run_kg, inputs):
    res = run_kg("build", "good.txt", "missing.txt", "-o", "x.nq", cwd=inputs)
    assert res.returncode == 3, res.stderr
    no_traceback(res)
    assert "missing.txt" in res.stderr and "E001" in res.stderr
    assert "good.txt" not in res.stderr
    text = (inputs / "x.nq").read_text(encoding="utf-8")
    assert f"<{doc_iri('good')}>" in text
    assert kg.load(inputs / "x.nq").stats()["documents"] == 1


def test_binary_and_empty_files_are_skipped_and_named(run_kg, inputs):
    res = run_kg("build", "good.txt", "binary.txt", "empty.txt", "-o", "y.trig", "-q", cwd=inputs)
    assert res.returncode == 3, res.stderr
    no_traceback(res)
    lines = [ln for ln in res.stderr.splitlines() if "skipped" in ln]
    assert any("binary.txt" in ln and "E002" in ln for ln in lines), res.stderr
    assert any("empty.txt" in ln and "E003" in ln for ln in lines), res.stderr
    assert len(lines) == 2
    assert res.stdout == "", "--quiet prints nothing but errors"
    assert kg.load(inputs / "y.trig").stats()["documents"] == 1


def test_only_bad_inputs_is_an_error_and_writes_nothing(run_kg, inputs):
    (inputs / "good.txt").unlink()
    res = run_kg("build", str(inputs), "-o", "y.trig", cwd=inputs.parent)
    assert res.returncode == 2, res.stderr
    no_traceback(res)
    assert "error[E006]" in res.stderr
    assert "binary.txt" in res.stderr and "empty.txt" in res.stderr
    assert not (inputs.parent / "y.trig").exists()


def test_nothing_there_is_an_error(run_kg, tmp_path):
    (tmp_path / "nothing-here").mkdir()
    res = run_kg("build", "nothing-here/", "does-not-exist/", "-o", "y.trig", cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    no_traceback(res)
    assert "error[E006]" in res.stderr
    assert "[E005] nothing-here/" in res.stderr and "[E001] does-not-exist/" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nothing-here"]


def test_unknown_output_format(run_kg, tmp_path):
    res = run_kg("build", "-o", "out.xyz", cwd=tmp_path)
    assert res.returncode == 2
    no_traceback(res)
    assert "error[E012]" in res.stderr and "out.xyz" in res.stderr and ".trig" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_violations_with_exit_1(run_kg, doc003_graph, tmp_path):
    ds = Dataset()
    for g in doc003_graph.dataset.graphs():
        target = ds.graph(g.identifier)
        for t in g:
            target.add(t)
    ds.default_union = True
    m = sorted(ds.subjects(RDF.type, NIF.Phrase))[0]
    end = int(ds.value(m, NIF.endIndex))
    for g in ds.graphs():
        if (m, NIF.beginIndex, None) in g:
            g.set((m, NIF.beginIndex, Literal(end + 1, datatype=XSD.nonNegativeInteger)))
    broken = kg.KnowledgeGraph(ds)  # copied into its store: made after the edit
    broken.save(tmp_path / "broken.nq")
    res = run_kg("validate", "broken.nq", cwd=tmp_path, env={"COLUMNS": "80"})  # IRIs not folded
    assert res.returncode == 1, res.stdout + res.stderr
    no_traceback(res)
    assert "violation" in res.stderr.lower()
    assert str(m) in res.stdout


@pytest.mark.parametrize("args, code, needle", [
    (["validate", "missing.trig"], 2, "error[E001]"),
    (["stats", "--graph", "garbage.trig"], 2, "error[E002]"),
    (["nosuchcommand"], 2, "No such command"),
    (["build", "--jobs", "0"], 2, "--jobs"),
    ([], 2, "Usage"),
    (["--help"], 0, "build"),
])
def test_usage_and_input_errors(run_kg, tmp_path, args, code, needle):
    (tmp_path / "garbage.trig").write_text("not rdf at all {\n")
    res = run_kg(*args, cwd=tmp_path)
    assert res.returncode == code, res.stdout + res.stderr
    no_traceback(res)
    assert needle in res.stdout + res.stderr


def test_console_script_returns_mains_exit_code(tmp_path):
    """The installed ``kg`` script exits with the code ``kg.cli:main`` returns."""
    script = Path(sys.executable).parent / "kg"
    if not script.exists():
        pytest.skip("no kg console script beside this Python")
    res = subprocess.run([str(script), "build", "-o", "out.xyz"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert res.returncode == 2 and "E012" in res.stderr
    res = subprocess.run([str(script), "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0


# --- in process: exit codes of main() --------------------------------------------------------


def test_an_unexpected_error_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    from kg import cli

    def boom(*a, **k):
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(kg, "build", boom)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    assert cli.main(["build", "-o", str(tmp_path / "o.trig")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "RuntimeError" in lines[0] and "something went wrong" in lines[0]
    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["build", "-o", str(tmp_path / "o.trig")])


def test_main_returns_the_partial_exit_code(monkeypatch, doc003_graph, tmp_path, capsys):
    from kg import cli
    from kg.builder import Skipped

    report = doc003_graph.report
    monkeypatch.setattr(report, "skipped", [Skipped("x[1].txt", "x[1].txt: no such file or directory", "E001")])
    monkeypatch.setattr(kg, "build", lambda *a, **k: doc003_graph)
    assert cli.main(["build", "-q", "-o", str(tmp_path / "o.nq")]) == 3
    assert "x[1].txt" in capsys.readouterr().err, "file names are printed verbatim (no markup)"
    assert (tmp_path / "o.nq").is_file()


def test_usage_errors_without_click_installed(run_kg, tmp_path):
    """Recent typer vendors click and does not install it: usage errors must not need it."""
    import typer

    if not hasattr(typer, "TyperException"):
        pytest.skip("this typer runs on click")
    fake = tmp_path / "noclick" / "click"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('click is not installed')\n")
    res = run_kg("nosuchcommand", cwd=tmp_path, env={"PYTHONPATH": str(fake.parent)})
    assert res.returncode == 2, res.stderr
    no_traceback(res)
    assert "No such command" in res.stderr


# --- version, graphs that would merge, the default graph ----------------------------------


def test_version(run_kg, tmp_path):
    res = run_kg("--version", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"kg (lvliang-kg) {kg.__version__}"


def test_turtle_output_of_named_graphs_needs_merge_graphs(run_kg, inputs):
    res = run_kg("build", "good.txt", "-o", "x.ttl", cwd=inputs)
    assert res.returncode == 2, res.stdout + res.stderr
    no_traceback(res)
    msg = " ".join(res.stderr.split())
    assert "error[E014]" in msg and "--merge-graphs" in msg
    assert all(ext in msg for ext in (".trig", ".nq", ".jsonld"))
    assert not (inputs / "x.ttl").exists()
    res = run_kg("build", "good.txt", "-o", "x.ttl", "--merge-graphs", "-q", cwd=inputs)
    assert res.returncode == 0, res.stderr
    from rdflib import Graph

    merged = Graph().parse(inputs / "x.ttl", format="turtle")
    assert (None, RDF.type, LV.Document) in merged and (None, None, Literal("兴县", lang="zh")) in merged


def test_commands_without_graph_read_the_default_build_output(run_kg, built_trig, tmp_path):
    import shutil

    (tmp_path / "out").mkdir()
    shutil.copy(built_trig, tmp_path / "out" / "lvliang.trig")
    res = run_kg("query", "ASK { res:lvliangshi a lv:City }", "-f", "json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["boolean"] is True
    assert "reading out/lvliang.trig" in res.stderr
    res = run_kg("stats", "--json", cwd=tmp_path)
    assert res.returncode == 0 and json.loads(res.stdout)["documents"] == 5
    assert "reading out/lvliang.trig" in res.stderr
