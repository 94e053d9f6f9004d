"""Relation frames of Chinese news (kg.extract.frames, aliases in kg.extract.repeats), each
tested on sentences written outside the bundled corpus."""

import pytest

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def relations(text: str) -> set[tuple[str, ...]]:
    st = PIPE(read_text(text, doc_id="t"))
    out = set()
    for s in st.statements:
        row = (s.subject.text, s.predicate, s.object.text)
        out.add(row + ((s.role,) if s.predicate == "heldPosition" else ()))
    return out


@pytest.mark.parametrize("text, expected", [
    # containment: 境内, an area written before a site
    ("平遥古城境内有双林寺和镇国寺。", {("双林寺", "locatedIn", "平遥古城"), ("镇国寺", "locatedIn", "平遥古城")}),
    ("卦山天宁寺位于交城县城北。", {("天宁寺", "locatedIn", "卦山"), ("天宁寺", "locatedIn", "交城县")}),
    ("清明节前，市民赴临沂革命老区华东革命烈士陵园祭扫。", {("华东革命烈士陵园", "locatedIn", "临沂")}),
    ("6月1日，在大同经济技术开发区，中车大同公司新能源机车生产线正式投产。",
     {("中车大同公司新能源机车生产线", "locatedIn", "大同经济技术开发区")}),
    ("延安是中共中央和八路军总部所在地。", {("中共中央", "locatedIn", "延安"), ("八路军总部", "locatedIn", "延安")}),
    # a company's name run together with the site it runs
    ("在沁水县兰花科技创业股份有限公司望云煤矿，5G技术已全面应用。",
     {("望云煤矿", "operatedBy", "沁水县兰花科技创业股份有限公司"), ("望云煤矿", "locatedIn", "沁水县")}),
    # operators: 由…主办的Y
    ("由山西日报社主办的第三届黄河文化论坛在太原开幕。", {("第三届黄河文化论坛", "operatedBy", "山西日报社")}),
    # positions: apposition, taking a post, lists with 分别
    ("王晓明，大同市教育局局长，出席会议。", {("王晓明", "heldPosition", "大同市教育局", "局长")}),
    ("王晓明任大同市教育局局长。", {("王晓明", "heldPosition", "大同市教育局", "局长")}),
    ("会上，张建国、李红梅分别任太原市教育局局长、副局长。",
     {("张建国", "heldPosition", "太原市教育局", "局长"), ("李红梅", "heldPosition", "太原市教育局", "副局长")}),
    # a county's party secretary: the committee is named by the county + 委 before the title
    ("于都县委书记邱国斌表示。", {("邱国斌", "heldPosition", "于都县委", "县委书记")}),
    # 签约, then what the two build together
    ("长治市人民政府与中北大学签约，共建长治新材料研究院。",
     {("长治市人民政府", "partnerOf", "中北大学"), ("长治新材料研究院", "operatedBy", "中北大学"),
      ("长治新材料研究院", "operatedBy", "长治市人民政府")}),
    ("阳泉市人民政府与太原理工大学签署战略合作协议。双方将共建数字经济研究院。",
     {("数字经济研究院", "operatedBy", "阳泉市人民政府"), ("数字经济研究院", "operatedBy", "太原理工大学")}),
    ("晋城市与中国农业大学签约，共建晋城有机旱作示范基地。",
     {("晋城市", "partnerOf", "中国农业大学"), ("晋城有机旱作示范基地", "locatedIn", "晋城市")}),
    # the bodies of a 由…主办，…承办 frame, with the event a demonstrative stands for
    ("第五届晋商文化节在太原开幕。本届文化节由山西省商务厅主办，太原市人民政府、山西日报社承办。",
     {("第五届晋商文化节", "operatedBy", "山西省商务厅"), ("第五届晋商文化节", "operatedBy", "太原市人民政府"),
      ("第五届晋商文化节", "operatedBy", "山西日报社")}),
    # a former name in brackets
    ("运城学院（原运城高等专科学校）今年扩招。", {("运城高等专科学校", "renamedTo", "运城学院")}),
    # an institute built on a university
    ("晋中市设立晋中智能制造研究院，该研究院依托太原理工大学建设。",
     {("晋中智能制造研究院", "operatedBy", "太原理工大学")}),
    # an area named by its head noun alone (景区内的…)
    ("芦芽山风景区门票免费。景区内的马仑草原、万年冰洞游人众多。", {("马仑草原", "locatedIn", "芦芽山风景区")}),
    ("忻州市五台县著名景区五台山迎来游客。", {("五台山", "locatedIn", "五台县")}),
    # a position word between the place and the site
    ("坐落于五台山南麓的佛光寺始建于北魏。", {("佛光寺", "locatedIn", "五台山")}),
    ("位于太原市西南郊的晋祠博物馆游人如织。", {("晋祠博物馆", "locatedIn", "太原市")}),
    # what is on a mountain; what a zone gathers; a sentence opening at a place after ；
    ("恒山上的悬空寺游人如织。", {("悬空寺", "locatedIn", "恒山")}),
    ("太原经济技术开发区，已集聚富士康科技集团、比亚迪股份有限公司等企业。",
     {("富士康科技集团", "locatedIn", "太原经济技术开发区")}),
    ("古城墙保存完好；在平遥县，被誉为“东方彩塑艺术宝库”的双林寺游人如织。", {("双林寺", "locatedIn", "平遥县")}),
    # every party listed before 与 signs; a policy is run by the bodies issuing it
    ("山西大学、太原理工大学与吕梁市签署合作协议。",
     {("山西大学", "partnerOf", "吕梁市"), ("太原理工大学", "partnerOf", "吕梁市")}),
    ("长治市委、长治市人民政府出台《关于加快乡村振兴的实施意见》。",
     {("关于加快乡村振兴的实施意见", "operatedBy", "长治市委"),
      ("关于加快乡村振兴的实施意见", "operatedBy", "长治市人民政府")}),
    # a place's leadership acting together is the place; 从A聘请 makes A a partner
    ("大同市委、市政府与中国人民大学签订战略合作协议。", {("大同市", "partnerOf", "中国人民大学")}),
    ("大同市从北京航空航天大学聘请专家组建咨询委员会。", {("大同市", "partnerOf", "北京航空航天大学")}),
    # a place's zone named as its base
    ("近年来，孝义市以孝义经济开发区为主阵地，推进产业升级。", {("孝义经济开发区", "locatedIn", "孝义市")}),
    # a title before a list of names is each one's
    ("新华社记者王黎、李舫报道。", {("王黎", "heldPosition", "新华社", "记者"), ("李舫", "heldPosition", "新华社", "记者")}),
    # an event and its venue named by the frame of a meeting, with a range of dates
    ("中国共产党长治市第十三次代表大会于9月27日至29日在长治影剧院召开。",
     {("中国共产党长治市第十三次代表大会", "heldAt", "长治影剧院")}),
    ("1月5日，全省文旅产业发展现场推进会在平遥县召开。", {("全省文旅产业发展现场推进会", "heldAt", "平遥县")}),
    # a project named by its clause, placed in the zone a park's name opens with
    ("3月5日，在晋城经开区光机电产业园区，年产50万台新能源电机项目正式开工。",
     {("年产50万台新能源电机项目", "locatedIn", "晋城经开区")}),
    # a university that builds something in a place partners the place named first after 在
    ("太原理工大学在晋中市榆次区大学城打造了创新创业园。", {("晋中市", "partnerOf", "太原理工大学")}),
    # organisation + title + a name only the tagger found
    ("中外记者团成员、美联社记者斯坦因在兴县蔡家崖采访。", {("斯坦因", "heldPosition", "美联社", "记者")}),
    # partnerships in a list after 与
    ("晋中市与北京大学、清华大学、南开大学签订战略合作协议。",
     {("晋中市", "partnerOf", "北京大学"), ("晋中市", "partnerOf", "清华大学"), ("晋中市", "partnerOf", "南开大学")}),
])
def test_frames(text, expected):
    assert expected <= relations(text)


def test_an_event_run_by_a_list_of_bodies():
    text = "第五届晋商文化节开幕。本次活动由太原市文化和旅游局、山西日报社共同主办。"
    got = relations(text)
    assert ("第五届晋商文化节", "operatedBy", "太原市文化和旅游局") in got
    assert ("第五届晋商文化节", "operatedBy", "山西日报社") in got


def test_an_anniversary_is_no_founding():
    got = relations("庆祝中国共产党成立100周年大会在北京天安门广场隆重举行。")
    assert not {r for r in got if r[1] == "operatedBy"}


def test_a_parenthesised_alias_names_the_same_entity():
    st = PIPE(read_text("长治一中（太行中学）今年9月开学。太行中学现有学生2000人。", doc_id="t"))
    school = [m for m in st.mentions if m.core == "Institution"]
    assert len(school) == 3
    assert {m.canonical or m.text for m in school} == {"长治一中"}


def test_a_comma_alone_gives_no_alias():
    # Two places a comma separates are two places; 简称 after the comma still gives an alias.
    st = PIPE(read_text("在凤凰县，竹山村的游客越来越多。", doc_id="t"))
    assert not [m for m in st.mentions if m.rule.startswith("alias:")]
    st = PIPE(read_text("北京协和医院，又称协和医院，今年接诊百万人次。", doc_id="t"))
    assert any(m.rule.startswith("alias:") and m.canonical == "北京协和医院" for m in st.mentions)


def test_a_name_that_goes_on_is_not_in_the_list():
    # 太岳区境内国民党驻军: 国民党 modifies 驻军, it is not what lies in the area.
    got = relations("他与太岳区境内国民党驻军的高级将领开展统战工作。")
    assert not {r for r in got if r[1] == "locatedIn" and r[2] == "太岳区"}


def test_a_company_named_after_a_city_does_not_place_its_site():
    got = relations("在大同煤业集团有限公司塔山煤矿，5G技术已全面应用。")
    assert ("塔山煤矿", "operatedBy", "大同煤业集团有限公司") in got
    assert not {r for r in got if r[0] == "塔山煤矿" and r[1] == "locatedIn"}


def test_a_place_after_zai_is_not_located_in_the_next_place():
    got = relations("在长治县，地处荫城镇的古村落保存完好。")
    assert ("长治县", "locatedIn", "荫城镇") not in got


def test_a_place_that_opens_a_company_name_is_no_partner():
    got = relations("晋城经济技术开发区与上海氢晨签约。")
    assert not {r for r in got if r[1] == "partnerOf" and "上海" in r}


def test_a_governor_post_names_the_full_government():
    st = PIPE(read_text("天台县县长陈国华介绍。", doc_id="t"))
    assert {(s.object.canonical, s.role) for s in st.statements if s.predicate == "heldPosition"} == \
        {("天台县人民政府", "县长")}


@pytest.mark.parametrize("text, wrong", [
    # a document that names many cities once each has no home to put its sites in
    ("团中央命名杭州西湖、南京中山陵、上海博物馆、中国人民抗日战争纪念馆为示范基地。",
     ("中国人民抗日战争纪念馆", "locatedIn", "南京")),
    # a person's name is no place's; an area is not inside itself; a road runs between
    ("选举产生陈贵州、张希东等13名代表。", ("陈贵州", "locatedIn", "贵州")),
    ("各地都应像菏泽地区那样处理好公物交接问题。", ("菏泽地区", "locatedIn", "菏泽")),
    ("佳木斯至鹤岗公路开通后铁路客流急剧下降。", ("佳木斯至鹤岗公路", "locatedIn", "鹤岗")),
    # places before 等 + a noun modify the noun, they are no partners
    ("外研所先后与清华大学和南京、湖南等一流科研机构建立科研协作网络。", ("南京", "partnerOf", "湖南")),
    # a single place named once is not the subject of what the text does not say
    ("该厂产品销往台湾。在产品材料方面，同美国杜邦公司建立了稳定的合作关系。", ("台湾", "partnerOf", "美国杜邦公司")),
    ("1990年学校就被命名为“北京市花园式学校”。", ("北京市花园式学校", "locatedIn", "北京市")),
    # a division is not on a mountain; a section is not the whole road
    ("地处潮汕平原小北山下的潮阳市谷饶镇，崛起了一座工业城。", ("潮阳市", "locatedIn", "小北山")),
    ("该段是国家沿海大通道同江至三亚高速公路中的一段，由铁十八局五处承建。",
     ("同江至三亚高速公路", "operatedBy", "铁十八局五处")),
    # 主办单位 at the foot of an article is the page's organiser
    ("柳林县启动“红色柳林”文旅品牌建设，修缮贺龙中学旧址。\n\n主办单位：中共柳林县委宣传部",
     ("红色柳林", "operatedBy", "中共柳林县委宣传部")),
    # of two divisions in a name, one not in the other, the later is where the thing is
    ("北京大学深圳研究生院今年招生。", ("北京大学深圳研究生院", "locatedIn", "北京")),
    ("长治一中（北京四中长治学校）今年开学。", ("长治一中", "locatedIn", "北京")),
    # a calling is no post; a city is not inside a river
    ("西藏乃东县结莎居委会的农民坚宗当选为人大代表。", ("坚宗", "heldPosition", "西藏乃东县结莎居委会", "农民")),
    ("包头市位于黄河河套地区，是著名的米粮川。", ("包头市", "locatedIn", "黄河")),
    # an honour is no post
    ("献给全国人民代表大会劳动模范梁军同志。", ("梁军", "heldPosition", "全国人民代表大会", "劳动模范")),
])
def test_no_relation(text, wrong):
    got = relations(text)
    assert wrong not in got
    assert not {r for r in got if r[:3] == wrong[:3]}


def test_a_description_before_a_name_is_not_part_of_it():
    st = PIPE(read_text("游客们来到革命老区沂蒙山区孟良崮战役纪念馆。", doc_id="t"))
    assert all(not m.text.startswith("革命老区") for m in st.mentions)
    assert all(st.doc.text[m.start:m.end] == m.text for m in st.mentions)


def test_a_meeting_frame_needs_an_event_head():
    st = PIPE(read_text("他在会上讲话。会议在北京召开。", doc_id="t"))
    assert not [m for m in st.mentions if m.rule.startswith("venues")]


def test_one_name_under_two_places_is_two_parties():
    st = PIPE(read_text("今年4月，平遥县段村镇与四川省雅安市名山区永兴镇签订协作协议；湄潭县永兴镇与四川省雅安市名山区永兴镇签订茶旅协作协议。", doc_id="t"))
    pairs = {(s.subject.text, s.subject.parent, s.object.text, s.object.parent)
             for s in st.statements if s.predicate == "partnerOf"}
    assert any(a == b == "永兴镇" and pa != pb for a, pa, b, pb in pairs)


def test_run_by_after_a_guiding_body_and_across_a_dun_hao():
    from kg.extract.pipeline import Pipeline
    from kg.text import read_text

    state = Pipeline()(read_text("第三届黄河文化旅游节在临汾开幕。本届旅游节由文化和旅游部指导，山西省人民政府主办、"
                                 "临汾市人民政府承办。", doc_id="t"))
    got = {(s.subject.text, s.object.text) for s in state.statements if s.predicate == "operatedBy"}
    assert ("第三届黄河文化旅游节", "山西省人民政府") in got
    assert ("第三届黄河文化旅游节", "临汾市人民政府") in got
    assert not any(o == "文化和旅游部" for _, o in got)  # guides, does not run it


def test_an_event_run_by_a_body_jieba_glued_a_coverb_to():
    got = relations("标题\n\n第六届中国梨花节在砀山县开幕。本届梨花节由砀山县人民政府主办，砀山县文化和旅游局承办。")
    assert ("第六届中国梨花节", "operatedBy", "砀山县人民政府") in got
    assert ("第六届中国梨花节", "operatedBy", "砀山县文化和旅游局") in got


def test_a_project_named_after_a_company_the_text_names_is_its():
    got = relations("标题\n\n其中，常州经开区与江苏恒神签约，总投资30亿元的江苏恒神常州碳纤维复合材料项目正式落户。")
    assert ("江苏恒神常州碳纤维复合材料项目", "operatedBy", "江苏恒神") in got


def test_this_project_is_the_last_project_named_not_a_place():
    # (the tagger names no 工程 here: then nothing is run by the company, least of all a place)
    got = relations("标题\n\n这条输电线路西起宁夏上海庙，东至山东临沂。该工程由国家电网有限公司建设运营。")
    assert not [r for r in got if r[1] == "operatedBy"]


def test_a_structure_in_the_clause_after_a_place_is_there():
    got = relations("标题\n\n在巴东县野三关镇，横跨清江的四渡河特大桥被誉为奇迹。")
    assert ("四渡河特大桥", "locatedIn", "野三关镇") in got


@pytest.mark.parametrize("text, town, county", [
    ("在准格尔旗纳日松镇，光伏制氢示范项目已投产运行。", "纳日松镇", "准格尔旗"),  # tagged 准格尔旗纳|日松镇
    ("在洛川县永乡镇阿寺村，千亩示范园里果树成行。", "永乡镇", "洛川县"),  # tagged 永乡镇阿寺村
])
def test_a_town_after_its_county(text, town, county):
    assert (town, "locatedIn", county) in relations("标题\n\n" + text)
