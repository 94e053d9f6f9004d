"""Build outputs: every format round-trips, bytes are deterministic, writes are atomic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg
from kg.errors import GraphsWouldMerge, UnknownFormat
from kg.rdf import io as rdf_io
from kg.rdf.io import format_for, load_dataset, save, serialize
from kg.rdf.namespaces import NIF, ONTOLOGY_GRAPH, RES

QUAD_FORMATS = (".trig", ".nq", ".jsonld")  # keep the named graphs
ALL_FORMATS = (".trig", ".nq", ".ttl", ".jsonld")
FIVE_FORMATS = (".nq", ".ttl", ".jsonld")  # the five-document .trig: tests/test_cli.py


def quads(ds: Dataset) -> set[tuple]:
    return {(s, p, o, g.identifier) for g in ds.graphs() for s, p, o in g}


def triples(ds: Dataset) -> set[tuple]:
    return {(s, p, o) for g in ds.graphs() for s, p, o in g}


def other_seed() -> str:
    """A PYTHONHASHSEED different from this process's (random unless set)."""
    return "4242" if os.environ.get("PYTHONHASHSEED") != "4242" else "777"


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", QUAD_FORMATS)
def test_quad_formats_round_trip(doc003_graph, tmp_path, ext):
    path = tmp_path / f"g{ext}"
    doc003_graph.save(path)
    back = kg.load(path)
    original = quads(doc003_graph.dataset)
    assert len(original) > 1000
    assert quads(back.dataset) == original
    # and the loaded graph writes the same bytes again
    again = tmp_path / f"again{ext}"
    back.save(again)
    assert again.read_bytes() == path.read_bytes()


def test_turtle_merges_the_graphs_only_when_asked(doc003_graph, tmp_path):
    path = tmp_path / "g.ttl"
    with pytest.raises(GraphsWouldMerge, match=r"\.trig, \.nq or \.jsonld"):
        doc003_graph.save(path)
    assert not path.exists()
    doc003_graph.save(path, merge_graphs=True)
    back = kg.load(path)
    assert triples(back.dataset) == triples(doc003_graph.dataset)
    names = {g.identifier for g in back.dataset.graphs() if len(g)}
    assert names == {DATASET_DEFAULT_GRAPH_ID}, "a .ttl file has no graph names"
    # a triples-only graph saved as TriG keeps its triples (in the default graph)
    trig = tmp_path / "g.trig"
    back.save(trig)
    assert triples(kg.load(trig).dataset) == triples(doc003_graph.dataset)


def test_multiline_literals_survive_trig(doc003_graph, tmp_path):
    """The document text (many lines, indented) comes back character for character."""
    path = tmp_path / "g.trig"
    doc003_graph.save(path)
    back = kg.load(path).dataset
    texts = {str(o) for o in doc003_graph.dataset.objects(None, NIF.isString)}
    assert texts and all("\n" in t for t in texts)
    assert {str(o) for o in back.objects(None, NIF.isString)} == texts


def test_every_prefix_used_in_trig_is_declared(doc003_graph):
    text = serialize(doc003_graph.dataset, "trig")
    declared = set(re.findall(r"^@prefix (\w*): ", text, flags=re.M))
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("@prefix") and '"' not in ln)
    used = set(re.findall(r"(?<![\w<#/:.-])([A-Za-z][\w-]*):[A-Za-z_]", body))
    assert used <= declared, used - declared


# --- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_serialising_twice_gives_the_same_bytes(doc003_graph, ext):
    fmt = format_for(f"x{ext}")
    assert serialize(doc003_graph.dataset, fmt) == serialize(doc003_graph.dataset, fmt)


def test_building_twice_gives_the_same_bytes(doc003_graph, corpus_paths, tmp_path):
    (path,) = [p for p in corpus_paths if p.stem.startswith("003_")]
    again = kg.build([path])
    for ext in ALL_FORMATS:
        a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
        doc003_graph.save(a, merge_graphs=True)
        again.save(b, merge_graphs=True)
        assert a.read_bytes() == b.read_bytes(), ext


def test_bytes_do_not_depend_on_the_hash_seed(doc003_graph, built_graph, built_trig, corpus_paths, tmp_path):
    """Another process with another PYTHONHASHSEED writes the same bytes, in every format:
    building the 003 document, and writing the five-document build (read from its .trig;
    tests/test_cli.py shows that a build in another process writes the same .trig)."""
    (path,) = [p for p in corpus_paths if p.stem.startswith("003_")]
    script = textwrap.dedent(f"""
        import kg
        one = kg.build([{str(path)!r}])
        five = kg.load({str(built_trig)!r})
        for ext in {ALL_FORMATS!r}:
            one.save({str(tmp_path)!r} + "/sub-one" + ext, merge_graphs=True)
        for ext in {FIVE_FORMATS!r}:
            five.save({str(tmp_path)!r} + "/sub-five" + ext, merge_graphs=True)
    """)
    env = {**os.environ, "PYTHONHASHSEED": other_seed()}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        for name, graph, formats in (("one", doc003_graph, ALL_FORMATS),  # meanwhile, here
                                     ("five", built_graph, FIVE_FORMATS)):
            for ext in formats:
                graph.save(tmp_path / f"here-{name}{ext}", merge_graphs=True)
        _, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    for name, formats in (("one", ALL_FORMATS), ("five", FIVE_FORMATS)):
        for ext in formats:
            sub, here = tmp_path / f"sub-{name}{ext}", tmp_path / f"here-{name}{ext}"
            assert sub.read_bytes() == here.read_bytes(), (name, ext)


# --- N-Quads -------------------------------------------------------------------------------

_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_LIT = r'"(?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"(?:@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*|\^\^' + _IRI + ")?"
_NQ_LINE = re.compile(rf"^({_IRI}) ({_IRI}) ({_IRI}|{_LIT}) ({_IRI}) \.$")


def test_nquads_lines_are_valid(doc003_graph):
    text = serialize(doc003_graph.dataset, "nquads")
    lines = text.split("\n")
    assert lines[-1] == "", "ends with a newline"
    lines = lines[:-1]
    assert len(lines) == len(quads(doc003_graph.dataset)), "one line per quad, no line breaks inside"
    assert lines == sorted(lines)
    bad = [ln for ln in lines if not _NQ_LINE.match(ln)]
    assert not bad, bad[:3]
    # the multi-line document text is on one line, its line breaks escaped
    doc = [ln for ln in lines if f" <{NIF.isString}> \"" in ln]
    assert doc and all("\\n" in ln for ln in doc)


def test_nquads_name_every_graph(doc003_graph):
    text = serialize(doc003_graph.dataset, "nquads")
    names = {ln.rsplit(" ", 2)[-2] for ln in text.splitlines()}
    assert f"<{ONTOLOGY_GRAPH}>" in names
    assert f"<{RES['doc/003_50ea69b444730b6f']}>" in names


def test_literal_escapes_round_trip(tmp_path):
    """Quotes, backslashes, control characters and line breaks in literals survive every format."""
    ds = Dataset()
    g = ds.graph(URIRef("https://example.org/g"))
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    values = ['say "hi"', "back\\slash", "tab\there", "line\nbreak\r\n", "triple \"\"\" quotes",
              "text\n@prefix x: <https://example.org/> .\nmore", "  \n  indented\n",
              "吕梁\u3000市", "ends with quote\"", "\x01control"]
    for v in values:
        g.add((s, p, Literal(v)))
        g.add((s, p, Literal(v, lang="zh")))
    for ext in ALL_FORMATS:
        path = tmp_path / f"esc{ext}"
        save(ds, path)
        back = load_dataset(path)
        assert triples(back) == triples(ds), ext


# --- atomic writes and errors ---------------------------------------------------------------


class _Boom(Exception):
    pass


def _failing_fdopen(real_fdopen):
    def fdopen(fd, *args, **kwargs):
        fh = real_fdopen(fd, *args, **kwargs)
        real_write = fh.write

        def write(text):
            real_write(text[: len(text) // 2])  # half the data reaches the disk, then…
            fh.flush()
            raise _Boom("disk full")

        fh.write = write
        return fh

    return fdopen


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_failed_write_keeps_the_previous_file(doc003_graph, tmp_path, monkeypatch, ext):
    target = tmp_path / f"out{ext}"
    target.write_text("previous build\n", encoding="utf-8")
    monkeypatch.setattr(rdf_io.os, "fdopen", _failing_fdopen(os.fdopen))
    with pytest.raises(_Boom):
        doc003_graph.save(target, merge_graphs=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "previous build\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "no temporary file left"


def test_interrupted_write_leaves_no_temp_file(doc003_graph, tmp_path, monkeypatch):
    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(rdf_io.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        doc003_graph.save(tmp_path / "out.trig")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_write_replaces_and_creates_directories(tmp_path):
    target = tmp_path / "a" / "b" / "out.nq"
    rdf_io.write_atomic(target, "one\n")
    rdf_io.write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.nq"]


def test_new_files_get_ordinary_permissions(tmp_path):
    """Not the 0600 of a temporary file: the umask decides, as for any new file."""
    old = os.umask(0o022)
    try:
        rdf_io.write_atomic(tmp_path / "x.trig", "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "x.trig").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("name", ["out.xyz", "out", "out.trig.bak", "out.rdf"])
def test_unknown_extension_is_refused(doc003_graph, tmp_path, name):
    with pytest.raises(UnknownFormat) as exc:
        doc003_graph.save(tmp_path / name)
    assert exc.value.code == "E012" and name in str(exc.value) and ".trig" in str(exc.value)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UnknownFormat):
        kg.load(tmp_path / name)


def test_extension_is_case_insensitive():
    assert format_for("OUT.TRIG") == "trig" and format_for("a.NQ") == "nquads"


def test_loading_a_missing_or_broken_file_is_a_kg_error(tmp_path):
    from kg.errors import DecodeError, InputNotFound

    with pytest.raises(InputNotFound):
        kg.load(tmp_path / "missing.trig")
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig\n")
    with pytest.raises(DecodeError) as exc:
        kg.load(bad)
    assert "bad.trig" in str(exc.value)


def test_unwritable_target_is_a_kg_error(doc003_graph, tmp_path):
    from kg.errors import FileAccessError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FileAccessError) as exc:
        doc003_graph.save(blocker / "out.trig")  # a file where a directory should be
    assert exc.value.code == "E007" and "out.trig" in str(exc.value)
    assert blocker.read_text() == "x"


def test_write_atomic_takes_pieces(tmp_path):
    from kg.rdf.io import write_atomic

    write_atomic(tmp_path / "a.txt", iter(["吕梁", "\n", "兴县\n"]))
    assert (tmp_path / "a.txt").read_text("utf-8") == "吕梁\n兴县\n"


def test_write_atomic_keeps_the_old_file_when_the_pieces_fail(tmp_path):
    from kg.rdf.io import write_atomic

    (tmp_path / "a.txt").write_text("old", "utf-8")

    def pieces():
        yield "new"
        raise RuntimeError("boom")

    import pytest

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "a.txt", pieces())
    assert (tmp_path / "a.txt").read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
