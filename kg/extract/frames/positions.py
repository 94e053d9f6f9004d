"""Position frames: the posts people hold, and bodies renamed.

A person with an apposition (``王晓明，大同市教育局局长，``), a person taking up a post
(``王晓明任大同市教育局局长``), lists (``张建国、李红梅分别任太原市教育局局长、副局长``)
and holders listed after a post; ``A（原B）`` for a body's former name.

Examples
--------
>>> from kg.text import read_text
>>> from kg.extract.pipeline import Pipeline
>>> st = Pipeline()(read_text("王晓明任大同市教育局局长。", doc_id="d"))
>>> [(s.subject.text, s.object.text, s.role) for s in st.statements if s.rule == "frames:takes-post"]
[('王晓明', '大同市教育局', '局长')]
"""

from __future__ import annotations

import functools
import re

from kg.extract.frames.clauses import list_before
from kg.extract.persons import with_executive
from kg.extract.relations import is_post
from kg.extract.wordlists import DIVISION_ENDS, title_table

__all__ = ["bare_head_posts", "government_heads", "listed_holders", "positions", "renamed"]


_FORMERLY = re.compile(r"[（(]原")


_TAKE_POST = re.compile(r"(?:分别)?(?:担任|出任|兼任|任|当选为|当选|履新)")


@functools.cache
def _titles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(title_table(), key=len, reverse=True))


def _title_at(text: str, pos: int) -> str | None:
    """The longest post title starting at ``pos`` (see :func:`~kg.extract.relations.is_post`),
    with the 常务 written before it (常务副县长)."""
    lead = 2 if text.startswith("常务", pos) else 0
    title = next((t for t in _titles_longest_first() if text.startswith(t, pos + lead) and is_post(t)), None)
    return with_executive(text, pos + lead, title) if title is not None else None


def renamed(text, top, starts, found) -> None:
    """遵义医科大学（原遵义医学院）: the old name, given in brackets, was renamed to the new."""
    for mt in _FORMERLY.finditer(text):
        new = next((m for m in reversed(top) if m.end == mt.start()), None)
        old = next((m for m in starts.get(mt.end(), ())), None)
        if (new is not None and old is not None and new.core == old.core
                and text[old.end:old.end + 1] in ")）"):
            found.append((old, "renamedTo", new, "formerly", 0.8, None))


# 来自浙江大学的专家王五: a person introduced by the body they come from; between 的 and the
# name a few words of what they are (专家, 氢能专家, 教授) and no clause break.
_COMES_FROM = re.compile(r"(?:来自|来自于)$")
_WHAT_THEY_ARE = re.compile(r"的([\u4e00-\u9fff]{0,6})")


def positions(text, top, starts, found) -> None:
    """Add to ``found`` the posts of people in apposition or taking up a post (王晓明任…局长)."""
    person = lambda m: m.core == "Person"  # noqa: E731
    for i, org in enumerate(top):
        if org.core != "Institution" or not _COMES_FROM.search(text, max(0, org.start - 3), org.start):
            continue
        mt = _WHAT_THEY_ARE.match(text, org.end)
        who = next((m for m in top[i + 1:i + 3] if m.core == "Person" and mt is not None
                    and m.start - mt.start() <= len(mt.group(0)) and mt.start() < m.start), None)
        if who is not None and text[org.end:who.start].startswith("的") and \
                not any(ch in text[org.end:who.start] for ch in "，。；、"):
            role = text[org.end + 1:who.start] or None
            found.append((who, "heldPosition", org, "comes-from", 0.75, role))
    for mt in _TAKE_POST.finditer(text):
        people = list_before(text, top, mt.start(), person)
        if not people:
            continue
        posts = _posts(text, starts, mt.end())
        if not posts:
            continue
        if len(people) == 1:
            # 王晓明任大同市教育局局长、党组书记: every post is the one person's.
            for org, title, _ in posts:
                found.append((people[0], "heldPosition", org, "takes-post", 0.8, title))
        elif "分别" in text[mt.start():mt.end()] and len(posts) == len(people):
            # 张建国、李红梅分别任…局长、副局长: pairs in order.
            for p, (org, title, _) in zip(people, posts):
                found.append((p, "heldPosition", org, "respectively", 0.8, title))
    for p in top:
        if p.core != "Person" or text[p.end:p.end + 1] not in "，,（(":
            continue
        posts = _posts(text, starts, p.end + 1)
        if posts and text[posts[-1][2]:posts[-1][2] + 1] in "，,）)。":
            for org, title, _ in posts:
                found.append((p, "heldPosition", org, "apposition", 0.75, title))


# 鄂尔多斯市市长, 湘西州州长, 达拉特旗旗长: the head of a division's government, the title
# repeating the division's last character.
_HEAD_OF_GOVERNMENT = re.compile(rf"(?:代|常务副|副)?([{DIVISION_ENDS}])长$")


def government_heads(text, top, found) -> None:
    """Add to ``found`` the post of a division's head (湘西州州长田茂林) in that division's
    government, when the document names the government (湘西州人民政府): a bare 州 is no
    body, and the guide does not invent the government's name.

    Parameters
    ----------
    text : str
        The document text.
    top : list of Mention
        The document's top-level mentions, in order.
    found : list
        Findings ``(subject, predicate, object, rule, confidence, role)``, appended to.

    Examples
    --------
    >>> from kg.records import Mention
    >>> text = "北京市市长贾庆林代表北京市人民政府致辞。"
    >>> top = [Mention(0, 3, "北京市", "Place", "City"), Mention(5, 8, "贾庆林", "Person", "Person"),
    ...        Mention(10, 17, "北京市人民政府", "Institution", "GovernmentBody")]
    >>> found = []
    >>> government_heads(text, top, found)
    >>> [(s.text, o.text, role) for s, _, o, _, _, role in found]
    [('贾庆林', '北京市人民政府', '市长')]
    """
    bodies = {m.text: m for m in top if m.core == "Institution"}
    places = {m.end: m for m in top if m.core == "Place"}
    for p in top:
        if p.core != "Person":
            continue
        mt = _HEAD_OF_GOVERNMENT.search(text, max(0, p.start - 5), p.start)
        place = places.get(mt.start()) if mt is not None else None
        if place is None:
            continue
        level = mt.group(1)
        stem = place.text if place.text.endswith(level) else place.text + level
        gov = bodies.get(stem + "人民政府") or bodies.get(stem + "政府")
        if gov is not None:
            found.append((p, "heldPosition", gov, "head-of-government", 0.8, mt.group(0)))


# 合作社理事长张兴旺, 医院院长林才宇: a body named again by its head noun alone.
_BARE_HEADS = ("合作社", "纪念馆", "博物馆", "研究院", "研究所", "公司", "集团", "医院", "学校", "大学", "学院",
               "中心", "协会", "基金会", "银行", "管理局")
# What may stand before the bare head: no character of a longer name (…苗绣合作社 is a name
# the finders missed, not the last one again).
_BEFORE_BARE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[据经由和与及])$")


def bare_head_posts(text, top, found) -> None:
    """Add to ``found`` the post of a person after a bare head noun and a title
    (``…十八洞村苗绣农民专业合作社吸纳了…。合作社理事长龙秀英说``): the body is the last one
    named with that head, a paragraph at most before, when the title is a post of such a
    body (理事长 of a 社).

    Parameters
    ----------
    text : str
        The document text.
    top : list of Mention
        The document's top-level mentions, in order.
    found : list
        Findings ``(subject, predicate, object, rule, confidence, role)``, appended to.

    Examples
    --------
    >>> from kg.records import Mention
    >>> text = "记者来到广济医院。医院院长林才宇介绍。"
    >>> top = [Mention(4, 8, "广济医院", "Institution", "Hospital"), Mention(13, 16, "林才宇", "Person", "Person")]
    >>> found = []
    >>> bare_head_posts(text, top, found)
    >>> [(s.text, o.text, role) for s, _, o, _, _, role in found]
    [('林才宇', '广济医院', '院长')]
    """
    bodies = [m for m in top if m.core == "Institution" or (m.core == "Memorial" and m.text.endswith("馆"))]
    for p in top:
        if p.core != "Person":
            continue
        title = next((t for t in _titles_longest_first() if text.endswith(t, 0, p.start) and is_post(t)), None)
        if title is None:
            continue
        sufs = title_table()[title].org_suffixes
        title = with_executive(text, p.start - len(title), title)
        t0 = p.start - len(title)
        head = next((h for h in _BARE_HEADS if text.endswith(h, 0, t0)), None)
        if head is None or not _BEFORE_BARE.search(text, max(0, t0 - len(head) - 1), t0 - len(head)) \
                or (sufs and not any(head.endswith(x) for x in sufs)):
            continue
        h0 = t0 - len(head)
        org = next((m for m in reversed(bodies) if m.end <= h0 and h0 - m.end < 300 and m.text.endswith(head)
                    and m.text != head), None)
        if org is not None and not any(m.start < t0 and m.end > h0 and m is not org for m in top
                                       if m.text != head):
            found.append((p, "heldPosition", org, "bare-head-post", 0.7, title))


def listed_holders(text, top, statements, found) -> None:
    """An organisation and a title right before a name the title finder did not read
    (美联社记者斯坦因; 的 may stand between: …研究所的董事长…) are the name's post, and the
    post before a list of people is each one's (新华社记者王黎、李舫)."""
    people = [m for m in top if m.core == "Person"]
    orgs_by_end = {m.end: m for m in top if m.core == "Institution"}
    held = {}
    for s in statements:
        if s.predicate == "heldPosition":
            held.setdefault(s.subject.span, []).append((s.object, s.role))
    for f in found:
        if f[1] == "heldPosition":
            held.setdefault(f[0].span, []).append((f[2], f[5]))
    for p in people:
        if p.span in held:
            continue
        # 的 between the organisation and the title
        # (a calling such as 农民 is no post of the body before 的: only titles that go
        # with an organisation)
        title = next((t for t in _titles_longest_first() if text.endswith(t, 0, p.start) and is_post(t)
                      and (title_table()[t].kind != "profession" or title_table()[t].org_suffixes)), None)
        if title is not None:
            # 美联社记者斯坦因 (a name the tagger found, with no title read by the persons
            # finder), 弗劳恩霍夫研究所的专家…
            title = with_executive(text, p.start - len(title), title)
            t0 = p.start - len(title)
            org = orgs_by_end.get(t0)
            if org is None and text[t0 - 1:t0] == "的":
                org = orgs_by_end.get(t0 - 1)
            if org is None:
                # 十八洞村党支部|书记 read as 党支部书记: the body's name takes the title's
                # first words, the rest of the title is the post.
                org = next((orgs_by_end[k] for k in range(t0 + 1, p.start - 1) if k in orgs_by_end
                            and orgs_by_end[k].start < t0 and text[k:p.start] in title_table()), None)
            if org is not None and org.end > t0:
                # The post without the division the body's name gives (党支部书记, not
                # 村党支部书记).
                title = next((text[k:p.start] for k in range(t0, p.start) if text[k:p.start] in title_table()
                              and text[k] not in DIVISION_ENDS + "村"), title)
            if org is not None:
                found.append((p, "heldPosition", org, "org-title-person", 0.7, title))
                held[p.span] = [(org, title)]
    for i, p in enumerate(people):
        if p.span not in held:
            continue
        # Later names of the list, with no title of their own, hold the same post.
        prev = p
        for q in people[i + 1:]:
            if text[prev.end:q.start] != "、" or q.span in held:
                break
            for org, role in held[p.span]:
                found.append((q, "heldPosition", org, "listed-holder", 0.7, role))
            prev = q


def _posts(text, starts, pos):
    """``Org title(、(Org) title)…`` from ``pos``: (org, title[, end]) with the organisation
    carried over when a later title has none."""
    out = []
    org = None
    while True:
        m = next((x for x in starts.get(pos, ()) if x.core == "Institution"), None)
        if m is not None:
            org, pos = m, m.end
        title = _title_at(text, pos)
        if org is None or title is None:
            break
        pos += len(title)
        out.append((org, title, pos))
        if text[pos:pos + 1] != "、":
            break
        pos += 1
    return out
