"""Wrong relations of 1998 news removed by general rules: a nationality before a name
(kg.extract.name_repairs._split_nationals, relations' list and foreign-part checks), clause
words inside a tagged span (_cut_at_clause_time), descriptions in a rule's name (the
stopword list), streets named after a city, and the document's place where the sentence
names another division. Every case is a sentence of People's Daily 1998 train
(../shared/external/pd1998) with its id, each with a near miss that keeps the right output."""

import pytest

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def extract(text: str):
    return PIPE(read_text(text, doc_id="t"))


def located(text: str) -> set[tuple[str, str]]:
    return {(s.subject.text, s.object.text) for s in extract(text).statements if s.predicate == "locatedIn"}


def mentions(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.core) for m in extract(text).mentions}


# pd1998-train-9721: the medallists of two finals
SWIMMERS = ("另四项决赛的前三名分别是：男子４００米自由泳，澳大利亚托普、澳大利亚哈科特、英国帕尔默；"
            "女子２００米蛙泳，匈牙利科瓦茨、美国科瓦尔、美国斯特里特；")


def test_a_swimmer_after_a_nationality_is_placed_in_no_country():
    rel = located(SWIMMERS)
    assert not {s for s, _ in rel} & {"澳大利亚托普", "澳大利亚哈科特", "帕尔默", "匈牙利科瓦茨", "科瓦茨",
                                      "科瓦尔", "美国斯特里特"}


def test_a_tagged_place_that_opens_with_a_country_is_split():
    ms = {t for t, _ in mentions(SWIMMERS)}
    assert "匈牙利" in ms and "匈牙利科瓦茨" not in ms


def test_a_city_after_its_country_outside_a_list_stays_in_it():
    # near miss, pd1998-train (the Pearl River pianos): 德国波恩 is the city and its country
    assert ("波恩", "德国") in located("他说：“我是来送行的，送五百台珠江钢琴去德国波恩落户……”")


def test_a_body_that_opens_with_its_country_stays_whole():
    # near miss: 美国国会 has no head in the table, yet is a body of the country
    text = "新华社华盛顿１月１０日电（记者谷利源）美国总统克林顿今天要求美国国会立即立法。"
    assert ("美国国会", "Institution") in mentions(text)


def test_a_river_that_opens_with_a_country_name_is_not_split():
    # near miss: 约旦河 is a river, not 约旦|河西岸
    text = "以色列和巴勒斯坦已就以军从约旦河西岸重新部署问题达成妥协。"
    assert not any(t == "河西岸" for t, _ in mentions(text))


def test_a_korean_surname_after_korea_makes_a_person():
    # the tagger reads 曹薰铉 as a place
    text = "韩国曹薰铉九段对日本林海峰九段，韩国金荣垣对麦克·雷蒙。"
    assert ("曹薰铉", "Person") in mentions(text)
    assert not any(s == "曹薰铉" for s, _ in located(text))


def test_a_region_of_a_foreign_country_is_not_chinas():
    text = "目前，美国东部地区出现的高温天气，已使部分工厂停工或减少生产。"
    assert ("东部地区", "美国") not in located(text)


def test_a_clause_time_ends_a_tagged_body():
    text = "北京军区驻张家口部队今天下午派出医疗队，紧急赶赴地震灾区救死扶伤。"
    rel = located(text)
    assert ("北京军区驻张家口部队", "张家口市") in rel or ("北京军区驻张家口部队", "张家口") in rel
    assert not any("今天" in s for s, _ in rel)


def test_a_body_acting_for_another_is_cut_before_shou():
    text = "１９９７年１１月，拉萨海关受西藏自治区人民政府委托，与卓玛拉康寺的代表一同赴香港辨认并接收了佛像。"
    ms = {t for t, _ in mentions(text)}
    assert {"拉萨海关", "西藏自治区人民政府"} <= ms


@pytest.mark.parametrize("text, bad", [
    ("天津很多旅行社现在已感到人手不够，正在向社会招聘临时工。", "天津很多旅行社"),
    ("水利建设再上新台阶。图为化州市连介水库。（黄均雨摄）", "图为化州市连介水库"),
])
def test_a_description_or_caption_is_no_part_of_a_name(text, bad):
    assert not any(s == bad for s, _ in located(text))


def test_the_reservoir_after_a_caption_keeps_its_place():
    assert ("连介水库", "化州市") in located("水利建设再上新台阶。图为化州市连介水库。（黄均雨摄）")


def test_a_street_named_after_a_city_is_not_in_it():
    # 上海的南京东路: the police station on it is in Shanghai, not in Nanjing
    text = "上海南京东路警察署位于“中华商业第一街”———上海南京路。"
    assert not any(o in ("南京", "南京市") for _, o in located(text))


def test_a_street_in_a_city_written_in_full_is_in_it():
    # near miss (written): an address gives the city's full name
    assert any(o in ("北京市",) for _, o in located("事故发生在北京市朝阳路。"))


def test_the_documents_place_is_not_given_where_the_sentence_names_another():
    text = ("高价出售。经过拉萨海关与境外有关部门多次交涉，佛像被运回香港。１９９７年１１月，拉萨海关受"
            "西藏自治区人民政府委托，与卓玛拉康寺的代表一同赴香港辨认并接收了佛像。香港各界对此十分关注。")
    assert not any(s == "卓玛拉康寺" and o.startswith("香港") for s, o in located(text))


def test_players_after_their_provinces_are_persons_in_no_place():
    # pd1998-train: a ranking of chess players, each after the province he plays for
    text = ("列男子等级分第二至第十名的棋手依次是：广东吕钦（２５５９分）、黑龙江赵国荣（２５４１分）、"
            "上海胡荣华（２４９９分）、吉林陶汉明（２４８０分）")
    ms = mentions(text)
    assert {("吕钦", "Person"), ("赵国荣", "Person"), ("胡荣华", "Person")} <= ms
    assert not any(s in ("吕钦", "广东吕钦") for s, _ in located(text))


def test_a_body_after_its_province_stays_whole():
    # near miss (written): a team's name has a head
    assert ("广东宏远队", "广东") in located("广东宏远队昨晚客场获胜。")


def test_a_countrys_state_form_is_the_country():
    text = "捷克现任总统瓦茨拉夫·哈韦尔２０日再次当选为捷克共和国总统。"
    assert ("捷克共和国", "捷克") not in located(text)
    assert not any(t == "共和国" for t, _ in mentions(text))


def test_a_currency_named_after_its_country_is_no_place():
    text = "如果物归原主，有功人员将得到该台２．５万丹麦克朗（约合３７００美元）的奖赏。"
    assert not any(t in ("克朗", "丹麦克朗") for t, _ in mentions(text))
    assert not located(text)


def test_a_region_a_body_is_about_is_not_where_it_is():
    text = "龙永图今天在美国亚洲基金会于此间举行的研讨会上说，中美两国应密切合作。"
    rel = located(text)
    assert ("美国亚洲基金会", "美国") in rel
    assert not any(o == "亚洲" for _, o in rel)


@pytest.mark.parametrize("text, piece", [
    ("巴伦支海欧洲北冰洋地区理事会第五次外长会议十九日至二十日在瑞典北部沿海城市吕勒奥举行。", "海城市"),
    ("南昆铁路的修建为云南连结东南沿海和海外提供了一条十分便捷的大通道。", "大通"),
    ("患者郑铮，是南京中华中学的一名女学生，今年１４岁。", "华中"),
])
def test_a_reference_name_read_across_words_is_no_mention(text, piece):
    assert not any(t == piece for t, _ in mentions(text))


def test_a_reference_name_that_starts_a_word_stays():
    # near miss: 南京 starts the school's name and names the city
    assert ("南京", "Place") in mentions("患者郑铮，是南京中华中学的一名女学生。")


def test_a_photo_credit_is_no_part_of_the_name():
    text = "为寒冷的冬夜增添了几分暖意。（新华社记者刘宇摄）"
    assert ("刘宇", "Person") in mentions(text)


def test_a_division_ending_another_divisions_name_is_a_namesake():
    # 大兴县 (Beijing) holds no 兴县 (Lüliang)
    text = "晚八时整，五光十色的礼花弹从大兴县的主放阵地腾空而起，映红了整个天空。"
    assert not any(t == "兴县" for t, _ in mentions(text))


def test_a_county_after_its_province_stays_in_it():
    # near miss (written): 山西 is a place of its own before 兴县
    assert ("兴县", "山西") in located("他来到山西兴县考察。")


def test_a_countrys_full_style_is_the_country_itself():
    text = "巴基斯坦伊斯兰共和国总理穆罕默德·纳瓦兹·谢里夫在贺词中写道。"
    assert ("巴基斯坦伊斯兰共和国", "巴基斯坦") not in located(text)


def test_a_country_named_with_guo_is_the_country_itself():
    # (after the fresh sample of seed 2030: 以色列国 was placed in 以色列)
    text = "以色列国政府总理本雅明·内塔尼亚胡将于5月25日至28日对中国进行正式访问。"
    assert ("以色列国", "以色列") not in located(text)


def test_a_firm_named_after_a_landmark_is_not_in_it():
    text = "２４日晚，约堡城东的长城饭店门前，大红灯笼高高挂，五星红旗迎风飘。"
    assert ("长城饭店", "长城") not in located(text)


def test_a_post_office_inside_a_landmark_is_in_it():
    # near miss: the landmark after the city's name is where the office stands
    text = "而北京市颐和园邮局３０岁的投递员许国富，却在这个不起眼的岗位上做出了成绩。"
    assert ("北京市颐和园邮局", "颐和园") in located(text)


def test_the_banks_of_several_countries_are_no_name():
    text = "去年，在荷兰、阿根廷等国中央银行相继宣布出售储备黄金后，世界黄金市场价格连连下跌。"
    assert not any("等国" in t for t, _ in mentions(text))


def test_what_lies_in_an_area_is_the_last_place_of_the_chain_after_de():
    text = "这个村，就是位于三峡坝区的湖北省宜昌县鄢家河村。"
    rel = located(text)
    assert ("鄢家河村", "三峡坝区") in rel and ("湖北省", "三峡坝区") not in rel


def test_a_news_items_opening_is_no_part_of_a_name():
    text = "本报讯山东烟台开发区把人才视为投资环境的重要组成部分。"
    assert not any(t.startswith("本报讯") for t, _ in mentions(text))


def test_a_body_named_by_mou_is_a_description():
    text = "１９９７年５月，郑州市某交通局路政科发现该营业房距离３１０国道太近。"
    assert not any("某" in t for t, _ in mentions(text))


def test_a_post_after_a_body_is_no_part_of_its_name():
    text = "原青岛警备区政委李治亭说：“这部影片剧本写得成功，演员演得成功。”"
    assert not any(t.endswith("政委") for t, _ in mentions(text))


def test_northern_ireland_is_not_in_ireland():
    text = "他说，尽管北爱尔兰和平进程仍存在许多困难，但他相信北爱和平依然有希望。"
    assert ("北爱尔兰", "爱尔兰") not in located(text)


def test_a_strait_named_after_an_island_is_not_in_it():
    text = "预计，今天晚上到明天，受冷空气影响，东海、台湾海峡、南海北部仍有６—７级偏北风。"
    assert not any(s.startswith("台湾海峡") for s, _ in located(text))


def test_a_world_region_after_a_country_is_not_in_it():
    assert not located("美国东亚关系的微妙变化")


@pytest.mark.parametrize("text, body, tail", [
    ("为了给赴长野采访的记者们提供更好的条件，江苏康博集团向记者团提供了“波司登”牌羽绒服。", "江苏康博集团", "向记者团"),
    ("本报讯铁道部柳州木材防腐厂生产的竹材人造板与防腐木材两大系列产品，年前双双通过认证。",
     "铁道部柳州木材防腐厂", "生产"),
])
def test_a_tagged_body_ends_before_a_coverb_or_a_verb(text, body, tail):
    names = {t for t, _ in mentions(text)}
    assert body in names and not any(t.endswith(tail) for t in names)


def test_a_reporter_after_the_paper_in_a_byline_is_a_person():
    text = "看来胡忠友家脱贫已经有了希望。”（安徽新闻出版报金兴安）"
    assert ("金兴安", "Person") in mentions(text)


def test_a_body_whose_head_is_also_a_verb_stays_whole():
    # near miss, MSRA train: 组织 is a verb in the dictionary and the head of this name
    text = "而西方７国集团表示，任何援助都要通过国际货币基金组织进行。"
    assert ("国际货币基金组织", "Institution") in mentions(text)


def test_a_district_the_reference_puts_elsewhere_is_not_in_the_place_before_it():
    # 甘肃河西 is the Hexi corridor, not Tianjin's 河西区
    text = "甘肃河西地区各级政府为解决驻守在戈壁滩上部队的吃菜困难，无偿划拨菜地600多亩。"
    assert not any(o.startswith("甘肃") for _, o in located(text))


def test_a_municipalitys_district_lies_in_it():
    # the reference hierarchy reaches the municipality through its 市辖区 row
    assert ("河西区", "天津市") in located("天津市河西区举办了迎春灯会。")


def test_a_person_after_his_city_is_a_person():
    assert ("陆子冈", "Person") in mentions("昆吾锋尽终南似，愁杀苏州陆子冈。”")


def test_a_person_before_a_body_in_an_unstopped_list_is_a_person():
    # pd1998-train: prize-winners listed as body, post and name with no stops between them
    text = "四川省巴中南江县高级农艺师黄恕四川省叙永县科协主席吴兆平四川省剑阁县新华书店"
    ms = mentions(text)
    assert ("四川省叙永县科协", "Institution") in ms
    # (the grammar's person is kept only where the tagger reads a person too; here it does not)
    assert not any(t.startswith("黄恕") and c == "Institution" for t, c in ms)


def test_a_city_does_not_lie_in_an_unknown_place_before_de():
    # the store's name after 的 was not read; 上海 opens it and is not in 浦东
    text = "香港八佰伴国际集团相继爆发危机之后，坐落在浦东的上海第一八佰伴商场却红火依旧。"
    assert not any(s == "上海" for s, _ in located(text))


def test_two_known_bodies_written_together_are_two():
    # pd1998-train headline
    ms = mentions("党中央国务院关心西藏雪灾救灾工作")
    assert {("党中央", "Institution"), ("国务院", "Institution")} <= ms


def test_a_project_named_before_another_is_a_project_of_its_own():
    # written (the public corpora name no bridge after a 项目)
    ms = {t for t, c in mentions("209国道改线项目车家湾特大桥顺利合龙。") if c == "Project"}
    assert {"209国道改线项目", "车家湾特大桥"} <= ms


def test_a_planning_verb_opens_no_project_name():
    # written: 谋划 plans the projects, it is no word of their name
    assert not any(t.startswith("谋划") for t, _ in mentions("今年全市谋划延链补链项目20个。"))


def test_a_hotel_named_after_a_landmark_elsewhere_is_not_in_it():
    text = "法院审理后认为，李建国将小货车停放在广元市长城宾馆停车场内，并交纳停车费3元。"
    rel = located(text)
    assert ("广元市长城宾馆", "长城") not in rel and ("广元市长城宾馆", "广元市") in rel


def test_a_village_named_like_a_city_is_not_in_it():
    text = "大连金州区北海村在果树种植上的大投入和村领导的远大构想，是崔敏心驰神往的。"
    rel = located(text)
    assert ("北海村", "北海市") not in rel and ("北海村", "金州区") in rel


def test_a_countys_short_form_after_another_city_is_a_word():
    # written: 滨江 (riverside) in a Tianjin store's name is no Hangzhou district
    assert located("天津滨江商厦开业。") == {("天津滨江商厦", "天津")}


def test_a_time_word_before_a_body_is_no_part_of_it():
    assert not any(t.startswith("上周") for t, _ in mentions("上周四英国政府宣布了一项新的计划。"))


def test_a_clause_with_zao_is_no_name():
    text = "１９３１年他在香港遭港英当局逮捕，坐了一年多的牢。"
    assert not any("遭" in t for t, _ in mentions(text))


def test_an_unnamed_unit_is_not_placed():
    text = "本报讯驻扎在河北省秦皇岛市的海军某部官兵们，十年如一日为驻地群众服务。"
    assert not any(s == "海军" for s, _ in located(text))


def test_a_people_is_no_body():
    text = "在两国正式建交前夕，北京电视台与南非华人共同主办了一场庆祝联欢晚会。"
    assert not any(t == "南非华人" for t, _ in mentions(text))


def test_an_address_chain_read_as_a_body_is_its_places():
    text = "新年伊始，内蒙古锡林郭勒盟苏尼特左旗从各单位抽调人员组成“三下乡”活动小组。"
    rel = located(text)
    assert ("苏尼特左旗", "锡林郭勒盟") in rel
    assert not any(s.startswith("内蒙古锡林郭勒盟") for s, _ in rel)


def test_a_player_after_his_city_is_a_person():
    text = "黎德玲（２２２８分）、黑龙江郭丽萍（２２２０分）、杭州金海英（２２１３分）、湖北陈淑兰（２２０２分）。"
    assert ("金海英", "Person") in mentions(text)


def test_a_mountain_after_its_city_stays_a_place():
    # near miss (written): 白云山 is a place's word, not a person's
    assert ("白云山", "广州") in located("他们游览了广州白云山。")


def test_a_highway_named_at_the_end_of_its_route_is_not_in_that_city():
    text = "该段高速公路是国家沿海大通道黑龙江同江到海南岛三亚高速公路中的一段。"
    assert not any(s.endswith("高速公路") for s, _ in located(text))


def test_zuzhi_after_a_ministry_is_its_verb():
    text = "值得提及的是，从日本通产省组织编写的《日本通商产业政策史》中，人们可以了解到日本产业政策。"
    assert not any(t.endswith("组织") for t, _ in mentions(text))


def test_a_county_ending_another_countys_name_is_no_mention():
    # 胶南县 (Shandong, now part of Qingdao) ends with 南县 (Hunan)
    text = "山东省胶南县师范学校的学生们来到农村支教。"
    assert not any(o in ("南县",) for _, o in located(text))


def test_a_verb_of_joining_opens_no_campaign_name():
    # written after the bundled corpus's phrasing of a campaign
    names = {t for t, c in mentions("全市上下积极投身“千项千亿”项目大会战，发起大抓项目的攻势。") if c == "Program"}
    assert names and not any(t.startswith("投身") for t in names)


# ---- classes of the fresh sample of 2026-12-07 (benchmarks/results/relation_precision_s10.tsv),
# fixed after it was judged: the sample's figure stays as judged

def test_a_memorial_after_its_place_and_de_is_named_without_them():
    text = "像嘉峪关的长城博物馆，高台、金昌、安西、张掖的西路军烈士陵园和纪念馆，以及部队的邱少云纪念馆。"
    ms = mentions(text)
    assert ("西路军烈士陵园", "Memorial") in ms and not any(t.startswith("张掖的") for t, _ in ms)


def test_a_season_after_a_city_is_no_part_of_a_place():
    text = "使北京新春纪念中国话剧90周年的新剧目交流演出达到高潮。"
    assert not any(t == "北京新春" for t, _ in mentions(text))


def test_a_citys_schools_together_are_no_body():
    text = "本报大连1月13日电辽宁省庄河市中小学校写字教育堪称一绝。"
    assert not any(t.endswith("中小学校") for t, _ in mentions(text))
