"""The build stage: inputs, skipped documents, and results independent of order and workers."""

from __future__ import annotations

import shutil

import pytest

import kg
from kg.builder import extract_documents, resolve_inputs
from kg.errors import UnknownComponent
from kg.rdf.io import serialize
from kg.rdf.namespaces import RES

TINY = "吕梁日报\n\n兴县位于吕梁市，临县与兴县相邻。山西省吕梁市离石区召开会议。\n"


@pytest.fixture
def docs(tmp_path, corpus_paths):
    """A directory with the smallest bundled article and a tiny one."""
    d = tmp_path / "docs"
    d.mkdir()
    (small,) = [p for p in corpus_paths if p.stem.startswith("003_")]
    shutil.copy(small, d / small.name)
    (d / "tiny.txt").write_text(TINY, encoding="utf-8")
    return d


def test_default_input_is_the_bundled_corpus(corpus_paths):
    paths, skipped = resolve_inputs(None)
    assert paths == corpus_paths and skipped == []


def test_inputs_expand_and_problems_are_reported(docs, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (docs / "notes.csv").write_text("a,b\n")
    paths, skipped = resolve_inputs([docs, str(docs / "*.txt"), docs / "tiny.txt", empty,
                                     tmp_path / "missing.txt", str(tmp_path / "nomatch-*.txt")])
    assert sorted(p.name for p in paths) == ["003_50ea69b444730b6f.txt", "tiny.txt"], "each file once"
    codes = {s.path: s.code for s in skipped}
    assert codes == {str(empty): "E005", str(tmp_path / "missing.txt"): "E001",
                     str(tmp_path / "nomatch-*.txt"): "E001"}
    assert all(s.path in s.reason for s in skipped)


def test_a_single_path_need_not_be_a_list(docs):
    assert resolve_inputs(docs)[0] == resolve_inputs([docs])[0]
    assert resolve_inputs(str(docs / "tiny.txt"))[0] == [docs / "tiny.txt"]


def test_an_empty_list_builds_nothing():
    g = kg.build([])
    assert g.report.documents == [] and g.stats()["documents"] == 0


def test_bad_documents_are_skipped_and_the_rest_builds(docs):
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.md").write_text("   \n\n  \n", encoding="utf-8")
    g = kg.build([docs / "tiny.txt", docs / "binary.txt", docs / "empty.txt", docs / "blank.md"])
    assert g.report.documents == ["tiny"]
    skipped = {s.path.rsplit("/", 1)[-1]: s for s in g.report.skipped}
    assert set(skipped) == {"binary.txt", "empty.txt", "blank.md"}
    assert skipped["binary.txt"].code == "E002"
    assert skipped["empty.txt"].code == skipped["blank.md"].code == "E003"
    assert g.stats()["documents"] == 1


def test_bytes_sources_and_duplicate_ids(docs):
    raw = (docs / "tiny.txt").read_bytes()
    states, skipped = extract_documents([raw, raw, b"\xff\xfe\x00"], names=["a/x.txt", "b/x.txt", "bad.txt"])
    assert [s.doc.id for s in states] == ["x"]
    assert sorted(s.code for s in skipped) == ["E002", "E004"]


def test_unknown_component_fails_once_before_reading(docs):
    with pytest.raises(UnknownComponent):
        kg.build([docs], pipeline=["lexicon", "no-such-component"])


def test_result_does_not_depend_on_input_order_or_workers(docs):
    a = kg.build([docs / "tiny.txt", docs / "003_50ea69b444730b6f.txt"])
    b = kg.build([docs / "003_50ea69b444730b6f.txt", docs / "tiny.txt"], jobs=2)
    assert a.report.documents == ["tiny", "003_50ea69b444730b6f"]
    assert serialize(a.dataset, "nquads") == serialize(b.dataset, "nquads")


def test_progress_is_reported_per_document(docs):
    calls = []
    kg.build([docs / "tiny.txt"], progress=lambda done, total, name: calls.append((done, total, name)))
    assert calls == [(1, 1, str(docs / "tiny.txt"))]


def test_report_counts(doc003_graph):
    rep = doc003_graph.report
    assert rep.documents == ["003_50ea69b444730b6f"] and rep.skipped == []
    assert rep.entities > 5 and rep.mentions >= rep.entities
    assert rep.triples == len(doc003_graph)


#: Two articles: the full form of a body in one, its short form in the other with its county.
SHORT_AND_FULL = {
    "full_form.txt": "近日，石楼县东征精神研究会举办座谈会。\n",
    "short_form.txt": "东征精神研究会的志愿者走进石楼县，为村民讲解红军东征历史。\n",
}


def test_short_and_full_forms_in_two_documents_are_one_entity(tmp_path):
    for name, text in SHORT_AND_FULL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    g = kg.build(sorted(tmp_path.glob("*.txt")))
    rows = g.query("""
        SELECT DISTINCT ?e ?label ?alt ?id WHERE {
          ?e rdfs:label ?label ; skos:altLabel ?alt ; lv:mentionedIn ?doc . ?doc dcterms:identifier ?id
          FILTER(CONTAINS(STR(?label), "东征精神研究会")) }""")
    assert {str(r["e"]) for r in rows} == {str(RES.shilouxiandongzhengjingshenyanjiuhui)}
    assert {str(r["label"]) for r in rows} == {"石楼县东征精神研究会"}
    assert {str(r["alt"]) for r in rows} >= {"东征精神研究会"}
    assert {str(r["id"]) for r in rows} == {"full_form", "short_form"}
