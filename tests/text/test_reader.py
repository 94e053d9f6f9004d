"""read_document / read_text / iter_paths, the offset-map invariants, the real corpus."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DecodeError, EmptyDocument, InputNotFound, KGError
from kg.text import Document, Sentence, iter_paths, read_document, read_text
from kg.text.normalize import normalize

ARTICLE = (
    "【高质量发展调研行】\n\n"
    "吕梁：干好 20 件大事要事\n\n"
    "3 月 27 日，吕梁市四届人大四次会议召开。固定资产投资等 19 项分指标增速超全省平均水平。\n\n"
    "北武当山國家級風景名勝區、碛口古镇闻名遐迩，景点串珠成线；中央后\n\n"
    "委旧址、晋绥边区革命纪念馆等吸引游人。\n\n"
    "能源革命初见成效\n\n"
    "通过限制“两高”项目盲目发展、保\n\n\n\n"
    "智能煤矿在山西能源革命中\n\n"
    "障优势产业先进产能，全年产量２０２１万吨。\n\n"
    "“课程设置是根据实际情况逐步完善。”吕梁市卫生学校培训科科长柳树亮回忆。\n\n"
    "图①为吕梁市脱贫攻坚领导小组。\n\n"
    "“课程设置是根据实际情况逐步完善。”吕梁市卫生学校培训科科长柳树亮回忆。\n\n"
    "本版图片由\n摄影部提供\n\n"
    "（据《山西日报》）\n"
)


def test_read_text_builds_a_consistent_document(check):
    doc = read_text(ARTICLE, doc_id="demo")
    check(doc)
    assert doc.id == "demo" and doc.original == ARTICLE
    assert doc.title == "吕梁：干好20件大事要事"
    assert doc.headings == ("【高质量发展调研行】", "能源革命初见成效")
    assert doc.source == "山西日报"
    assert len(doc.repeated) == 1
    kinds = {doc.sentence_text(s): s.kind for s in doc.sentences}
    assert kinds["图①为吕梁市脱贫攻坚领导小组。"] == "caption"
    assert kinds["智能煤矿在山西能源革命中"] == "caption"
    assert kinds["本版图片由摄影部提供"] == "credit"
    assert kinds["（据《山西日报》）"] == "credit"
    assert kinds["3月27日，吕梁市四届人大四次会议召开。"] == "body"
    assert kinds["通过限制“两高”项目盲目发展、保障优势产业先进产能，全年产量2021万吨。"] == "body"
    assert "北武当山国家级风景名胜区" in doc.text


def test_mentions_map_back_to_the_original_text():
    doc = read_text(ARTICLE, doc_id="demo")
    for surface, original in [("中央后委旧址", "中央后\n\n委旧址"), ("3月27日", "3 月 27 日"),
                              ("19项", "19 项"), ("国家级风景名胜区", "國家級風景名勝區"), ("2021万吨", "２０２１万吨")]:
        i = doc.text.index(surface)
        assert doc.original_text(i, i + len(surface)) == original
    i = doc.text.index("保障")
    assert doc.original_text(i, i + 2).startswith("保\n") and doc.original_text(i, i + 2).endswith("\n障")


def test_layout_of_the_normalised_text():
    doc = read_text(ARTICLE, doc_id="demo")
    kinds = [s.kind for s in doc.sentences]
    # body text first, captions and credits last
    first_caption = kinds.index("caption")
    assert all(k in ("caption", "credit") for k in kinds[first_caption:])
    assert kinds[:2] == ["heading", "title"]
    assert doc.text.split("\n")[1] == doc.title


def test_read_document_from_path_and_bytes(tmp_path, check):
    path = tmp_path / "015_abc.txt"
    path.write_bytes(ARTICLE.encode("gb18030"))
    doc = read_document(path)
    check(doc)
    assert doc.id == "015_abc" and doc.path == str(path) and doc.encoding == "gb18030"
    assert "encoding: gb18030" in doc.notes
    assert read_document(str(path), doc_id="other").id == "other"
    same = read_document(ARTICLE.encode("utf-16"), doc_id="015_abc")
    assert same.text == doc.text and same.starts == doc.starts and same.encoding == "utf-16-le"
    with pytest.raises(ValueError):
        read_document(b"abc")


def test_read_document_errors(tmp_path):
    with pytest.raises(InputNotFound) as info:
        read_document(tmp_path / "missing.txt")
    assert info.value.code == "E001" and "missing.txt" in str(info.value)
    with pytest.raises(DecodeError):
        read_document(tmp_path)
    with pytest.raises(DecodeError):
        read_document(b"\x00\x01\x02\x03binary", doc_id="b")
    with pytest.raises(EmptyDocument):
        read_document(b"\xef\xbb\xbf \r\n\t", doc_id="e")
    with pytest.raises(EmptyDocument):
        read_text("<html><body><script>x()</script></body></html>", doc_id="e")


def test_html_input_keeps_the_stripped_text_as_original(tmp_path, check):
    page = ("<!DOCTYPE html><html><head><title>吕梁新闻</title></head><body>"
            "<p>吕梁市位于山西省中西部&#xff0c;因吕梁山脉纵贯全境而得名&#x3002;</p>"
            "<p>图为吕梁山。</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    check(doc)
    assert "<" not in doc.original and doc.original.startswith("吕梁新闻")
    assert any("html" in note for note in doc.notes)
    assert doc.title == "吕梁新闻"
    i = doc.text.index("吕梁山脉")
    assert doc.original_text(i, i + 4) == "吕梁山脉"


def test_deterministic():
    a = read_text(ARTICLE, doc_id="d")
    b = read_text(ARTICLE, doc_id="d")
    assert a == b


def test_single_line_and_no_title_line():
    doc = read_text("吕梁市位于山西省中西部，因吕梁山脉纵贯全境而得名。2004年撤地设市。", doc_id="one")
    assert doc.title == "吕梁市位于山西省中西部，因吕梁山脉纵贯全境而得名。"
    assert [s.kind for s in doc.sentences] == ["body", "body"]


def test_iter_paths(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["a.txt", "b/c.HTML", "b/d.md", "b/e.pdf", "z.htm"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)]
    assert names == ["a.txt", "b/c.HTML", "b/d.md", "z.htm"]
    assert [p.name for p in iter_paths([str(tmp_path / "*.txt"), tmp_path / "a.txt"])] == ["a.txt"]
    assert [p.name for p in iter_paths(str(tmp_path / "**" / "*.md"))] == ["d.md"]
    assert [p.name for p in iter_paths(tmp_path / "b" / "e.pdf")] == ["e.pdf"]  # explicit files pass
    with pytest.raises(InputNotFound):
        iter_paths([tmp_path / "a.txt", tmp_path / "nope.txt"])
    with pytest.raises(InputNotFound):
        iter_paths(str(tmp_path / "*.docx"))


# --- the bundled corpus -------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir) -> list[Document]:
    return [read_document(p) for p in iter_paths(corpus_dir)]


def test_corpus_reads_with_all_invariants(corpus_docs, check):
    assert [d.id[:3] for d in corpus_docs] == ["000", "001", "002", "003", "004"]
    for doc in corpus_docs:
        check(doc)
        assert doc.encoding == "utf-8" and doc.title
        assert doc.path.endswith(doc.id + ".txt")


def test_corpus_titles_and_sources(corpus_docs):
    got = [(d.title, d.source) for d in corpus_docs]
    assert got == [
        ("山西吕梁：传承红色基因 续写砥砺前行篇章", "吕梁市委宣传统战部"),
        ("红色吕梁 绿色发展", "吕梁市委宣传统战部"),
        ("把吕梁精神用在当代", "本报记者 麻凯程"),
        ("吕梁：干好20件大事要事 全力打造“六区吕梁”", "山西日报"),
        ("1.我市13名个人和9个集体在全国脱贫攻坚总结表彰大会受到表彰", None),
    ]
    assert all(d.date is None for d in corpus_docs)  # none of the five states a publication date


def test_corpus_gold_style_evidence_is_found(corpus_docs):
    doc = corpus_docs[0]
    # The gold annotation quotes the original, line break included.
    i = doc.text.index("中央后委旧址、晋绥边区革命纪念馆")
    assert doc.original_text(i, i + 16) == "中央后\n\n委旧址、晋绥边区革命纪念馆"
    assert doc.sentence_at(i).kind == "body"
    i = corpus_docs[1].text.index("北武当山国家级风景名胜区")
    assert corpus_docs[1].original_text(i, i + 12) == "北武当山国家级风景名胜區"
    i = corpus_docs[3].text.index("干好20件大事要事")
    assert corpus_docs[3].original_text(i, i + 9) == "干好 20 件大事要事"


def test_corpus_real_caption_and_repeat(corpus_docs):
    doc = corpus_docs[0]
    captions = [doc.sentence_text(s) for s in doc.sentences if s.kind == "caption"]
    assert "智能煤矿在山西能源革命中" in captions
    body = "\n".join(doc.sentence_text(s) for s in doc.sentences if s.kind == "body")
    assert "保障优势产业先进产能" in body and "智能煤矿在山西能源革命中" not in body
    assert body.count("课程设置是根据实际情况逐步完善") == 1
    (s, e), = doc.repeated
    assert doc.original[s:e].startswith("“课程设置是根据实际情况逐步完善。”")


# --- properties -----------------------------------------------------------------------

_TOKENS = [
    "吕梁", "市", "山西省", "離石區", "國家級", "中央后", "委旧址", "，", "。", "、", "；", "？", "！", "“", "”",
    "（", "）", "《山西日报》", "……", "——", " ", "  ", "\u3000", "\t", "\n", "\n\n", "\n\n\n\n", "\r\n",
    "\u200b", "20", " 20 ", "３", "5G", " and ", "Lüliang", "图①为", "图为", "摄", " 张三 摄", "本版图片由",
    "摄影部提供", "(据《山西日报》)", "(吕梁市委宣传统战部供稿)", "【调研行】", "■ 曹娜", "本报记者 李四",
    "能源革命初见成效", "保", "障优势产业", "衣服展", "示，一旁", "2021年8月23日", "\x07",
]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=50).map("".join))
def test_reader_invariants_on_messy_text(check, text):
    try:
        doc = read_text(text, doc_id="prop")
    except EmptyDocument:
        assert not normalize(text).strip()
        return
    check(doc)
    assert read_text(text, doc_id="prop") == doc  # deterministic


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]))
def test_reader_invariants_through_encodings(check, text, codec):
    try:
        doc = read_document(text.encode(codec), doc_id="prop")
    except KGError as exc:
        assert "unreadable" not in str(exc)
        return
    check(doc)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_kg_error(check, data):
    try:
        doc = read_document(data, doc_id="fuzz")
    except KGError as exc:
        assert "unreadable" not in str(exc)  # the safety net never had to catch a bug
        return
    check(doc, spans=False)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text(check, text):
    try:
        doc = read_text(text, doc_id="t")
    except KGError as exc:
        assert "unreadable" not in str(exc)
        return
    check(doc, spans=False)


# --- performance ----------------------------------------------------------------------


def test_large_inputs_and_a_large_single_line(corpus_docs):
    # Speed is measured in benchmarks/robustness_bench.py, not asserted here.
    # ~250k characters of distinct paragraphs: corpus paragraphs with their characters
    # shuffled, so nothing is skipped as a repeat and most lines look broken (the slow path).
    rng = random.Random(7)
    paragraphs = [p for d in corpus_docs for p in d.original.split("\n") if p.strip()]
    shuffled = []
    for _ in range(2500):
        chars = list(rng.choice(paragraphs))
        rng.shuffle(chars)
        shuffled.append("".join(chars))
    big = "\n\n".join(shuffled)
    doc = read_text(big, doc_id="big")
    assert len(doc.sentences) > 1000 and not doc.repeated

    line = ("吕梁市位于山西省中西部，因吕梁山脉纵贯全境而得名 " * 14000).encode("utf-8")  # ~1 MB
    assert len(line) > 1_000_000
    doc = read_document(line, doc_id="one-line")
    assert doc.sentences and Sentence  # read, split and mapped


def test_contiguous_spans():
    doc = read_text(ARTICLE, doc_id="demo")
    i = doc.text.index("中央后委旧址")
    assert doc.contiguous(i, i + 6)  # only a line break in between
    j = doc.text.index("保障")
    assert not doc.contiguous(j, j + 2)  # the caption sits between 保 and 障 in the original
    assert doc.contiguous(j, j + 1) and doc.contiguous(j + 1, j + 2)
