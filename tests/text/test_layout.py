"""Layout: broken lines, captions, credits, headings, title, repeats, source, date."""

from __future__ import annotations

import pytest

from kg.text.credits import credited_source, line_kind, stated_date, trailing_credit
from kg.text.layout import analyse
from kg.text.repeats import find_repeats
from kg.text.wordbreak import straddles

BODY = "吕梁市位于山西省中西部，因吕梁山脉纵贯全境而得名。"
BODY2 = "吕梁历史悠久，是人类文明重要发祥地，远在旧石器时代就有人类繁衍生息。"


def blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in analyse(text).blocks]


def test_broken_line_is_rejoined():
    text = f"标题\n\n{BODY}\n\n景点串珠成线，托起乡村振兴梦想；中央后\n\n委旧址、晋绥边区革命纪念馆等吸引游人。"
    assert blocks(text)[-1] == ("body", "景点串珠成线，托起乡村振兴梦想；中央后委旧址、晋绥边区革命纪念馆等吸引游人。")


def test_caption_inside_a_broken_sentence():
    # 000_*.txt: the scan put the photo caption between "保" and "障".
    text = ("标题\n\n" + BODY + "\n\n同时，立足能源结构和产业实际，通过限制“两高”项目盲目发展、保\n\n\n\n"
            "智能煤矿在山西能源革命中\n\n障优势产业先进产能、增加新能源占比等系统化改革。\n\n" + BODY2)
    got = blocks(text)
    assert ("body", "同时，立足能源结构和产业实际，通过限制“两高”项目盲目发展、保障优势产业先进产能、"
                    "增加新能源占比等系统化改革。") in got
    assert got[-1] == ("caption", "智能煤矿在山西能源革命中")


def test_caption_inside_a_broken_sentence_without_a_wider_gap():
    text = ("标题\n\n" + BODY + "\n\n通过限制“两高”项目盲目发展、保\n\n智能煤矿在山西能源革命中\n\n"
            "障优势产业先进产能。\n\n" + BODY2)
    got = blocks(text)
    assert ("body", "通过限制“两高”项目盲目发展、保障优势产业先进产能。") in got
    assert ("caption", "智能煤矿在山西能源革命中") in got


def test_heading_after_a_broken_line_is_not_a_caption():
    text = ("标题\n\n" + BODY + "\n\n为山西全方位推进高质量发展提供了\n\n搭起党群干群“连心桥”\n\n"
            "夏日的菁菁校园，一个个红色故事浸润着童心。")
    assert blocks(text)[2:] == [("body", "为山西全方位推进高质量发展提供了"),
                                ("heading", "搭起党群干群“连心桥”"),
                                ("body", "夏日的菁菁校园，一个个红色故事浸润着童心。")]


def test_short_broken_line_is_not_a_heading():
    # 000_*.txt: "教师马树平拿起几件不同材质的衣服展" / "示，一旁的投影屏幕…"
    text = "标题\n\n" + BODY + "\n\n教师马树平拿起几件不同材质的衣服展\n\n示，一旁的投影屏幕更新提示着收纳要点。"
    assert blocks(text)[-1] == ("body", "教师马树平拿起几件不同材质的衣服展示，一旁的投影屏幕更新提示着收纳要点。")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("图①为吕梁市脱贫攻坚领导小组成为我省唯一获得党中央国务院表彰的市级先进集体。", "caption"),
        ("图为吕梁山护工接受培训。", "caption"),
        ("上图：碛口古镇。", "caption"),
        ("位于吕梁经开区的山西美锦氢燃料商用车生产线上，工人正在对整车进行质检作业。 侯利军 摄", "caption"),
        ("刘胡兰纪念馆。（记者 张三 摄）", "caption"),
        ("中阳县东义集团煤气化有限公司鑫岩煤矿。 资料图片", "caption"),
        ("本版图片均由冯坤摄", "credit"),
        ("本版图片由摄影部提供", "credit"),
        ("(本版文字、图片由吕梁市委宣传统战部提供)", "credit"),
        ("(吕梁市委宣传统战部供稿)", "credit"),
        ("（据《山西日报》）", "credit"),
        ("来源：吕梁日报", "credit"),
        ("■ 曹娜", "credit"),
        ("本报记者 张三 李四", "credit"),
        ("新华社记者 王五", "credit"),
        ("主办单位:全国弘扬践行革命精神红色宣传联盟", "credit"),
        ("责任编辑：赵六", "credit"),
        ("吕梁是革命老区。", None),
        ("无人机进行拍摄", None),
        ("图书馆开馆", None),
    ],
)
def test_caption_and_credit_patterns(line, kind):
    from kg.text.normalize import normalize

    assert line_kind(normalize(line)) == kind


def test_caption_and_credit_blocks_go_after_the_body():
    text = (f"标题\n\n图①为吕梁市脱贫攻坚领导小组。\n\n{BODY}\n\n本版图片由\n摄影部提供\n\n"
            "第二段内容，说明情况。")
    assert blocks(text) == [("title", "标题"), ("body", BODY), ("body", "第二段内容，说明情况。"),
                            ("caption", "图①为吕梁市脱贫攻坚领导小组。"), ("credit", "本版图片由摄影部提供")]


def test_photo_credit_line_ending_with_she():
    text = f"标题\n\n{BODY}\n\n吕梁山风光。 张三 摄\n\n{BODY[:-1]}，历史悠久。"
    assert ("caption", "吕梁山风光。张三 摄") in blocks(text)


def test_trailing_credit_in_a_body_line_is_its_own_sentence_kind():
    text = "标题\n\n全市上下阔步前行。(本报记者 麻凯程 整理/文)"
    layout = analyse(text)
    body = layout.blocks[-1]
    assert [(p.kind, p.line.text[p.lo:p.hi]) for p in body.parts] == [
        ("body", "全市上下阔步前行。"), ("credit", "(本报记者 麻凯程 整理/文)")]
    assert layout.source == "本报记者 麻凯程"
    assert trailing_credit("建成华为山西(吕梁)大数据中心。") is None


def test_headings_title_and_column_tag():
    text = ("【高质量发展调研行】\n\n吕梁：干好 20 件大事要事\n\n“过去的一年，成绩鼓舞人心。”\n\n"
            "“六区吕梁”绘出新蓝图\n\n老区不老，风华正茂。")
    assert blocks(text) == [("heading", "【高质量发展调研行】"), ("title", "吕梁：干好20件大事要事"),
                            ("body", "“过去的一年，成绩鼓舞人心。”"), ("heading", "“六区吕梁”绘出新蓝图"),
                            ("body", "老区不老，风华正茂。")]


def test_heading_chain():
    text = (f"标题\n\n{BODY}\n\n红土地书写脱贫致富新答卷\n\n坚持试点先行 扎实开展易地扶贫搬迁和金融扶贫\n\n{BODY2}")
    assert [k for k, _ in blocks(text)] == ["title", "body", "heading", "heading", "body"]


def test_wide_gap_captions_are_learnt_per_document():
    # Captions set apart by three blank lines, paragraphs by one (001_*.txt style).
    text = (f"标题\n\n{BODY}\n\n\n\n临县城东山环境绿化工程。\n\n{BODY2}\n\n2019年地区生产总值完成\n\n\n\n"
            f"母亲护理就业。\n\n1512.1亿元，增长5.7%。")
    got = blocks(text)
    assert ("caption", "临县城东山环境绿化工程。") in got and ("caption", "母亲护理就业。") in got
    assert ("body", "2019年地区生产总值完成1512.1亿元，增长5.7%。") in got


def test_a_sentence_resumes_after_a_caption_by_pattern():
    # Captions set apart by three blank lines; one by pattern (图为…) cut a sentence after
    # its comma, and the rest of the sentence, set apart the same way, is body, not caption.
    text = (f"标题\n\n{BODY}\n\n\n\n临县城东山环境绿化工程。\n\n{BODY2}\n\n纪念馆馆长谢海燕介绍，\n\n\n\n"
            f"图为游客在纪念碑前参观。（记者 钟燕 摄）\n\n\n\n纪念馆去年接待游客156万人次。\n\n{BODY}")
    got = blocks(text)
    assert ("body", "纪念馆馆长谢海燕介绍，纪念馆去年接待游客156万人次。") in got
    assert ("caption", "临县城东山环境绿化工程。") in got


def test_a_caption_after_a_caption_stays_a_caption():
    # The sentence before ends: a second line set apart after a caption is a caption too.
    text = (f"标题\n\n{BODY}\n\n\n\n临县城东山环境绿化工程。\n\n{BODY2}\n\n纪念馆馆长介绍了情况。\n\n\n\n"
            f"图为游客在纪念碑前参观。（记者 钟燕 摄）\n\n\n\n碛口古镇夜景。\n\n{BODY}\n\n{BODY2}")
    got = blocks(text)
    assert ("caption", "碛口古镇夜景。") in got
    assert ("body", "纪念馆馆长介绍了情况。") in got


def test_short_paragraphs_are_not_captions_without_that_style():
    text = f"标题\n\n{BODY}\n\n\n\n实现重大地质灾害全天候监测。\n\n{BODY2}"
    assert ("body", "实现重大地质灾害全天候监测。") in blocks(text)


def test_hard_wrapped_text_is_rejoined():
    text = ("标题\n\n吕梁市位于山西省中西部，因吕梁山脉纵贯\n全境而得名。1971年组建地区，\n2004年撤地设市。\n\n"
            "第二段从这里开始，说明情况。\n继续第二段。")
    assert blocks(text) == [("title", "标题"),
                            ("body", "吕梁市位于山西省中西部，因吕梁山脉纵贯全境而得名。1971年组建地区，2004年撤地设市。"),
                            ("body", "第二段从这里开始，说明情况。继续第二段。")]


def test_latin_words_broken_over_lines_keep_a_space():
    assert blocks("Title\n\nLuliang is a city in\nShanxi province.")[-1] == (
        "body", "Luliang is a city in Shanxi province.")


def test_repeated_paragraph_is_skipped_and_recorded():
    para = "“课程设置是根据实际情况逐步完善。”吕梁市卫生学校培训科科长柳树亮回忆。"
    text = f"标题\n\n{para}\n\n{BODY}\n\n{para}\n"
    layout = analyse(text)
    assert [b.text for b in layout.blocks] == ["标题", para, BODY]
    (s, e), = layout.repeated
    assert text[s:e] == para and s > text.index(BODY)


def test_near_identical_paragraph_is_skipped():
    a = ("同时，吕梁市扎实推进以护工为主的贫困劳动力技能培训，先后在北京、太原、青岛等地召开推介会，"
         "组建了驻北京、天津、青岛等地6个服务部和17个服务站。")
    b = a.replace("和17", " and 17")
    layout = analyse(f"标题\n\n{a}\n\n{BODY}\n\n{b}")
    assert len(layout.repeated) == 1 and len(layout.blocks) == 3


def test_repeat_detection_is_not_fooled_by_list_items():
    items = ["——打造1000亿级氢都吕梁，建成北方氢能产业基地。",
             "——打造1000亿级酒都吕梁，建成世界级清香型白酒核心产区。",
             "——打造1000亿级现代煤化工基地，坚持煤焦产业由以焦为主向焦化并举发展。"]
    assert find_repeats(items) == [None, None, None]


def test_repeat_detection_is_linear_on_degenerate_input():
    keys = ["同一行重复的内容很长很长很长很长很长很长很长很长" + str(i % 3) for i in range(20000)]
    result = find_repeats(keys)
    assert result[:3] == [None, None, None] and result[3] == 0


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("(吕梁市委宣传统战部供稿)", "吕梁市委宣传统战部"),
        ("(本版文字、图片由吕梁市委宣传统战部提供)", "吕梁市委宣传统战部"),
        ("（据《山西日报》）", "山西日报"),
        ("来源：吕梁日报", "吕梁日报"),
        ("本报记者 张三", "本报记者 张三"),
        ("(记者 李四)", "记者 李四"),
        ("■ 曹娜", "曹娜"),
        ("本版图片均由冯坤摄", None),
    ],
)
def test_credited_source(line, source):
    assert credited_source(line) == source


def test_source_is_the_first_text_credit():
    text = f"标题\n\n{BODY}\n\n本版图片由摄影部提供\n\n(吕梁市委宣传统战部供稿)\n\n（据《山西日报》）"
    assert analyse(text).source == "吕梁市委宣传统战部"
    assert analyse(f"标题\n\n{BODY}").source is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (f"标题\n\n2021年8月23日 星期一\n\n{BODY}", "2021-08-23"),
        (f"标题\n\n{BODY}\n\n（记者 张三 2021年8月23日）", "2021-08-23"),
        (f"标题\n\n发布时间：2021-08-23 10:30 来源：吕梁日报\n\n{BODY}", "2021-08-23"),
        (f"标题\n\n新华社太原2021年8月23日电 {BODY}", "2021-08-23"),
        (f"标题\n\n2021年8月23日，吕梁市召开了全市党史学习教育部署会，会议强调要深入学习。", None),
        (f"标题\n\n2021年2月30日 星期一\n\n{BODY}", None),
    ],
)
def test_stated_date(text, date):
    assert analyse(text).date == date


def test_stated_date_only_for_lines_about_the_date():
    assert stated_date("二〇二一年八月二十三日") == "2021-08-23"
    assert stated_date("6月26日9时46分，伴随一声汽笛长鸣") is None


def test_wordbreak():
    assert straddles("通过限制“两高”项目盲目发展、保", "障优势产业先进产能")
    assert straddles("吕梁市迫切需", "要高新技术人才")
    assert not straddles("能源革命初见成效", "作为山西省中部")
    assert not straddles("厚植梧桐引凤来", "近年来，吕梁市")
    assert not straddles("吕梁", "山西")
    assert not straddles("增加值完成", "693.2亿元")


# --- the bundled corpus -------------------------------------------------------------


def corpus_layout(corpus_dir, stem):
    (path,) = corpus_dir.glob(f"{stem}_*.txt")
    return analyse(path.read_text(encoding="utf-8"))


def test_corpus_000_captions_and_broken_sentences(corpus_dir):
    layout = corpus_layout(corpus_dir, "000")
    captions = [b.text for b in layout.blocks if b.kind == "caption"]
    assert captions == ["晋中全景", "智能煤矿在山西能源革命中", "“复兴号”动车组穿行在吕梁山区", "晋绥边区革命纪念馆",
                        "吕梁市大数据运营中心", "吕梁市各高校有数地开展联建", "吕梁山护工接受母婴护理培训"]
    bodies = "\n".join(b.text for b in layout.blocks if b.kind == "body")
    for joined in ("保障优势产业", "中央后委旧址", "迫切需要高新技术人才", "优化服务保障", "衣服展示，", "省会城市的3小时经济圈"):
        assert joined in bodies
    headings = [b.text for b in layout.blocks if b.kind == "heading"]
    assert "能源革命初见成效" in headings and "“吕梁山护工”响当当" in headings
    assert layout.source == "吕梁市委宣传统战部"


def test_corpus_000_repeated_paragraph(corpus_dir):
    layout = corpus_layout(corpus_dir, "000")
    (s, e), = layout.repeated
    repeated = layout.original[s:e]
    assert repeated.startswith("“课程设置是根据实际情况逐步完善。”吕梁市卫生学校培训科科长柳树亮回忆")
    assert layout.original.index(repeated) < s  # the first copy is the one read


def test_corpus_001_repeats_captions_and_credits(corpus_dir):
    layout = corpus_layout(corpus_dir, "001")
    repeated = [layout.original[s:e][:12] for s, e in layout.repeated]
    # exact copies, the "6个服务部 and 17个服务站" near-copy and a repeated caption
    assert repeated == ["特别是今年以来,吕梁市出", "同时,吕梁市扎实推进以护", "截至目前,吕梁共培训5.", "工作人员正在宣传农业技术"]
    kinds = {b.text: b.kind for b in layout.blocks}
    assert kinds["临县城东山环境绿化工程。"] == "caption"
    assert kinds["干旱之年喜丰收,渗水地矗立大功。"] == "caption"
    assert kinds["本版图片均由冯坤摄"] == "credit"
    assert kinds["■曹娜"] == "credit"
    assert kinds["(吕梁市委宣传统战部供稿)"] == "credit"
    assert any("规模以上工业增加值完成693.2亿元" in t for t in kinds)
    assert any("而且,加强县级干部履职尽责。" in t for t in kinds)
    assert layout.source == "吕梁市委宣传统战部"


def test_corpus_002_captions_and_reporter_credit(corpus_dir):
    layout = corpus_layout(corpus_dir, "002")
    assert layout.blocks[0].kind == "title" and layout.blocks[0].text == "把吕梁精神用在当代"
    assert layout.blocks[1].kind == "heading"
    captions = [b.text for b in layout.blocks if b.kind == "caption"]
    assert captions[:5] == ["石楼红军东征纪念馆。", "汾阳肖家庄镇八十堡村玉米丰收,农民在玉米堆上话收成。",
                            "晋绥边区革命纪念馆一角。", "方山县邵家庄村民对采摘的沙棘进行二次筛选。", "孝义皮影戏。"]
    assert layout.source == "本报记者 麻凯程"


def test_corpus_003_tag_photo_credits_and_source(corpus_dir):
    layout = corpus_layout(corpus_dir, "003")
    assert [(b.kind, b.text) for b in layout.blocks[:2]] == [
        ("heading", "【高质量发展调研行】"), ("title", "吕梁：干好20件大事要事 全力打造“六区吕梁”")]
    captions = [b.text for b in layout.blocks if b.kind == "caption"]
    assert captions == ["位于吕梁经开区的山西美锦氢燃料商用车生产线上，工人正在对整车进行质检作业。侯利军 摄",
                        "中阳县东义集团煤气化有限公司鑫岩煤矿。资料图片"]
    assert any("是吕梁推进铝镁精深加工、延伸铝镁产业链条的重点项目" in b.text for b in layout.blocks)
    assert layout.source == "山西日报"


def test_corpus_004_numbered_captions_and_split_credit(corpus_dir):
    layout = corpus_layout(corpus_dir, "004")
    assert layout.blocks[0].kind == "title"
    assert layout.blocks[0].text.startswith("1.我市13名个人和9个集体")
    kinds = [b.kind for b in layout.blocks]
    assert kinds.count("caption") == 8 and kinds.count("heading") == 9
    assert layout.blocks[-1].kind == "credit" and layout.blocks[-1].text == "本版图片由摄影部提供"
    assert layout.source is None
