"""A batch of bad inputs built with the real ``kg build`` (subprocess), beside two good articles.

The batch (written into a temp directory by :func:`make_batch`):

=====================  =====================================================  ===========
input                  what                                                   expected
=====================  =====================================================  ===========
``003_…``, ``004_…``   two bundled articles, UTF-8                            built
``empty.txt``          0 bytes                                                E003
``blank.txt``          spaces, tabs, ideographic spaces, a zero-width space   E003
``photo.txt``          a PNG header and random bytes                          E002
``enc/*.txt`` (glob)   GB18030 (with 䶮, not in GBK), GBK, UTF-16 LE and BE   built
                       with a BOM, UTF-8 with a BOM
``page.html``          title, style, two scripts (Chinese inside), entities   built, text only
``oneline.txt``        1,000,000 bytes, no line break: a data export, a       built
                       Chinese sentence every ~2 KB
``mixed.txt``          Chinese and English with emoji (a flag, a ZWJ-free     built
                       pictograph), a URL with Chinese in it
``trad/`` (directory)  004 converted with OpenCC ``s2t``; a ``.png`` beside   built; png ignored
``missing.txt``        does not exist                                         E001
``nomatch/*.txt``      a glob matching nothing                                E001
=====================  =====================================================  ===========

Exit status 3 (built, some inputs skipped), one ``skipped [Exxx] path: reason`` line per bad
input, no traceback; the good articles yield the same entities as when built alone; the
traditional article the same entities as its simplified original.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

import kg
from kg.rdf.iris import doc_iri

GOOD = ("003_50ea69b444730b6f", "004_3dc35f487da7a829")
GB_TEXT = "吕梁日报\n\n临县位于吕梁市西部。2023年，临县红枣种植面积达到80万亩，䶮字测试。\n"
GBK_TEXT = "山西日报\n\n兴县蔡家崖村有晋绥边区革命纪念馆，兴县隶属吕梁市。\n"
U_TEXT = "吕梁新闻\n\n离石区位于吕梁市。{county}与离石区相邻。\n"
HTML = """<!DOCTYPE html><html><head><title>交城县新闻</title><meta charset="utf-8">
<style>body { color: red } .吕梁样式 { }</style>
<script>var secret = "脚本里的汾阳市不应出现"; document.write("<p>孝义市</p>");</script></head>
<body><div class="nav">首页 &gt; 新闻</div>
<h1>交城县新闻</h1><p>交城县位于吕梁市，&ldquo;交城山&rdquo;闻名。</p>
<script type="text/javascript">alert("文水县")</script><p>交城县与文水县相邻。</p></body></html>"""
MIXED = ("Lüliang 吕梁 news 🚄🌄\n\nThe city of 吕梁市 (Lüliang) is in 山西省 Shanxi 🇨🇳. 汾阳市 is famous "
         "for Fenjiu 🍶 酒。Visit 碛口古镇 😀! e-mail: news@example.cn, https://example.com/吕梁?x=1\n")
# what the command line names, in order
ARGS = [f"{GOOD[0]}.txt", f"{GOOD[1]}.txt", "empty.txt", "blank.txt", "photo.txt", "enc/*.txt",
        "page.html", "oneline.txt", "mixed.txt", "trad", "missing.txt", "nomatch/*.txt"]
SKIPPED = {"empty.txt": "E003", "blank.txt": "E003", "photo.txt": "E002", "missing.txt": "E001",
           "nomatch/*.txt": "E001"}
BUILT = {*GOOD, "gb18030", "gbk", "utf16le", "utf16be", "utf8bom", "page", "oneline", "mixed", "trad_004"}
# characters OpenCC s2t writes that are also simplified (GB2312) characters: the normaliser
# keeps them as written (乾县 must not become 干县), so labels may keep them
AMBIGUOUS_TRADITIONAL = set("後於瞭覆藉乾徵著")

ENTITIES = "SELECT DISTINCT ?l ?t WHERE { GRAPH ?d { ?e a ?t ; rdfs:label ?l } }"


def one_line(size: int = 1_000_000) -> str:
    """A data export on one line: Latin rows, a Chinese sentence every ~2 KB."""
    parts = []
    i = 0
    while sum(map(len, parts)) < size:
        parts.append("".join(f"row {i}.{k}, station LL-{i:05d}, value {k * 3.7:.1f} kWh, status ok; "
                             for k in range(40)))
        parts.append("兴县隶属吕梁市，临县与兴县相邻。")
        i += 1
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def make_batch(root: Path, corpus_paths: list[Path]) -> Path:
    from opencc import OpenCC

    d = root / "batch"
    d.mkdir()
    by_stem = {p.stem: p for p in corpus_paths}
    for g in GOOD:
        shutil.copy(by_stem[g], d / f"{g}.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\t\u3000\u3000\n\u200b \r\n\n", encoding="utf-8")
    rng = random.Random(8)
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4096))
    enc = d / "enc"
    enc.mkdir()
    (enc / "gb18030.txt").write_bytes(GB_TEXT.encode("gb18030"))
    (enc / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (enc / "utf16le.txt").write_bytes(b"\xff\xfe" + U_TEXT.format(county="柳林县").encode("utf-16-le"))
    (enc / "utf16be.txt").write_bytes(b"\xfe\xff" + U_TEXT.format(county="中阳县").encode("utf-16-be"))
    (enc / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + U_TEXT.format(county="方山县").encode("utf-8"))
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "oneline.txt").write_text(one_line(), encoding="utf-8")
    (d / "mixed.txt").write_text(MIXED, encoding="utf-8")
    trad = d / "trad"
    trad.mkdir()
    simplified = by_stem[GOOD[1]].read_text(encoding="utf-8")
    (trad / "trad_004.txt").write_text(OpenCC("s2t").convert(simplified), encoding="utf-8")
    (trad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return d


@pytest.fixture(scope="module")
def batch(tmp_path_factory, corpus_paths, run_kg):
    d = make_batch(tmp_path_factory.mktemp("bad-inputs"), corpus_paths)
    assert (d / "oneline.txt").stat().st_size == 1_000_000
    assert "\n" not in (d / "oneline.txt").read_text(encoding="utf-8")
    res = run_kg("build", *ARGS, "-o", "out.trig", cwd=d, timeout=300)
    return d, res


@pytest.fixture(scope="module")
def built(batch):
    d, res = batch
    assert res.returncode == 3, res.stderr
    return kg.load(d / "out.trig")


def entities(graph, doc_id: str) -> set[tuple[str, str]]:
    rows = graph.query(ENTITIES.replace("?d", f"<{doc_iri(doc_id)}>"))
    return {(str(r["l"]), str(r["t"]).rsplit("#", 1)[-1]) for r in rows}


def test_exit_status_and_one_line_per_skipped_input(batch):
    d, res = batch
    assert res.returncode == 3, res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    skipped = [ln for ln in lines if ln.startswith("skipped")]
    assert len(skipped) == len(SKIPPED) == len(lines), res.stderr
    for name, code in SKIPPED.items():
        (line,) = [ln for ln in skipped if f"] {name}:" in ln]
        assert f"[{code}]" in line, line
        assert re.search(r": \S.*", line.split(name, 1)[1]), f"no reason given: {line}"
    assert "documents" in res.stdout and "out.trig" in res.stdout
    leftovers = [p.name for p in d.iterdir() if p.name.startswith(".out.trig.")]
    assert leftovers == []


def test_every_decodable_document_is_built(built):
    docs = {str(r["id"]) for r in built.query("SELECT ?id WHERE { ?d a lv:Document ; dcterms:identifier ?id }")}
    assert docs == BUILT


@pytest.mark.parametrize("doc_id,text", [
    ("gb18030", GB_TEXT), ("gbk", GBK_TEXT), ("utf16le", U_TEXT.format(county="柳林县")),
    ("utf16be", U_TEXT.format(county="中阳县")), ("utf8bom", U_TEXT.format(county="方山县")),
    ("mixed", MIXED)])
def test_encodings_decode_to_the_exact_text(built, doc_id, text):
    (row,) = built.query("SELECT ?s WHERE { ?d dcterms:identifier ?id ; nif:isString ?s }", id=doc_id)
    assert str(row["s"]) == text  # BOM removed, nothing else touched (䶮 and emoji included)


def test_encoded_documents_yield_their_entities(built):
    assert {"临县", "吕梁市"} <= {label for label, _ in entities(built, "gb18030")}
    assert {"兴县", "蔡家崖村", "晋绥边区革命纪念馆"} <= {label for label, _ in entities(built, "gbk")}
    for doc_id, county in (("utf16le", "柳林县"), ("utf16be", "中阳县"), ("utf8bom", "方山县")):
        assert {("离石区", "District"), (county, "County"), ("吕梁市", "City")} <= entities(built, doc_id)
    assert {("吕梁市", "City"), ("山西省", "Province"), ("汾阳市", "CountyLevelCity")} <= entities(built, "mixed")


def test_html_keeps_the_text_and_drops_scripts_and_styles(built):
    (row,) = built.query("SELECT ?s WHERE { ?d dcterms:identifier 'page' ; nif:isString ?s }")
    text = str(row["s"])
    assert text.startswith("交城县新闻")
    assert "交城县位于吕梁市，“交城山”闻名。" in text and "首页 > 新闻" in text
    for gone in ("<", "secret", "脚本", "孝义市", "alert", "文水县\")", "color", "吕梁样式"):
        assert gone not in text, gone
    labels = {label for label, _ in entities(built, "page")}
    assert {"交城县", "文水县"} <= labels and not labels & {"汾阳市", "孝义市"}


def test_the_one_line_document_is_built(built):
    found = entities(built, "oneline")
    assert {("兴县", "County"), ("临县", "County")} <= found
    (row,) = built.query(f"SELECT (COUNT(?m) AS ?n) (MAX(?b) AS ?last) WHERE {{ GRAPH <{doc_iri('oneline')}> "
                         "{ ?m itsrdf:taIdentRef ?e ; nif:beginIndex ?b } }")
    (size,) = built.query("SELECT (STRLEN(?s) AS ?n) WHERE { ?d dcterms:identifier 'oneline' ; nif:isString ?s }")
    assert int(row["n"]) > 400  # every Chinese sentence of the line was read …
    assert int(row["last"]) > 0.99 * int(size["n"])  # … to its end


def test_good_articles_yield_the_same_entities_as_alone(built, batch):
    d, _ = batch
    for doc_id in GOOD:
        alone = kg.build([d / f"{doc_id}.txt"])
        expected = entities(alone, doc_id)
        assert len(expected) > 10
        assert entities(built, doc_id) == expected, doc_id


def test_traditional_article_yields_the_simplified_entities(built):
    from opencc import OpenCC

    t2s = OpenCC("t2s").convert
    trad, simp = entities(built, "trad_004"), entities(built, GOOD[1])
    assert len(trad) == len(simp) > 30
    assert {(t2s(label), t) for label, t in trad} == {(t2s(label), t) for label, t in simp}
    differ = trad - simp
    # only labels holding a character s2t writes that is also a simplified character
    assert all(set(label) & AMBIGUOUS_TRADITIONAL for label, _ in differ), differ
    assert len(differ) <= 2, differ
    # aliases keep the traditional surface forms as written
    rows = built.query(f"SELECT ?l ?a WHERE {{ GRAPH <{doc_iri('trad_004')}> {{ ?e rdfs:label ?l ; "
                       f"skos:altLabel ?a }} }}")
    alts = {(str(r["l"]), str(r["a"])) for r in rows}
    for label, alias in (("两不愁三保障", "兩不愁三保障"), ("吕梁市教育局", "呂梁市教育局"), ("中国共产党", "中國共產黨")):
        assert (label, alias) in alts, (label, sorted(a for lab, a in alts if lab == label))


def test_only_bad_inputs_exit_2_and_write_nothing(batch, run_kg):
    d, _ = batch
    res = run_kg("build", "empty.txt", "blank.txt", "photo.txt", "missing.txt", "trad/image.png",
                 "-o", "nothing.trig", cwd=d)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert "error[E006]" in res.stderr
    for name in ("empty.txt", "blank.txt", "photo.txt", "missing.txt", "image.png"):
        assert name in res.stderr, name
    assert not (d / "nothing.trig").exists()
    assert not list(d.glob(".nothing.trig.*"))
