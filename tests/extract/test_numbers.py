"""The ``numbers`` component: quantities in body sentences become Observation records."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from kg.corpus import bundled_paths
from kg.extract.numbers import NumberFinder, observations
from kg.extract.pipeline import COMPONENTS, DEFAULT_PIPELINE, DocState, Pipeline, PipelineOrderError
from kg.records import Mention, Observation
from kg.text import read_document, read_text

D = Decimal
GOLD = Path("/work/shared/gold")


def state_of(body: str, names: dict[str, tuple[str, str]], *, date: str | None = None,
             title: str = "吕梁新闻") -> DocState:
    """A state whose mentions are every occurrence of ``names`` (surface → core, cls)."""
    doc = read_text(f"{title}\n\n{body}", doc_id="t")
    if date:
        doc = replace(doc, date=date)
    mentions = []
    taken = bytearray(len(doc.text))
    for surface in sorted(names, key=len, reverse=True):
        core, cls = names[surface]
        for m in re.finditer(re.escape(surface), doc.text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * len(surface)
            mentions.append(Mention(m.start(), m.end(), surface, core, cls, rule="test", confidence=0.9))
    return DocState(doc=doc, mentions=sorted(mentions, key=lambda m: (m.start, -m.length)))


def run(body: str, names: dict[str, tuple[str, str]], **kw) -> list[Observation]:
    state = state_of(body, names, **kw)
    NumberFinder()(state)
    return state.observations


def rows(obs: list[Observation]) -> list[tuple]:
    return [(o.raw, o.value, o.unit, o.measure, o.about.text, o.rule) for o in obs]


CITY = {"吕梁市": ("Place", "City")}


class TestComponent:
    def test_registered(self):
        comp = COMPONENTS.create("numbers")
        assert isinstance(comp, NumberFinder)
        assert (comp.requires, comp.provides) == (("mentions",), ("observations",))

    def test_needs_mentions(self):
        with pytest.raises(PipelineOrderError):
            Pipeline(["numbers"])

    def test_runs_in_a_pipeline(self):
        doc = read_text("吕梁新闻\n\n兴县有贫困村1439个。", doc_id="d")
        state = Pipeline(["lexicon", "select", "numbers"])(doc)
        assert rows(state.observations) == [
            ("1439个", D(1439), "个", "贫困村", "兴县", "numbers:clause-subject")]
        assert state.trace[-1] == "numbers"

    def test_min_confidence(self):
        state = state_of("全市林草覆盖率达到了72.26%。吕梁市很美，吕梁市很好。", CITY)
        NumberFinder(min_confidence=0.99)(state)
        assert state.observations == []

    def test_about_is_one_of_the_mentions(self):
        state = state_of("吕梁市今年完成产气量12.7亿立方米。兴县有贫困村1439个。",
                         {**CITY, "兴县": ("Place", "County")})
        obs = observations(state)
        assert len(obs) == 2
        for o in obs:
            assert any(o.about is m for m in state.mentions)
            assert state.doc.text[o.start:o.end] == o.raw
            assert o.rule.startswith("numbers:") and 0 < o.confidence <= 1


class TestValuesAndMeasures:
    def test_gas_output_and_growth(self):
        obs = run("吕梁市今年1-7月完成产气量12.7亿立方米，同比增长131%。", CITY)
        assert [(o.raw, o.value, o.unit, o.measure, o.period) for o in obs] == [
            ("12.7亿立方米", D(1270000000), "立方米", "产气量", "今年1-7月"),
            ("131%", D(131), "%", "产气量同比增长", "今年1-7月")]
        assert all(o.about.text == "吕梁市" for o in obs)

    def test_period_resolved_against_the_document_date(self):
        obs = run("吕梁市今年1-7月完成产气量12.7亿立方米。", CITY, date="2021-08-10")
        assert (obs[0].period, obs[0].period_start, obs[0].period_end) == (
            "今年1-7月", "2021-01-01", "2021-07-31")

    def test_plan_period_from_an_earlier_clause(self):
        obs = run("“十三五”期间，吕梁市共举办34期培训班，累计培训6.4万人，其中贫困人口2.6万人。", CITY)
        assert [(o.raw, o.value, o.unit, o.measure) for o in obs] == [
            ("34期", D(34), "期", "举办培训班"),
            ("6.4万人", D(64000), "人", "累计培训"),
            ("2.6万人", D(26000), "人", "贫困人口")]
        assert {(o.period, o.period_start, o.period_end) for o in obs} == {("“十三五”期间", "2016", "2020")}

    def test_money(self):
        obs = run("吕梁市签约一批项目42个，总投资额183.61亿元。", CITY)
        assert [(o.raw, o.value, o.unit, o.measure) for o in obs] == [
            ("42个", D(42), "个", "签约项目"), ("183.61亿元", D(18361000000), "元", "总投资额")]

    def test_counted_nouns(self):
        obs = run("吕梁市建成2座智能化煤矿、128处智能化采掘工作面。", CITY)
        assert [(o.value, o.unit, o.measure) for o in obs] == [
            (D(2), "座", "建成智能化煤矿"), (D(128), "处", "智能化采掘工作面数量")]

    def test_change_named_after_the_measure_before_it(self):
        obs = run("2019年吕梁市地区生产总值完成1512.1亿元，增长5.7%。", CITY)
        assert [(o.measure, o.period, o.period_start) for o in obs] == [
            ("地区生产总值", "2019年", "2019"), ("地区生产总值增长", "2019年", "2019")]

    def test_adjacent_numbers_share_the_measure(self):
        obs = run("吕梁市累计减贫21.7万户58.5万人。", CITY)
        assert [(o.value, o.unit, o.measure) for o in obs] == [
            (D(217000), "户", "累计减贫"), (D(585000), "人", "累计减贫")]

    def test_list_of_values_shares_the_measure(self):
        obs = run("吕梁市铁矿石保有储量为13亿吨、6.49亿吨。", CITY)
        assert [(o.value, o.measure) for o in obs] == [
            (D(1300000000), "铁矿石保有储量"), (D(649000000), "铁矿石保有储量")]

    def test_range_keeps_the_lower_end_and_the_raw_text(self):
        obs = run("吕梁市撬动政府放大5-8倍。", CITY)
        assert [(o.raw, o.value, o.unit) for o in obs] == [("5-8倍", D(5), "倍")]

    def test_people_count_without_unit(self):
        obs = run("截至2019年底，吕梁市总人口达385万。", CITY)
        assert [(o.value, o.unit, o.measure, o.period, o.period_end) for o in obs] == [
            (D(3850000), "人", "总人口", "截至2019年底", "2019-12-31")]

    def test_people_noun_after_a_bare_number(self):
        obs = run("吕梁市带动50万群众增收。", CITY)
        assert [(o.value, o.unit, o.measure) for o in obs] == [(D(500000), "人", "带动群众")]

    def test_people_classifier(self):
        obs = run("吕梁市聘请140名院士。", CITY)
        assert [(o.raw, o.value, o.unit, o.measure) for o in obs] == [("140名", D(140), "人", "聘请院士")]


class TestNotObservations:
    @pytest.mark.parametrize("body", [
        "吕梁市开展三个一批活动，召开两次会议。",  # small Chinese numerals: slogans, narration
        "吕梁市投资达385万。",  # a bare number that is not a people count
        "吕梁市连接45个市县的2小时交通圈。",  # a duration no measure names (45个 is kept)
        "吕梁市优先培训18至52周岁的劳动力。",  # an age range
        "吕梁市位于209国道旁，推进5G建设，开行D9232次列车。",
        "吕梁市出台“1916”行动计划，“十三五”期间成效显著。",
        "2021年3月27日，第十二届中博会在吕梁市召开。",
    ])
    def test_dropped(self, body):
        assert [o for o in run(body, CITY) if o.raw != "45个"] == []

    def test_duration_with_a_duration_measure_is_kept(self):
        obs = run("吕梁市无霜期133—178天。", CITY)
        assert [(o.raw, o.value, o.unit, o.measure) for o in obs] == [("133—178天", D(133), "天", "无霜期")]

    def test_heading_and_caption_numbers_are_not_read(self):
        doc = read_text("吕梁新闻\n\n吕梁市12个项目开工\n\n吕梁市很美。", doc_id="d")
        state = DocState(doc=doc, mentions=[Mention(0, 3, "吕梁市", "Place", "City")])
        assert observations(state) == []


class TestAbout:
    def test_modifies_the_thing_named_after_it(self):
        obs = run("吕梁市加快推进日处理能力1000吨的垃圾焚烧发电厂建设。",
                  {**CITY, "垃圾焚烧发电厂": ("Project", "IndustrialProject")})
        assert rows(obs) == [("1000吨", D(1000), "吨", "日处理能力", "垃圾焚烧发电厂", "numbers:modifies")]

    def test_a_capacity_a_projects_name_states_is_the_projects(self):
        # written (the public corpora hold no such project sentence with the name tagged)
        name = "年产10万吨乙二醇项目"
        obs = run(f"吕梁市{name}正式开工。", {**CITY, name: ("Project", "IndustrialProject")})
        assert [(o.value, o.about.text, o.rule) for o in obs] == [(D(100000), name, "numbers:own-name")]

    def test_a_number_inside_a_name_without_a_capacity_word_is_not_the_names(self):
        # near miss: a count inside a program's name measures nothing of it
        obs = run("吕梁市实施“10万人就业”工程。", {**CITY, "10万人就业": ("Program", "Campaign")})
        assert not [o for o in obs if o.about.text == "10万人就业"]

    def test_counted_program(self):
        obs = run("吕梁市的家政服务市场上，活跃着3.8万多名“吕梁山护工”。",
                  {**CITY, "吕梁山护工": ("Program", "LabourBrand")})
        assert [(o.value, o.unit, o.about.text, o.rule) for o in obs] == [
            (D(38000), "人", "吕梁山护工", "numbers:counted")]

    def test_count_of_things_of_a_kind_is_not_about_the_kind(self):
        obs = run("吕梁市对36个“两高”项目采取措施。",
                  {**CITY, "两高": ("Program", "Campaign")})
        assert [(o.value, o.about.text) for o in obs] == [(D(36), "吕梁市")]

    def test_list_members_are_not_subjects(self):
        obs = run("吕梁市大力培育护工品牌。目前，在北京、内蒙古、山东等11个省份22个城市的家政服务，活跃着护工。",
                  {**CITY, "北京": ("Place", "City"), "内蒙古": ("Place", "Province"),
                   "山东": ("Place", "Province")})
        assert [(o.value, o.measure, o.about.text, o.rule, o.period) for o in obs] == [
            (D(11), "省份数量", "吕梁市", "numbers:paragraph-topic", "目前"),
            (D(22), "城市数量", "吕梁市", "numbers:paragraph-topic", "目前")]

    def test_object_of_a_preposition_is_not_the_subject(self):
        obs = run("吕梁市在太原举办11场招商推介活动。", {**CITY, "太原": ("Place", "City")})
        assert [(o.about.text, o.rule) for o in obs] == [("吕梁市", "numbers:clause-subject")]

    def test_organisation_before_a_title_is_not_the_subject(self):
        obs = run("吕梁市加快发展。吕梁市委书记带头招商，签约项目49个。",
                  {**CITY, "吕梁市委": ("Institution", "PartyOrgan")})
        assert obs[0].about.text == "吕梁市"

    def test_a_mention_containing_the_number_is_never_about(self):
        park = "离柳矿区561万吨煤化工新材料园区"
        obs = run(f"吕梁市推进生态建设。加快建设{park}。",
                  {**CITY, park: ("Project", "IndustrialProject")})
        assert [(o.value, o.unit) for o in obs] == [(D(5610000), "吨")]
        assert obs[0].about.text == "吕梁市"

    def test_pronoun(self):
        obs = run("许连红来自中阳县。如今在北京当护工，她每月工资有6000元。",
                  {"许连红": ("Person", "Person"), "中阳县": ("Place", "County"), "北京": ("Place", "City")})
        assert rows(obs) == [("6000元", D(6000), "元", "每月工资", "许连红", "numbers:pronoun")]

    def test_region_word(self):
        obs = run("吕梁市地处山西。\n\n吕梁市风景秀丽。\n\n近年来，全市林草覆盖率达到了72.26%。", CITY)
        assert rows(obs) == [("72.26%", D("72.26"), "%", "林草覆盖率", "吕梁市", "numbers:region-word")]

    def test_sentence_subject(self):
        obs = run("兴县今年签约项目49个，总投资241亿元。", {"兴县": ("Place", "County")})
        assert [(o.about.text, o.rule) for o in obs] == [
            ("兴县", "numbers:clause-subject"), ("兴县", "numbers:sentence-subject")]

    def test_event_a_sentence_opens_with_frames_its_figures_to_the_full_stop(self):
        names = {**CITY, "开发区项目集中开工仪式": ("Event", "Ceremony")}
        obs = run("7月16日，在开发区项目集中开工仪式上，吕梁市签约项目42个；开工项目34个。", names)
        assert [(o.about.text, o.rule) for o in obs] == [
            ("开发区项目集中开工仪式", "numbers:event-frame"), ("开发区项目集中开工仪式", "numbers:event-frame")]

    def test_this_event_refers_back(self):
        names = {**CITY, "重点项目集中开工仪式": ("Event", "Ceremony")}
        obs = run("重点项目集中开工仪式在吕梁市举行。此次集中开工的项目共15个。", names)
        assert [(o.about.text, o.rule) for o in obs] == [("重点项目集中开工仪式", "numbers:event-frame")]

    def test_document_place(self):
        obs = run("吕梁市地处山西。\n\n吕梁市风景秀丽。\n\n人均月收入4500元。", CITY)
        assert [(o.about.text, o.rule) for o in obs] == [("吕梁市", "numbers:document-place")]

    def test_section_heading_that_names_a_program(self):
        names = {**CITY, "吕梁山护工": ("Program", "LabourBrand")}
        obs = run("“吕梁山护工”响当当\n\n吕梁市共举办34期培训班，累计培训6.4万人。\n\n能源革命\n\n"
                  "吕梁市完成产气量12.7亿立方米。", names)
        assert [(o.raw, o.about.text, o.rule) for o in obs] == [
            ("34期", "吕梁山护工", "numbers:section-topic"),
            ("6.4万人", "吕梁山护工", "numbers:section-topic"),
            ("12.7亿立方米", "吕梁市", "numbers:clause-subject")]

    def test_heading_with_two_programs_sets_no_topic(self):
        names = {**CITY, "易地扶贫搬迁": ("Program", "Policy"), "金融扶贫": ("Program", "Policy")}
        obs = run("扎实开展易地扶贫搬迁和金融扶贫\n\n吕梁市建成87个集中安置点。", names)
        assert [(o.about.text, o.rule) for o in obs] == [("吕梁市", "numbers:clause-subject")]

    def test_program_right_before_the_number_is_the_measure(self):
        obs = run("今年1-5月吕梁市完成退耕还林82万亩，森林面积907.05万亩。",
                  {**CITY, "退耕还林": ("Program", "Policy")})
        assert [(o.value, o.measure, o.about.text, o.rule) for o in obs] == [
            (D(820000), "退耕还林", "吕梁市", "numbers:clause-subject"),
            (D(9070500), "森林面积", "吕梁市", "numbers:sentence-subject")]

    def test_no_mentions_no_observations(self):
        assert run("人均月收入4500元。", {}) == []


# ----------------------------------------------------------------------------- corpus


@pytest.fixture(scope="module")
def corpus_states():
    pipe = Pipeline([*DEFAULT_PIPELINE, "numbers"])
    return {p.stem[:3]: pipe(read_document(p)) for p in bundled_paths()}


def facts(state: DocState) -> set[tuple]:
    return {(o.raw, o.value, o.unit, o.measure, o.period) for o in state.observations}


class TestCorpus:
    """Real sentences of the bundled corpus, through the default pipeline."""

    def test_energy_figures(self, corpus_states):
        assert {("12.7亿立方米", D(1270000000), "立方米", "产气量", "今年1-7月"),
                ("131%", D(131), "%", "产气量同比增长", "今年1-7月"),
                ("140万吨", D(1400000), "吨", "压减焦化产能", "今年")} <= facts(corpus_states["000"])

    def test_care_worker_figures(self, corpus_states):
        found = facts(corpus_states["000"])
        assert {("6.4万人", D(64000), "人", "累计培训", "“十三五”期间"),
                ("2.6万人", D(26000), "人", "贫困人口", "“十三五”期间"),
                ("34期", D(34), "期", "举办吕梁山护工培训班", "“十三五”期间")} <= found
        st = corpus_states["000"]
        about = {o.raw: o.about.text for o in st.observations}
        assert about["6.4万人"] == "吕梁山护工"  # under the heading “吕梁山护工”响当当

    def test_statistics_of_the_city(self, corpus_states):
        found = facts(corpus_states["001"])
        assert {("2.1万平方公里", D(21000), "平方公里", "国土总面积", "2004年"),
                ("385万", D(3850000), "人", "总人口", "截至2019年底"),
                ("1512.1亿元", D(151210000000), "元", "地区生产总值", "2019年"),
                ("5.7%", D("5.7"), "%", "地区生产总值增长", "2019年"),
                ("676.05亿元", D(67605000000), "元", "地区生产总值", "今年上半年"),
                ("0.18%", D("0.18"), "%", "贫困发生率", "近年来"),
                ("5-8倍", D(5), "倍", "撬动政府放大", None)} <= found

    def test_investment_figures(self, corpus_states):
        found = facts(corpus_states["002"])
        assert {("42个", D(42), "个", "签约项目", "7月16日"),
                ("183.61亿元", D(18361000000), "元", "总投资额", "7月16日"),
                ("49个", D(49), "个", "签约项目", "今年1至5月"),
                ("100吨", D(100), "吨", "日处理能力", None)} <= found
        about = {o.raw: (o.about.text, o.rule) for o in corpus_states["002"].observations}
        assert about["100吨"] == ("餐厨垃圾处理厂", "numbers:modifies")

    def test_no_names_dates_or_ordinals(self, corpus_states):
        for st in corpus_states.values():
            text = st.doc.text
            for bad in ("209国道", "5G", "D9232次", "“1916”", "“985”", "110工法", "十三五", "第十二届"):
                for m in re.finditer(re.escape(bad), text):
                    assert not [o for o in st.observations if o.start < m.end() and m.start() < o.end]

    def test_invariants(self, corpus_states):
        iso = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
        for st in corpus_states.values():
            ids = {id(m) for m in st.mentions}
            for o in st.observations:
                assert id(o.about) in ids
                assert st.doc.text[o.start:o.end] == o.raw
                assert st.doc.sentences[o.sentence].kind == "body"
                # (only a capacity a project's name states is about the name that holds it)
                assert o.rule == "numbers:own-name" or not (o.about.start < o.end and o.start < o.about.end)
                assert o.measure and o.unit
                for bound in (o.period_start, o.period_end):
                    assert bound is None or iso.match(bound)


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotations not available")
def test_gold_value_recall(corpus_states):
    """Issue 4: at least 80 % of the gold quantities are found (value and unit, any subject)."""
    from kg.evaluate.gold import load_gold
    from kg.evaluate.quantity_score import pool_quantity_scores, score_quantities

    scores = []
    for path in sorted(GOLD.glob("*.json")):
        gold = load_gold(path)
        st = corpus_states[json.loads(path.read_text(encoding="utf-8"))["doc"][:3]]
        preds = [(o.about.canonical or o.about.text, o.value, o.unit, o.measure, o.raw)
                 for o in st.observations]
        scores.append(score_quantities(gold, preds))
    pooled = pool_quantity_scores(scores)
    assert pooled.total >= 50
    assert pooled.value_recall >= 0.8, pooled.to_dict(lists=False)


def test_figures_at_an_opening_ceremony_are_the_events_of_an_earlier_paragraph():
    # 开幕式上 stands for the fair the article opened with, two paragraphs before.
    text = ("标题\n\n日前，第五届中国（大同）能源博览会在大同开幕。\n\n大同市副市长王五介绍，大同将加快转型。\n\n"
            "开幕式上，共有18个能源项目集中签约，总投资92.5亿元。")
    state = Pipeline()(read_text(text, doc_id="t"))
    got = {(o.about.text, o.value) for o in state.observations}
    assert ("第五届中国（大同）能源博览会", D(18)) in got
    assert ("第五届中国（大同）能源博览会", D("9250000000")) in got


def test_school_stands_for_the_university_its_president_speaks_for():
    text = "标题\n\n今年，宝鸡市人民政府与西北工业大学签署合作协议。西北工业大学校长王五说，学校将每年选派80名以上科研人员服务地方产业。"
    state = Pipeline()(read_text(text, doc_id="t"))
    assert ("西北工业大学", D(80)) in {(o.about.text, o.value) for o in state.observations}


def test_counted_divisions_are_the_places_not_a_program_before():
    # written after a common shape of poverty-relief reports
    obs = run("全市贫困人口全部脱贫，“两不愁三保障”全面实现，10个贫困县全部摘帽。",
              {**CITY, "两不愁三保障": ("Program", "Policy")}, title="吕梁市脱贫攻坚")
    assert [(o.value, o.about.text) for o in obs if o.unit == "个"] == [(D(10), "吕梁市")]


@pytest.mark.parametrize("text, raw, measure", [
    ("京沪高铁列车时速350公里，全程最快4小时18分。", "350公里", "列车时速"),
    ("兰西高铁全长195公里，设计速度每小时250公里。", "250公里", "设计速度每小时"),
])
def test_a_length_per_hour_is_a_speed(text, raw, measure):
    state = Pipeline()(read_text(f"新闻\n\n{text}", doc_id="t"))
    obs = {o.raw: o for o in state.observations}
    assert (obs[raw].measure, obs[raw].unit) == (measure, "公里/小时")


def test_a_length_is_still_a_length():
    state = Pipeline()(read_text("新闻\n\n兰西高铁全长195公里。", doc_id="t"))
    assert [(o.raw, o.unit) for o in state.observations] == [("195公里", "公里")]


@pytest.mark.parametrize("text, raw, measure, value, unit", [
    # a bare multiple before a people noun is a count of people
    ("宁夏回族自治区中宁县的枸杞产业带动3万果农增收。", "3万", "枸杞产业带动果农", D(30000), "人"),
    # a journey's time, hours and minutes together
    ("2021年12月，赣深高铁正式开通运营，赣州至深圳最快只需1小时58分钟。", "1小时58分钟", "最快只需", D(118), "分钟"),
    # the period between the measure and the number, and the change before it, are no part of the measure
    ("花垣县十八洞村位于湘西州。村集体经济收入也从几乎为零增加到去年的420万元。", "420万元", "村集体经济收入",
     D(4200000), "元"),
])
def test_measures_of_news_phrasings(text, raw, measure, value, unit):
    state = Pipeline()(read_text(f"新闻\n\n{text}", doc_id="t"))
    obs = {o.raw: o for o in state.observations}
    assert (obs[raw].measure, obs[raw].value, obs[raw].unit) == (measure, value, unit)
