"""Operator frames: who runs, organises, builds or owns a program, project, event or site.

``Y由A(、B)主办/承办/运营/建设/管理…``, ``由A主办的Y``, ``A(投资)建设的Y``, ``Y隶属于A``
and ``主办单位：A``;
``该项目``, ``本次活动`` stand for the last one named
(:func:`~kg.extract.frames.clauses.thing_before`). :func:`operators` adds what it reads
to the frames' findings.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline()(read_text("第五届晋商文化节在太原开幕。本届文化节由山西省商务厅主办。", doc_id="d"))
>>> [(s.subject.text, s.predicate, s.object.text) for s in st.statements if s.rule == "frames:run-by"]
[('第五届晋商文化节', 'operatedBy', '山西省商务厅')]
"""

from __future__ import annotations

import re

from kg.extract.brackets import alias_end
from kg.extract.frames.clauses import CLAUSE_END, SENT_END, clause_start, level, list_before, list_from, runnable, thing_before
from kg.extract.relations import SITE_CLASSES
from kg.records import Mention

__all__ = ["operators"]


# 由A、B共同主办: the verbs of running, organising and building something.
_RUN_VERBS = ("主办", "承办", "协办", "联合主办", "共同主办", "运营", "运营管理", "管理", "建设", "投资建设", "投资开发", "开发建设", "投资",
              "负责建设", "承建", "开发", "实施", "组织", "举办", "发起", "牵头", "负责")
_BY = re.compile(r"由")
# Bodies that guide, support or supervise what others run.
_GUIDES = re.compile(r"(?:联合|共同)?(?:指导|支持|特别支持|监制|指导支持)")
_NEXT_PART = ("，", ",", "；", ";", "、")
_RUN_AFTER = re.compile(r"(?:共同|联合|负责|牵头)?(" + "|".join(sorted(_RUN_VERBS, key=len, reverse=True)) + ")")
_UNIT = re.compile(r"(?:主办|承办|协办|运营|建设|管理)单位(?:为|是|：|:)")


_ISSUES = re.compile(r"(?:联合|共同|先后|相继|正式)?(?:出台|印发|制定|发布|颁布|推出|实施)(?:了)?[《“「]?")


# 县委已决定把“三走”作为一项制度: the body a 把 clause opens with takes up the program
# it puts in hand (adverbs may stand between the body and 把).
_BA = re.compile(r"把[“「]?")
_BA_ADVERBS = re.compile(r"(?:已经|已|还|又|也|将|要|更|始终|一直|坚持|继续|决定|首先|积极|切实|率先|进一步)*$")


# 武汉市委、市政府便开始筹办春节灯会，推行“亮起来工程”: a clause with no subject of its
# own that opens by putting programs into action has the subject of the sentence's clause
# before it that opens with bodies.
_ACTS = re.compile(r"(?:大力|深入|全力|全面|积极|认真|持续|扎实|重点|着力|继续|先后|相继|同时|还|也|又|便|并)*"
                   r"(?:实施|推行|开展|推进|启动|落实|制定|出台|印发|发起)(?:了)?")
_TIME_OPENING = re.compile(r"(?:今年|去年|明年|近年来|近年|近来|日前|近日|目前|当前|此外|"
                           r"[0-9０-９]{4}年(?:以来)?|[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?")
_AS_TOOL = re.compile(r"为(?:总抓手|抓手|载体|牵引|引领)")
# A clause opening with one of these has a subject of its own.
_OWN_SUBJECT = re.compile(r"(?:他|她|它|我|你|该|这|那|各|全[省市县区镇乡村])")


_RELY_ON = re.compile(r"依托")
_FOUNDED = re.compile(r"(?:建设|建立|成立|组建|设立|共建|创办|运营)")
_BARE_HEAD = re.compile(r"(研究院|研究所|中心|基地|实验室|平台|园区)$")


_DIVISION_ENDS = frozenset("县区旗镇乡村")
_RUNNING_HALLS = frozenset({"MemorialHall", "Museum"})
# Bodies a project may be named after (a company, or a body the tagger found without a head).
_COMPANIES = frozenset({"Enterprise", "Institution"})


_AND_OTHERS = re.compile(r"(?:等(?:单位|部门|机构|企业|高校)?)?")
_JOINT_BUILD = re.compile(r"(?:联合|共同)(?:投资|开发|建设|出资)|合资")
_BUILT_BY = re.compile(r"(?:正在|正|已|所|累计)?(?:投资建设|开发建设|投资兴建|建设|承建|兴建)的")
_BELONGS = re.compile(r"(?:隶属于|隶属|归属于|直属于)")


def _leading_places(owner: Mention, places_in) -> list[Mention]:
    """The division a name opens with (中阳县|东义集团…): where what it runs is."""
    # Only a division written in full (中阳县, not 大同 of 大同煤业集团): a company named
    # after a city may work far from it, one named after its county seldom does.
    return [p for p in places_in(owner) if p.start == owner.start and level(p) is not None
            and p.cls not in SITE_CLASSES and p.text[-1:] in _DIVISION_ENDS][:1]


def operators(text, top, starts, found, places_in) -> None:
    """Add to ``found`` who runs, organises, builds or owns what (由A主办, 隶属于A, 主办单位：A)."""
    org = lambda m: m.core == "Institution"  # noqa: E731
    # 由遵义会议纪念馆负责保护管理: a memorial hall or museum is also the body that runs a site.
    runner = lambda m: org(m) or (m.core == "Memorial" and m.cls in _RUNNING_HALLS)  # noqa: E731
    for mt in _BY.finditer(text):
        bodies = list_from(text, starts, mt.end(), runner)
        if not bodies:
            continue
        # 由A、B等单位主办
        verb = _RUN_AFTER.match(text, _AND_OTHERS.match(text, alias_end(text, bodies[-1].end)).end())
        if verb is None:
            # 由商务部指导，山西省人民政府主办: a body that guides or supports does not run it,
            # the bodies of the next clauses do.
            guide = _GUIDES.match(text, _AND_OTHERS.match(text, alias_end(text, bodies[-1].end)).end())
            if guide is None or text[guide.end():guide.end() + 1] not in _NEXT_PART:
                continue
            bodies, after = [], guide.end()
        else:
            after = verb.end()
        if text.startswith("的", after):
            # 由A主办的Y: the thing named right after.
            thing = next((m for m in starts.get(after + 1, ()) if runnable(m)), None)
        else:
            thing = thing_before(text, top, mt.start())
        if thing is None:
            continue
        for b in bodies:
            found.append((thing, "operatedBy", b, "run-by", 0.8, None))
        # 项目由A（a）、B（b）联合开发建设: companies that develop or invest in a project
        # together are partners (bodies that jointly host an event are not, by the guide).
        if verb is not None and thing.core == "Project" and len(bodies) > 1 and \
                _JOINT_BUILD.match(text, _AND_OTHERS.match(text, alias_end(text, bodies[-1].end)).end()):
            for i, a in enumerate(bodies):
                for b in bodies[i + 1:]:
                    found.append((a, "partnerOf", b, "joint-builders", 0.75, None))
        # 由A主办，B、C承办 (or 主办、B承办): the next clauses name more bodies with their part.
        pos = after
        while text[pos:pos + 1] in _NEXT_PART:
            more = list_from(text, starts, pos + 1, runner)
            verb = _RUN_AFTER.match(text, _AND_OTHERS.match(text, alias_end(text, more[-1].end)).end()) if more else None
            if verb is None:
                guide = _GUIDES.match(text, _AND_OTHERS.match(text, alias_end(text, more[-1].end)).end()) if more else None
                if guide is None:
                    break
                pos = guide.end()
                continue
            for b in more:
                found.append((thing, "operatedBy", b, "run-by", 0.8, None))
            pos = verb.end()
    for mt in _UNIT.finditer(text):
        # Only under a title line (short, no full stop): at the foot of an article,
        # 主办单位 names who runs the page, not the last program the text named.
        line_end = text.rfind("\n", 0, mt.start())
        prev = text[:max(line_end, 0)].rstrip("\n").rsplit("\n", 1)[-1]
        if line_end < 0 or len(prev) > 40 or prev.rstrip()[-1:] in SENT_END + "；;，,":
            continue
        bodies = list_from(text, starts, mt.end(), org)
        # 主办单位 follows the title of what is organised: an event or a program named
        # just before (a line or two), never a site the title happens to mention.
        thing = next((m for m in reversed(top) if m.end <= mt.start() and mt.start() - m.end < 80
                      and m.core in ("Event", "Program")), None)
        for b in bodies if thing is not None else ():
            found.append((thing, "operatedBy", b, "run-by-unit", 0.75, None))
    # 中阳钢铁有限公司数字化生产系统, 东义集团煤气化有限公司鑫岩煤矿: a project or site named
    # right after the company runs it (and lies where the company's name places it).
    for m in top:
        split = m.rule.startswith("split-owner:")
        if not (m.core == "Project" or (m.core == "Place" and m.cls == "Facility") or split):
            continue
        owner = next((o for o in top if o.end == m.start and o.core == "Institution"), None)
        if owner is not None:
            found.append((m, "operatedBy", owner, "owner-before", 0.8, None))
            for p in _leading_places(owner, places_in):
                found.append((m, "locatedIn", p, "owner-place", 0.75, None))
        elif m.core == "Project":
            # 台州湾新区与上海氢晨签约，…上海氢晨台州氢燃料电池电堆项目: a project whose name
            # opens with the name of a company the text names is that company's (the place
            # after the company's name says where it is, not the company's own).
            owner = next((o for o in top if o.core == "Institution" and o.cls in _COMPANIES
                          and len(o.text) >= 3 and len(m.text) > len(o.text) + 2
                          and m.text.startswith(o.text)), None)
            if owner is not None:
                found.append((m, "operatedBy", owner, "named-after-owner", 0.75, None))
    # 市委、市政府出台《…行动方案》: a policy is run by the bodies that issue it; 山西省委
    # “四为四高两同步”总体思路: a program written right after a body is that body's.
    for mt in _ISSUES.finditer(text):
        bodies = list_before(text, top, mt.start(), org)
        policy = next((m for m in starts.get(mt.end(), ()) if m.core == "Program"), None)
        for b in bodies if policy is not None else ():
            found.append((policy, "operatedBy", b, "issued-by", 0.75, None))
    for mt in _BA.finditer(text):
        policy = next((m for m in starts.get(mt.end(), ()) if m.core == "Program"), None)
        if policy is None:
            continue
        adverbs = _BA_ADVERBS.search(text, max(0, mt.start() - 8), mt.start())
        for b in list_before(text, top, adverbs.start(), org):
            found.append((policy, "operatedBy", b, "takes-up", 0.75, None))
    for m in top:
        if m.core != "Program":
            continue
        pos = m.start - (1 if text[m.start - 1:m.start] in ("“", "《", "「") else 0)
        for b in list_before(text, top, pos, org):
            found.append((m, "operatedBy", b, "body-program", 0.7, None))
    _carried_subject(text, top, starts, found, org)
    # 研究院依托遵义医科大学建设: an institute built on a body is run by it.
    for mt in _RELY_ON.finditer(text):
        bodies = list_from(text, starts, mt.end(), org)
        if not bodies or not _FOUNDED.match(text, _AND_OTHERS.match(text, alias_end(text, bodies[-1].end)).end()):
            continue
        subj = list_before(text, top, mt.start(), lambda m: runnable(m) or m.core == "Institution")
        if not subj:
            head = _BARE_HEAD.search(text, max(0, mt.start() - 6), mt.start())
            subj = [m for m in reversed(top) if head is not None and m.end <= head.start()
                    and head.start() - m.end < 400 and m.text.endswith(head.group(1))][:1]
        for sub in subj:
            for b in bodies:
                if b is not sub:
                    found.append((sub, "operatedBy", b, "relies-on", 0.75, None))
    # 内蒙古君正能源化工集团股份有限公司（君正集团）投资建设的绿电替代项目: a body that
    # builds a project is its operator; a zone building one is where it is.
    for mt in _BUILT_BY.finditer(text):
        thing = next((m for m in starts.get(mt.end(), ()) if m.core == "Project"), None)
        if thing is None:
            continue
        who = next((m for m in reversed(top) if m.end <= mt.start() and alias_end(text, m.end) == mt.start()), None)
        if who is not None and who.core == "Institution":
            found.append((thing, "operatedBy", who, "builder-of", 0.75, None))
        elif who is not None and who.core == "Place" and (who.cls in SITE_CLASSES or level(who) is not None):
            found.append((thing, "locatedIn", who, "zone-builds", 0.75, None))
    for mt in _BELONGS.finditer(text):
        bodies = list_from(text, starts, mt.end(), org)
        subj = list_before(text, top, mt.start(), runnable)
        for s in subj:
            for b in bodies[:1]:
                found.append((s, "operatedBy", b, "belongs-to", 0.8, None))


def _carried_subject(text, top, starts, found, org) -> None:
    """庄河市委、市政府将文化下乡列为重要工作，实施了“图书下乡”…三项工程: the programs a
    subjectless clause puts into action are run by the bodies that open an earlier clause
    of the sentence, unless a clause between opens with a subject of its own."""
    opens = {m.start for m in top}
    for k, ch in enumerate(text):
        # (a clause opening a sentence has no clause before it to take a subject from)
        if ch not in CLAUSE_END + "、" or ch in SENT_END:
            continue
        program = lambda m: m.core == "Program"  # noqa: E731
        act = _ACTS.match(text, k + 1)
        if act is not None:
            # a name read with its quotation marks (“一泓清水入黄河”工程) starts at the mark
            programs = list_from(text, starts, act.end(), program) or \
                [m for m in starts.get(act.end(), ()) if program(m)][:1]
        elif text.startswith("以", k + 1):
            # 以“五个一批”为抓手: the programme a clause takes as its tool of work
            programs = [m for m in list_from(text, starts, k + 2, program)[:1]
                        if _AS_TOOL.match(text, m.end + (text[m.end:m.end + 1] in "”」"))]
        else:
            continue
        if not programs:
            continue
        s0 = clause_start(text, k, SENT_END)
        pos, bodies = k, []
        while pos > s0:
            c = clause_start(text, pos)
            c = max(c, s0)
            at = _TIME_OPENING.match(text, c).end()
            bodies = list_from(text, starts, at, org)
            if bodies or at in opens or _OWN_SUBJECT.match(text, at):
                break
            pos = c - 1
        for p in programs:
            for b in bodies:
                found.append((p, "operatedBy", b, "carried-subject", 0.7, None))
