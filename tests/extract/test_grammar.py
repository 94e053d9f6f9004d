"""Name-grammar rules on fixture sentences (not from the gold documents)."""

from __future__ import annotations

import pytest

from kg.extract.grammar import find_names


def found(text):
    return {(m.text, m.core) for m in find_names(text)}


@pytest.mark.parametrize("text,name,core", [
    # 和/与 joins two fields inside one body's name.
    ("柳林县发展和改革局局长出席。", "柳林县发展和改革局", "Institution"),
    ("考察了中国空间技术与工程研究院。", "中国空间技术与工程研究院", "Institution"),
    # A capacity inside a project's name, after a project verb.
    ("加快建设孝柳矿区300万吨焦化新材料园区，", "孝柳矿区300万吨焦化新材料园区", "Project"),
    # A coined numeric name cut apart by the tokenizer.
    ("充分运用一码清大数据管理平台，", "一码清大数据管理平台", "Project"),
    # A labour brand named by its home place and trade alone.
    ("以吕梁山护工培训就业为引领", "吕梁山护工", "Program"),
    # A 工程 one implements is a programme; its modifier may hold a nominalised verb.
    ("大力实施太行山生态保护修复工程，", "太行山生态保护修复工程", "Program"),
    # A division-shaped item listed next to a known division of its level.
    ("在穆村镇、薛村镇、陈家湾乡等地建设基地。", "陈家湾乡", "Place"),
    ("在贾家庄村、东龙观村等地，", "东龙观村", "Place"),
    # A route named by its cities' initials, which jieba cuts apart (太|中银).
    ("十年前，太中银铁路贯通吕梁山。", "太中银铁路", "Project"),
    ("沿着太佳高速一路向西，", "太佳高速", "Project"),
])
def test_names(text, name, core):
    assert (name, core) in found(text)


@pytest.mark.parametrize("text,bad", [
    ("山西大学和太原理工大学签约", "山西大学和太原理工大学"),   # two names, not one
    ("吕梁市与太原理工大学合作", "吕梁市与太原理工大学"),
    ("交城横山、会立10万千瓦风电项目进展顺利", "会立10万千瓦风电项目"),  # no project verb before
    ("建立一批大数据平台", "一批大数据平台"),
    ("走遍穆村镇、各个乡等地", "各个乡"),       # a determiner, not a township
    ("到城镇、农村等地", "农村"),                # common words next to no known division
    ("新建铁路和公路", "新建铁路"),              # a verb, not two city initials
])
def test_not_names(text, bad):
    assert bad not in {t for t, _ in found(text)}


def test_site_project_stays_project():
    assert ("临县城东山环境绿化工程", "Project") in found("临县城东山环境绿化工程。")


@pytest.mark.parametrize("text,name,core", [
    # Items listed before 等…项目 are projects, with or without a head of their own.
    ("引进中科院5G智能矿山装备制造等一批好项目。", "中科院5G智能矿山装备制造", "Project"),
    ("，山西鹏飞丙烯酸新材料延伸及深加工等12个项目投产", "山西鹏飞丙烯酸新材料延伸及深加工", "Project"),
    ("推进市图书馆、文博中心等项目建设", "文博中心", "Project"),
    # Items listed before 等棚户区 / 等村 are places (the old-town prefix is no part of them).
    ("加快老城区东关街、西坡底等棚户区改造", "东关街", "Place"),
    ("加快老城区东关街、西坡底等棚户区改造", "西坡底", "Place"),
    ("穆村镇沙曲村、王家沟村等村的红枣", "王家沟村", "Place"),
    # An office named by level and field.
    ("省信访联席办交办的案件", "省信访联席办", "Institution"),
    # The credit line of an article.
    ("主办单位：全省弘扬革命精神宣传联盟", "全省弘扬革命精神宣传联盟", "Institution"),
])
def test_context_typed_names(text, name, core):
    assert (name, core) in found(text)


@pytest.mark.parametrize("text,bad", [
    ("积极推进中阳、孝义、柳林等地一批项目建设", "中阳"),
    ("煤化工、新能源等项目", "煤化工"),             # industries, not projects
    ("今年吕梁市引进太钢精密带钢等项目", "今年吕梁市引进太钢精密带钢"),  # the verb is no part of it
    ("专人跟踪督办，及时反馈", "专人跟踪督办"),
    ("市政务服务一网通办", "市政务服务一网通办"),
])
def test_context_not_names(text, bad):
    assert bad not in {t for t, _ in found(text)}


def test_modifier_rules_are_a_table_a_new_rule_joins(monkeypatch):
    from kg.extract import grammar

    text = "在兴县蔡家崖革命纪念馆参观。"
    assert "兴县蔡家崖革命纪念馆" in {m.text for m in find_names(text)}

    def counties_start_no_name(r):
        return False if r.tok.word == "兴县" else None

    monkeypatch.setattr(grammar, "MODIFIER_RULES", (counties_start_no_name, *grammar.MODIFIER_RULES))
    assert "蔡家崖革命纪念馆" in {m.text for m in find_names(text)}


def test_rejections_are_a_table(monkeypatch):
    from kg.extract import grammar

    text = "由北京嘉湖咨询公司提供技术支撑。"
    assert [m.text for m in find_names(text)] == ["北京嘉湖咨询公司"]
    monkeypatch.setattr(grammar, "REJECTIONS", (lambda r: r.head.head == "公司", *grammar.REJECTIONS))
    assert find_names(text) == []


@pytest.mark.parametrize("text,names", [
    ("上海申能、上海氢晨、吉利汽车等86家企业携最新产品参展。", ["上海申能", "上海氢晨", "吉利汽车"]),
    ("引进天能科技、中集车辆等一批龙头企业落户园区。", ["天能科技", "中集车辆"]),
])
def test_bodies_listed_before_what_they_are(text, names):
    got = [(m.text, m.core) for m in find_names(text) if m.rule.startswith("grammar:list:")]
    assert got == [(n, "Institution") for n in names]


def test_a_numbered_event_may_hold_brackets():
    got = {m.text for m in find_names("第三届中国（台州）氢能产业博览会在台州开幕。")}
    assert "第三届中国（台州）氢能产业博览会" in got


def test_a_listed_body_starts_after_the_words_that_open_its_clause():
    got = [m.text for m in find_names("景区已与晋阳学院、吕梁学院等高校签订协议。") if m.rule.startswith("grammar:list:")]
    assert "景区已与晋阳学院" not in got


@pytest.mark.parametrize("text,name,core", [
    # A zone named by province + division + zone word, by a bay after the division.
    ("项目落户湖南浏阳经济技术开发区。", "湖南浏阳经济技术开发区", "Place"),
    ("企业落户大连湾经济技术开发区。", "大连湾经济技术开发区", "Place"),
    ("宁波杭州湾新区的产业基础雄厚。", "杭州湾新区", "Place"),
    # The zone's 管委会 is the body that runs it.
    ("杭州湾新区管委会主任表示，", "杭州湾新区管委会", "Institution"),
])
def test_zones_by_their_form(text, name, core):
    assert (name, core) in {(m.text, m.core) for m in find_names(text) if m.rule.startswith("grammar:zone")}


def test_a_county_new_town_is_no_zone_by_form():
    assert not [m for m in find_names("兴县新区建设加快。") if m.rule.startswith("grammar:zone")]


def test_sights_listed_before_jingqu_are_places():
    got = {(m.text, m.cls) for m in find_names("往北是飞云瀑、卧龙潭等著名景区。") if m.rule.startswith("grammar:list:")}
    assert got == {("飞云瀑", "ScenicArea"), ("卧龙潭", "ScenicArea")}


@pytest.mark.parametrize("text,name,cls", [
    ("建成宁远县现代农业产业园，", "宁远县现代农业产业园", "DevelopmentZone"),
    ("位于城南的宁远县国家现代农业产业园，", "宁远县国家现代农业产业园", "DevelopmentZone"),
])
def test_zone_heads(text, name, cls):
    assert (name, cls) in {(m.text, m.cls) for m in find_names(text)}


@pytest.mark.parametrize("text,name", [
    ("沱江两岸灯火辉煌。", "沱江"),
    ("清水江流域的苗族村寨", "清水江"),
])
def test_a_river_before_its_banks(text, name):
    assert name in {m.text for m in find_names(text) if m.rule == "grammar:water"}


@pytest.mark.parametrize("text", ["沿河两岸的居民", "隔河两岸彼此相望", "护城河两岸绿树成荫"])
def test_no_river_in_words_of_position_or_common_nouns(text):
    assert not [m for m in find_names(text) if m.rule == "grammar:water"]


def test_a_route_between_two_cities():
    got = {(m.text, m.core) for m in find_names("吉首至怀化高速公路通车后，") if m.rule == "grammar:route"}
    assert ("吉首至怀化高速公路", "Project") in got


def test_a_route_through_stops_names_each():
    got = {m.text for m in find_names("郑州至西安至兰州铁路规划建设。") if m.rule == "grammar:route"}
    assert "郑州至西安至兰州铁路" in got


def test_a_coverb_jieba_glued_to_the_word_before_starts_no_name():
    # jieba reads 梨花|节由|砀山县|人民政府: the body is 砀山县人民政府.
    got = {m.text for m in find_names("本届梨花节由砀山县人民政府主办。") if m.core == "Institution"}
    assert got == {"砀山县人民政府"}


@pytest.mark.parametrize("text, name", [
    ("吉首大学校长白晓明表示，学校将选派教师。", "吉首大学"),  # jieba: 吉首|大|学校|长白
    ("湘潭大学校长李四说", "湘潭大学"),  # jieba: 湘潭|大学校长
])
def test_a_university_before_its_presidents_title(text, name):
    got = {m.text for m in find_names(text) if m.core == "Institution"}
    assert got == {name}


def test_a_school_before_a_word_with_chang_is_still_a_school():
    assert not [m for m in find_names("这所学校长期坚持素质教育。") if m.core == "Institution"]


def test_a_kind_of_project_counted_after_its_head_is_no_name():
    assert not [m for m in find_names("全年计划谋划强链补链项目80个以上。") if m.core == "Project"]


def test_a_market_is_named_with_its_city():
    got = {(m.text, m.cls) for m in find_names("寿光农产品物流园内，占地600亩的寿光蔬菜批发市场每天交易繁忙。")}
    assert ("寿光蔬菜批发市场", "Facility") in got
    assert not [m for m in find_names("要积极开拓国内交易市场。") if m.core == "Place"]


def test_a_trip_between_two_cities_is_no_route():
    assert not [m for m in find_names("从太原至北京铁路运输繁忙。") if m.rule == "grammar:route"]


def test_a_body_in_its_numbered_term_is_no_event():
    assert not [m for m in find_names("向第十三届全国人大常委会报告工作。") if m.rule == "grammar:numbered-event"]


def test_the_meeting_of_a_numbered_body_is_the_event():
    got = {m.text for m in find_names("第五届理事会第二次会议在京召开。") if m.rule == "grammar:numbered-event"}
    assert got == {"第五届理事会第二次会议"}


@pytest.mark.parametrize("text,name", [
    ("延安市委书记说，", "延安市委"),
    ("吉首市委常委会召开会议。", "吉首市委"),
    ("凤凰县委书记介绍，", "凤凰县委"),
])
def test_a_division_party_committee(text, name):
    assert name in {m.text for m in find_names(text) if m.rule == "grammar:party-committee"}


def test_a_committee_member_is_no_committee_by_form():
    assert not [m for m in find_names("延安市委员会") if m.rule == "grammar:party-committee"]


@pytest.mark.parametrize("text", ["据长沙一家银行的员工介绍，", "对该行全国多家分行开展检查。"])
def test_a_count_before_the_head_names_nothing(text):
    assert not [m for m in find_names(text) if m.rule.startswith("grammar:head:")]


def test_the_works_on_a_route_are_the_project():
    got = {m.text for m in find_names("张家界至吉首高速公路改扩建工程开工。") if m.rule == "grammar:route"}
    assert "张家界至吉首高速公路改扩建工程" in got


def test_a_raising_programme_put_into_action_is_a_name():
    # No sentence of the public corpora (1998-2020) names a …提升工程; written for the test.
    assert ("农民素质提升工程", "Program") in found("该省深入实施农民素质提升工程，培训农民12万人。")


@pytest.mark.parametrize("text,bad", [
    ("今年，该县投资2000万元实施城区提升工程。", "城区提升工程"),  # one common word says which
    ("我们要把农民素质提升工程做好。", "农民素质提升工程"),          # nothing puts it into action
])
def test_a_raising_programme_needs_a_name_and_an_action(text, bad):
    assert bad not in {t for t, _ in found(text)}
