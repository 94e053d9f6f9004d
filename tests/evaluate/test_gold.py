"""Loading gold annotation files into typed records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import GoldFormatError, InputNotFound
from kg.evaluate.gold import (
    GoldDocument,
    GoldEntity,
    GoldQuantity,
    GoldQuestion,
    GoldRelation,
    load_gold,
    parse_gold,
)

SHARED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"

VALID = {
    "doc": "corpus/000_03dcd241c001a0f4.txt",
    "entities": [
        {"name": "晋绥边区革命纪念馆", "type": "Memorial", "required": True, "aliases": [],
         "evidence": "坐落革命老区兴县蔡家崖的晋绥边区革命纪念馆"},
        {"name": "吕梁市", "type": "Place", "required": True, "aliases": ["吕梁"],
         "evidence": "吕梁市"},
        {"name": "三个一批", "type": "Program", "required": False, "aliases": [],
         "evidence": "三个一批"},
    ],
    "relations": [
        {"subject": "晋绥边区革命纪念馆", "predicate": "locatedIn", "object": "兴县",
         "evidence": "兴县蔡家崖"},
        {"subject": "孙大军", "predicate": "heldPosition", "object": "吕梁市委",
         "role": "市委书记", "evidence": "市委书记孙大军"},
    ],
    "quantities": [
        {"subject": "吕梁山护工", "measure": "累计培训人数", "value": 64000, "unit": "人",
         "raw": "6.4万人", "period": "十三五", "evidence": "累计培训6.4万人"},
        {"subject": "吕梁市", "measure": "增长", "value": 12.5, "unit": "%", "raw": "12.5%",
         "period": None, "evidence": "增长12.5%"},
    ],
    "questions": [{"q": "兴县有哪些纪念馆?", "answers": ["晋绥边区革命纪念馆"]},
                  {"q": "培训多少人?", "answers": [64000]}],
}


def write(tmp_path: Path, data: object, name: str = "g.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_load_valid_file(tmp_path):
    g = load_gold(write(tmp_path, VALID))
    assert isinstance(g, GoldDocument)
    assert g.doc_id == "000_03dcd241c001a0f4"
    assert g.path == str(tmp_path / "g.json")
    assert g.entities[1] == GoldEntity("吕梁市", "Place", True, ("吕梁",), "吕梁市")
    assert g.entities[1].names == ("吕梁市", "吕梁")
    assert [e.name for e in g.required_entities] == ["晋绥边区革命纪念馆", "吕梁市"]
    assert g.relations[0] == GoldRelation("晋绥边区革命纪念馆", "locatedIn", "兴县", None,
                                          "兴县蔡家崖")
    assert g.relations[1].role == "市委书记"
    assert g.quantities[0] == GoldQuantity("吕梁山护工", "累计培训人数", 64000, "人",
                                           "6.4万人", "十三五", "累计培训6.4万人")
    assert g.quantities[1].period is None and g.quantities[1].value == 12.5
    assert g.questions[1] == GoldQuestion("培训多少人?", (64000,))


def test_records_are_immutable_and_hashable(tmp_path):
    g = load_gold(write(tmp_path, VALID))
    with pytest.raises(AttributeError):
        g.entities[0].name = "x"  # type: ignore[misc]
    assert len({*g.entities, *g.entities}) == 3


@pytest.mark.parametrize("doc, expected", [
    ("000_03dcd241c001a0f4.txt", "000_03dcd241c001a0f4"),
    ("a/b/001_x.txt", "001_x"),
    ("C:\\corpus\\002_y.txt", "002_y"),
    ("003_no_extension", "003_no_extension"),
])
def test_doc_id_is_file_stem(doc, expected):
    assert parse_gold({"doc": doc}).doc_id == expected


def test_optional_fields_default():
    g = parse_gold({"doc": "d.txt", "entities": [{"name": "兴县", "type": "Place"}]})
    assert g.entities[0] == GoldEntity("兴县", "Place", True, (), "")
    assert (g.relations, g.quantities, g.questions) == ((), (), ())


@pytest.mark.parametrize("data, reason", [
    ([], "expected a JSON object at top level"),
    ({}, "missing field 'doc'"),
    ({"doc": 3}, "field 'doc' must be a string"),
    ({"doc": "d.txt", "entities": {}}, "field 'entities' must be a list"),
    ({"doc": "d.txt", "entities": ["兴县"]}, "entities[0]: expected an object"),
    ({"doc": "d.txt", "entities": [{"type": "Place"}]}, "entities[0]: missing field 'name'"),
    ({"doc": "d.txt", "entities": [{"name": " ", "type": "Place"}]}, "field 'name' is empty"),
    ({"doc": "d.txt", "entities": [{"name": "x", "type": "City"}]}, "unknown entity type 'City'"),
    ({"doc": "d.txt", "entities": [{"name": "x", "type": "Place", "required": "yes"}]},
     "field 'required' must be true or false"),
    ({"doc": "d.txt", "entities": [{"name": "x", "type": "Place", "aliases": [1]}]},
     "aliases must be strings"),
    ({"doc": "d.txt", "relations": [{"subject": "a", "predicate": "near", "object": "b"}]},
     "relations[0]: unknown predicate 'near'"),
    ({"doc": "d.txt", "quantities": [{"subject": "a", "value": "12", "unit": "人"}]},
     "quantities[0]: field 'value' must be a number"),
    ({"doc": "d.txt", "quantities": [{"subject": "a", "value": True, "unit": "人"}]},
     "field 'value' must be a number"),
    ({"doc": "d.txt", "quantities": [{"subject": "a", "value": 1}]},
     "quantities[0]: missing field 'unit'"),
    ({"doc": "d.txt", "questions": [{"q": "?", "answers": [None]}]}, "answers must be"),
])
def test_malformed_raises_gold_format_error(data, reason):
    with pytest.raises(GoldFormatError) as info:
        parse_gold(data, source="bad.json")
    assert info.value.code == "E030"
    assert str(info.value).startswith("bad.json: not a gold annotation file: ")
    assert reason in str(info.value)


def test_invalid_json_names_the_file(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{"doc": "a.txt", "entities": [', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"broken\.json: .*invalid JSON"):
        load_gold(p)


def test_not_utf8(tmp_path):
    p = tmp_path / "gbk.json"
    p.write_bytes('{"doc": "吕梁.txt"}'.encode("gbk"))
    with pytest.raises(GoldFormatError, match="not UTF-8"):
        load_gold(p)


def test_utf8_bom_accepted(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"doc": "x.txt"}).encode())
    assert load_gold(p).doc_id == "x"


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        load_gold(tmp_path / "nope.json")


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared gold files not present")
def test_shared_gold_files_load():
    docs = [load_gold(p) for p in sorted(SHARED_GOLD.glob("*.json"))]
    assert [d.doc_id for d in docs] == [p.stem for p in sorted(SHARED_GOLD.glob("*.json"))]
    assert all(d.entities and d.relations and d.quantities and d.questions for d in docs)
