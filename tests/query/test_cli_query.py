"""``kg query`` and ``kg queries`` on the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from kg.cli import main
from kg.query import named

INJECTION = '吕梁市" } ; DROP ALL ; #'


def kg_main(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_queries_lists_every_named_query(capsys):
    code, out, _ = kg_main(capsys, "queries", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [q["name"] for q in listed] == named.names()
    lookup = next(q for q in listed if q["name"] == "lookup")
    assert lookup["title"] == "Entity lookup by any name"
    assert lookup["params"] == [{"name": "name", "type": "label", "default": None, "required": True,
                                 "description": lookup["params"][0]["description"]}]
    code, out, _ = kg_main(capsys, "queries")
    assert code == 0 and "memorials-by-county" in out and "county: string = all" in out


def test_queries_shows_one_query_in_full(capsys):
    code, out, _ = kg_main(capsys, "queries", "located-in")
    assert code == 0
    assert "Everything located in a place" in out
    assert "kg query located-in --param place=兴县" in out
    assert "lv:locatedIn" in out and "SELECT" in out
    code, _, err = kg_main(capsys, "queries", "nope")
    assert code == 2 and "E021" in err


def test_named_query_as_json(capsys, mini_file):
    code, out, err = kg_main(capsys, "query", "lookup", "--param", "name=吕梁", "--graph", str(mini_file),
                             "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    (b,) = doc["results"]["bindings"]
    assert b["label"] == {"type": "literal", "value": "吕梁市", "xml:lang": "zh"}
    assert b["entity"]["value"] == "https://w3id.org/lvliang-kg/resource/lvliangshi"


def test_named_query_as_csv_and_tsv(capsys, mini_file):
    code, out, _ = kg_main(capsys, "query", "admin-hierarchy", "-p", "within=吕梁市", "-g", str(mini_file), "-f", "csv")
    assert code == 0
    rows = {r["label"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["吕梁市"]["adcode"] == "141100000000" and rows["兴县"]["parentLabel"] == "吕梁市"
    assert "山西省" not in rows
    code, out, _ = kg_main(capsys, "query", "admin-hierarchy", "-p", "within=兴县", "-g", str(mini_file), "-f", "tsv")
    header, *lines = out.splitlines()
    assert header.startswith("?division\t?label") and len(lines) == 1
    assert '"兴县"@zh' in lines[0] and '"141123000000"' in lines[0]


def test_table_is_the_default(capsys, mini_file):
    code, out, _ = kg_main(capsys, "query", "positions", "-g", str(mini_file))
    assert code == 0
    assert "People and their positions" in out and "孙大军" in out and "1 row" in out


def test_query_from_a_file_uses_its_header(capsys, mini_file, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: Mine\n# param: who (string, default: 孙大军) — the person\n"
                  "SELECT ?role WHERE { ?p lv:holder ?h ; lv:roleTitle ?role . ?h rdfs:label ?l "
                  "FILTER(STR(?l) = STR(?who)) }\n", encoding="utf-8")
    code, out, _ = kg_main(capsys, "query", str(rq), "-g", str(mini_file), "-f", "csv")
    assert code == 0 and out.splitlines() == ["role", "市委书记"]
    code, out, _ = kg_main(capsys, "query", str(rq), "-g", str(mini_file), "-f", "csv", "-p", "who=吕梁市")
    assert out.splitlines() == ["role"]
    code, _, err = kg_main(capsys, "query", str(rq), "-g", str(mini_file), "-p", "whom=x")
    assert code == 2 and "E022" in err


def test_ad_hoc_text_with_parameters(capsys, mini_file):
    q = "SELECT ?v WHERE { ?o lv:about ?e ; schema:value ?v . ?e rdfs:label ?n FILTER(?v > ?min) } ORDER BY ?v"
    code, out, err = kg_main(capsys, "query", q, "-p", "min=65000", "-g", str(mini_file), "-f", "csv")
    assert code == 0, err
    header, *values = out.splitlines()
    assert header == "v" and [float(v) for v in values] == [70000, 2000000000]


def test_injection_through_param_is_a_literal(capsys, mini_file):
    before = hashlib.sha256(mini_file.read_bytes()).hexdigest()
    code, out, _ = kg_main(capsys, "query", "lookup", "--param", f"name={INJECTION}", "-g", str(mini_file), "-f", "json")
    assert code == 0 and json.loads(out)["results"]["bindings"] == []
    q = "SELECT ?e WHERE { ?e rdfs:label ?name }"
    code, out, _ = kg_main(capsys, "query", q, "--param", f"name={INJECTION}", "-g", str(mini_file), "-f", "csv")
    assert code == 0 and out.splitlines() == ["e"]
    code, out, _ = kg_main(capsys, "query", "lookup", "--param", "name=吕梁", "-g", str(mini_file), "-f", "csv")
    assert "吕梁市" in out  # the graph is still there
    assert hashlib.sha256(mini_file.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("args, code_, needle", [
    (["memorial-by-county"], "E021", "did you mean memorials-by-county"),
    (["lookup"], "E022", "required"),
    (["lookup", "-p", "nmae=x"], "E022", "no such parameter"),
    (["lookup", "-p", "novalue"], "E022", "NAME=VALUE"),
    (["most-mentioned", "-p", "type=not a class"], "E022", "not an IRI"),
    (["co-mentions", "-p", "min_sentences=many"], "E022", "not an integer"),
    (["DROP ALL"], "E020", "line 1, column 1"),
    (["SELECT ?x WHERE { ?x a nope:Thing }"], "E020", "unknown prefix 'nope:'"),
    (["missing/file.rq"], "E001", "missing/file.rq"),
])
def test_errors_exit_2_with_a_code(capsys, mini_file, args, code_, needle):
    code, out, err = kg_main(capsys, "query", *args, "-g", str(mini_file))
    assert code == 2
    assert f"error[{code_}]" in err and needle in err
    assert "Traceback" not in err


def test_bad_format_is_a_usage_error(capsys, mini_file):
    code, _, err = kg_main(capsys, "query", "documents", "-g", str(mini_file), "-f", "xml")
    assert code == 2 and "--format" in err


def test_malformed_sparql_end_to_end(run_kg, mini_file):
    r = run_kg("query", "SELECT ?x WHERE {\n  ?x a lv:Place .\n  FILTER(?x = )\n}", "--graph", str(mini_file))
    assert r.returncode == 2
    assert "error[E020]" in r.stderr and "line 3, column" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_named_query_on_the_build_end_to_end(run_kg, kg5_file):
    r = run_kg("query", "memorials-by-county", "--param", "county=兴县", "--graph", str(kg5_file))
    assert r.returncode == 0, r.stderr
    assert "晋绥边区革命纪念馆" in r.stdout and "兴县" in r.stdout
    r = run_kg("query", "lookup", "-p", f"name={INJECTION}", "-g", str(kg5_file), "-f", "csv")
    assert r.returncode == 0 and r.stdout.splitlines() == ["entity,label,class,matchedBy,aliases,mentions,documents"]


def test_without_graph_the_bundled_corpus_is_built(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no out/lvliang.trig here, whatever the repository holds
    code, out, err = kg_main(capsys, "query", "documents", "--format", "csv")
    assert code == 0, err
    assert "building the bundled corpus" in err
    ids = [r["docId"] for r in csv.DictReader(io.StringIO(out))]
    assert ids == sorted(ids) and len(ids) == 5 and ids[3] == "003_50ea69b444730b6f"
