"""Figures attached by the clause they stand in (kg.extract.numbers), one test per clause
form, on sentences written like news from other regions (not the bundled articles)."""

import pytest

from tests.extract._figures import about


@pytest.mark.parametrize("text, raw, subject, rule", [
    # 该/此 + the head noun of an earlier name
    ("2月23日，晋源区光伏发电项目正式开工。该项目总投资12亿元。", "12亿元", "晋源区光伏发电项目", "anaphor"),
    # 全矿: the mine the sentence before was about
    ("在大同煤矿集团塔山煤矿，5G技术已全面应用。通过技术改造，全矿减员153人。", "153人",
     "大同煤矿集团塔山煤矿", "anaphor"),
    # …and the clauses after it in the sentence
    ("在大同煤矿集团塔山煤矿，5G技术已全面应用。通过技术改造，全矿减员153人，吨煤成本降低了12元。", "12元",
     "大同煤矿集团塔山煤矿", "anaphor"),
    # 全县: the county named before, not the document's city
    ("长治市沁源县是“中国药茶之乡”，全县药材种植面积12万亩。", "12万亩", "沁源县", "level-word"),
    # a bare head noun opening its clause stands for the last name with that head
    ("晋中智能制造研究院去年挂牌。研究院依托太原理工大学建设，计划3年内投入科研经费8000万元。",
     "8000万元", "晋中智能制造研究院", "anaphor"),
    # a subject after a modifier with 的 is still the clause's subject
    ("阳城县是蚕桑大县，位于县城以东的阳城县国家现代农业产业园，年加工蚕茧能力达到5000吨。",
     "5000吨", "阳城县国家现代农业产业园", "sentence-subject"),
    # what the subject founds together with a partner is what the next clause's figures are about
    ("晋城市与中北大学签约共建晋城光机电研究院，首期投入科研经费3000万元。", "3000万元",
     "晋城光机电研究院", "program-topic"),
    # 开幕式上: the event the paragraph named
    ("第五届晋商文化节在太原开幕。开幕式上，共有28个项目集中签约。", "28个", "第五届晋商文化节", "event-frame"),
    # a place carrying out a program in the same sentence: the figures are the program's
    ("遵义市持续实施“新型职业农民培育工程”，组建专家团队深入乡镇培训农民5200人。", "5200人",
     "新型职业农民培育工程", "program-topic"),
    # people taking part in a program
    ("近年来，毕节市8.6万名贫困人口享受“先诊疗后付费”政策。", "8.6万名", "先诊疗后付费", "takes-part"),
    # 对N个X实施Y
    ("六盘水市对320个自然村实施“易地扶贫搬迁”。", "320个", "易地扶贫搬迁", "takes-part"),
    # what happened during an event is its outcome
    ("第十届茶博会在杭州开幕。茶博会期间，贵州签约项目56个。", "56个", "第十届茶博会",
     "event-frame"),
])
def test_clause_forms(text, raw, subject, rule):
    assert about(text, raw) == (subject, rule)


def test_a_place_statistic_stays_with_the_place():
    # 地区生产总值 is a region's figure even in a sentence about a program it carries out.
    subject, _ = about("遵义市坚定推进“乡村振兴示范工程”，地区生产总值完成4300亿元。", "4300亿元")
    assert subject == "遵义市"


def test_a_paragraph_opening_with_figures_reports_on_the_program_before():
    text = ("“黔灵家政”劳务品牌叫响全国，先后在上海召开推介会。\n\n"
            "截至目前，贵阳市共培训2.1万人，实现就业1.5万人。")
    assert about(text, "2.1万人")[0] == "黔灵家政"



def test_a_list_of_figures_shares_the_subject_of_its_first():
    # The region word later in the clause (全县) does not take the second and third figures
    # from the program the first is about.
    text = "今年，全县“百企帮百村”行动结对帮扶覆盖率98%、脱贫率95.5%、满意度97.2%。"
    program = "“百企帮百村”行动"
    assert about(text, "98%")[0] == program
    assert about(text, "95.5%") == (program, "figure-list")
    assert about(text, "97.2%") == (program, "figure-list")


def test_a_list_of_figures_with_names_between_does_not_share():
    # A name between two figures says whose the second is; 分别 pairs names and figures.
    text = "今年，湄潭县茶园面积60万亩、凤冈县茶园面积50万亩。"
    assert about(text, "50万亩")[0] == "凤冈县"
    both = "湄潭县、凤冈县茶园面积分别达到60万亩、50万亩。"
    assert about(both, "50万亩") == ("凤冈县", "respectively")


def test_a_name_opening_a_list_item_clause_is_no_subject():
    # 茅台镇… is one item of what the city 突出s (the list goes on with 以及): the figures of
    # the clause after are the city's.
    text = ("今年，遵义市将聚焦优势产业谋项目，突出白酒、茶叶2条产业链，茅台镇酱香白酒专业镇，"
            "以及各县特色产业，再谋划项目80个以上。")
    assert about(text, "80个")[0] == "遵义市"


def test_a_head_noun_after_a_name_the_tagger_cut_short_stands_for_it():
    # 景区 repeats the head the name was written with (黄河蛇曲|景区): the scenic area's visitors.
    from tests.extract.test_numbers import state_of
    from kg.extract.numbers import observations
    state = state_of("今年，永和县投资1.5亿元实施景区提升工程，在黄河蛇曲景区新建观景栈道2.6公里，"
                     "景区全年接待游客120万人次。",
                     {"永和县": ("Place", "County"), "黄河蛇曲": ("Place", "Place")})
    got = {o.raw: (o.about.text, o.rule) for o in observations(state)}
    assert got["120万人次"] == ("黄河蛇曲", "numbers:anaphor")


def test_a_name_after_a_subject_and_a_coverb_is_no_subject():
    # 韩城市 builds; 芝川镇 is where (在…的芝川镇): the investment is the park's it builds.
    text = "韩城市在景区周边的芝川镇规划建设了司马迁文化体验园，总投资6.2亿元，预计2026年建成。"
    assert about(text, "6.2亿元") == ("司马迁文化体验园", "program-topic")


def test_a_park_opening_a_paragraph_keeps_its_own_figures():
    # The program of the paragraph before reports on a division's figures, not a park's.
    text = ("近年来，眉县大力实施“眉县猕猴桃”品牌战略，培训果农1.2万人次。\n\n"
            "位于眉县县城东侧的眉县国家现代农业产业园，集种苗繁育、冷链仓储于一体，已入驻企业36家。")
    assert about(text, "36家")[0] == "眉县国家现代农业产业园"


def test_a_level_word_after_a_body_named_after_a_town_is_that_town():
    text = ("今年，茶峒镇与隔河相望的重庆市秀山县洪安镇签订文旅合作协议，两地共同打造跨省旅游线路。"
            "茶峒镇党委书记张明介绍，今年全镇接待游客达到56万人次。")
    assert about(text, "56万人次") == ("茶峒镇", "level-word")


def test_a_region_measure_is_a_places_whatever_the_sentence_is_about():
    # A program's sentence, but a forest cover rate is the region's (在榆林境内).
    text = ("三北防护林体系建设工程在榆林境内累计完成营造林2100多万亩，森林覆盖率达到36.8%，"
            "植被覆盖度稳定在65%以上。")
    assert about(text, "36.8%") == ("榆林市", "region-measure")  # its canonical name
    assert about(text, "2100多万亩")[0] == "三北防护林体系建设工程"


def test_from_is_no_part_of_a_measure():
    from tests.extract._figures import PIPE
    from kg.text import read_text
    st = PIPE(read_text("标题\n\n近年来，吴起县累计完成退耕还林244万亩，森林覆盖率由19.2%提高到62.9%。", doc_id="t"))
    assert {o.raw: o.measure for o in st.observations}["19.2%"] == "森林覆盖率"


def test_the_village_whose_party_branch_speaks():
    # 全村 and 村集体 after a village's party branch secretary speaks: that village.
    text = ("寿宁县下党乡下党村曾是贫困村。“下党村的变化很大。”下党村党支部书记王明说，"
            "村集体经济收入从几乎为零增加到去年的120万元。"
            "如今，全村发展起茶叶和乡村旅游两大产业，去年接待游客16万人次。")
    assert about(text, "120万元") == ("下党村", "level-word")
    assert about(text, "16万人次") == ("下党村", "level-word")
