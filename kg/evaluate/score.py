"""Scoring predictions against gold annotations: entities, relations, quantities.

Names are compared after :func:`normalize_name` (NFKC, traditional → simplified, quotes and
whitespace removed, middle dots unified). Matching is one-to-one: candidate pairs are
ranked (exact name, then name/alias, then alias/alias, then — loose mode only —
containment) and assigned greedily best-first; augmenting paths then add any pair that
raises the number of matches, so no true positive is lost to an unlucky tie.

Optional gold entities (``required: false``) are neither rewarded nor penalised: a
prediction matching one is set aside (``ignored``) and an unmatched optional entity is not
a miss.

Examples
--------
>>> from kg.evaluate.gold import GoldDocument, GoldEntity
>>> gold = GoldDocument("d", entities=(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
...                                    GoldEntity("兴县", "Place"),
...                                    GoldEntity("刘胡兰", "Person")))
>>> pred = [PredictedEntity("吕梁", "Place"), PredictedEntity("兴县", "Place"),
...         PredictedEntity("山西", "Place")]
>>> s = score_entities(gold, pred)
>>> s.overall.tp, s.overall.fp, s.overall.fn, round(s.overall.precision, 3)
(2, 1, 1, 0.667)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from kg.evaluate.gold import ENTITY_TYPES, RELATION_PREDICATES, GoldDocument, GoldEntity, \
    GoldQuantity, GoldRelation

__all__ = [
    "MODES",
    "PredictedEntity",
    "PredictedRelation",
    "PredictedObservation",
    "Counts",
    "EntityMatch",
    "EntityScore",
    "RoleScore",
    "RelationScore",
    "QuantityScore",
    "normalize_name",
    "normalize_unit",
    "values_match",
    "score_entities",
    "score_relations",
    "score_quantities",
    "pool_entity_scores",
    "pool_relation_scores",
    "pool_quantity_scores",
]

#: Entity matching modes.
MODES: tuple[str, ...] = ("strict", "loose")

# --------------------------------------------------------------------------- normalisation

_STRIP = dict.fromkeys(map(ord, "“”\"'‘’《》「」『』〈〉"), None)
_DOTS = dict.fromkeys(map(ord, "·•・‧∙⋅･"), "·")
_PARENS = {ord("（"): "(", ord("）"): ")", ord("〔"): "(", ord("〕"): ")"}


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # a declared dependency; imported lazily to keep `import kg` cheap

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Normalise a name for comparison.

    NFKC (full-width → half-width), traditional → simplified Chinese (OpenCC ``t2s``),
    quotes ``“”"'‘’《》「」`` and all whitespace removed, middle dots ``·•・`` unified to
    ``·`` and full-width parentheses made half-width.

    Parameters
    ----------
    name : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_name("國家級風景名勝區")
    '国家级风景名胜区'
    >>> normalize_name(" 《四•八烈士纪念馆》 ")
    '四·八烈士纪念馆'
    >>> normalize_name("华为山西（吕梁）大数据中心")
    '华为山西(吕梁)大数据中心'
    """
    s = unicodedata.normalize("NFKC", name)
    s = _t2s().convert(s)
    s = s.translate(_STRIP).translate(_DOTS).translate(_PARENS)
    return "".join(s.split())


_MAGNITUDES = ("千万", "百万", "万", "亿")
# 名 and 位 count people: the gold files write 9.96万名 with the unit 人 and 140名 with 名.
_UNIT_SYNONYMS = {"％": "%", "百分比": "%", "平方千米": "平方公里", "千米": "公里", "名": "人", "位": "人"}


def normalize_unit(unit: str) -> str:
    """Normalise a unit: NFKC, no whitespace, magnitude prefixes dropped (万人 → 人).

    Values are compared already normalised to base units, so a magnitude left in the unit
    text (``万人``, ``亿元``) is a labelling slip, not a different unit.

    Examples
    --------
    >>> normalize_unit("万人"), normalize_unit("亿元"), normalize_unit("万千瓦"), normalize_unit("千瓦")
    ('人', '元', '千瓦', '千瓦')
    >>> normalize_unit("亿立方米"), normalize_unit(" ％ ")
    ('立方米', '%')
    """
    u = "".join(unicodedata.normalize("NFKC", unit).split())
    for mag in _MAGNITUDES:
        if u.startswith(mag) and len(u) > len(mag):
            u = u[len(mag):]
            break
    return _UNIT_SYNONYMS.get(u, u)


def values_match(gold: float | int | Decimal, predicted: float | int | Decimal,
                 *, tolerance: float = 0.005) -> bool:
    """True when ``predicted`` is within ``tolerance`` (relative) of ``gold``; exact for 0.

    Examples
    --------
    >>> values_match(64000, 64000.0), values_match(1000, 1004), values_match(1000, 1006)
    (True, True, False)
    >>> values_match(0, 0), values_match(0, 0.001)
    (True, False)
    """
    g, p = float(gold), float(predicted)
    if g == 0:
        return p == 0
    return abs(p - g) <= tolerance * abs(g)


# --------------------------------------------------------------------------- predictions


class PredictedEntity(NamedTuple):
    """An entity predicted for one document: a name, a core type and other surface forms.

    Examples
    --------
    >>> PredictedEntity("吕梁市", "Place", frozenset({"吕梁"})).forms
    ('吕梁市', '吕梁')
    """

    name: str
    type: str
    aliases: frozenset[str] = frozenset()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by the aliases (sorted)."""
        return (self.name, *sorted(a for a in self.aliases if a != self.name))


class PredictedRelation(NamedTuple):
    """A predicted relation between two names; ``role`` only for ``heldPosition``.

    A plain ``(subject, predicate, object)`` triple is accepted wherever a
    ``PredictedRelation`` is.

    Examples
    --------
    >>> PredictedRelation("孙大军", "heldPosition", "吕梁市委", "市委书记").role
    '市委书记'
    """

    subject: str
    predicate: str
    object: str
    role: str | None = None


class PredictedObservation(NamedTuple):
    """A predicted numeric fact: ``value`` in base units about the entity named ``subject``.

    Examples
    --------
    >>> PredictedObservation("吕梁山护工", 64000, "人").unit
    '人'
    """

    subject: str
    value: float | int | Decimal
    unit: str
    measure: str | None = None
    raw: str | None = None


# --------------------------------------------------------------------------- counts


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives and the derived P/R/F1.

    Undefined ratios (no predictions, no gold) are 0.0; the counts tell them apart.

    Examples
    --------
    >>> c = Counts(2, 1, 1)
    >>> round(c.precision, 4), round(c.recall, 4), round(c.f1, 4)
    (0.6667, 0.6667, 0.6667)
    >>> (c + Counts(1, 0, 0)).tp, Counts().f1
    (3, 0.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        """Number of gold items (TP + FN)."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Number of scored predictions (TP + FP)."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """TP / (TP + FP), 0.0 when nothing was predicted."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN), 0.0 when there is no gold."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (2TP / (2TP + FP + FN))."""
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and ratios as a JSON-ready dict.

        Examples
        --------
        >>> Counts(1, 1, 0).to_dict()
        {'tp': 1, 'fp': 1, 'fn': 0, 'precision': 0.5, 'recall': 1.0, 'f1': 0.6667}
        """
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


def _ordered(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    keys = set(keys)
    return [k for k in order if k in keys] + sorted(keys - set(order))


# --------------------------------------------------------------------------- matching


def _one_to_one(edges: Iterable[tuple[Any, int, int]]) -> dict[int, tuple[int, Any]]:
    """Maximum one-to-one matching of left i to right j, preferring low-ranked edges.

    Greedy best-first on ``(rank, i, j)``; then Kuhn augmenting paths (trying better
    edges first) for every left node still free, which can only add matches.
    Returns ``{i: (j, rank)}``.
    """
    ranked = sorted(edges, key=lambda e: (e[0], e[1], e[2]))
    adj: dict[int, list[tuple[int, Any]]] = {}
    for rank, i, j in ranked:
        adj.setdefault(i, []).append((j, rank))
    left: dict[int, tuple[int, Any]] = {}
    right: dict[int, int] = {}
    for rank, i, j in ranked:
        if i not in left and j not in right:
            left[i] = (j, rank)
            right[j] = i

    def augment(i: int, seen: set[int]) -> bool:
        for j, rank in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in right or augment(right[j], seen):
                left[i] = (j, rank)
                right[j] = i
                return True
        return False

    for i in adj:
        if i not in left:
            augment(i, set())
    return left


_RANK_NAMES = ("name", "name-alias", "alias-name", "alias-alias", "contains")


def _entity_rank(pred: tuple[str, ...], gold: tuple[str, ...], loose: bool) -> tuple | None:
    """Rank of the best way ``pred`` forms match ``gold`` forms (lower is better) or None."""
    if pred[0] == gold[0]:
        return (0, 0.0)
    if pred[0] in gold[1:]:
        return (1, 0.0)
    if gold[0] in pred[1:]:
        return (2, 0.0)
    if set(pred[1:]) & set(gold[1:]):
        return (3, 0.0)
    if loose:
        best = None
        for a in pred:
            for b in gold:
                short, long_ = (a, b) if len(a) <= len(b) else (b, a)
                # a one-character form inside a name is coincidence, not a loose match
                if len(short) >= 2 and short in long_:
                    overlap = len(short) / len(long_)
                    best = overlap if best is None else max(best, overlap)
        if best is not None:
            return (4, -best)
    return None


def _forms(names: Iterable[str]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for n in names:
        k = normalize_name(n)
        if k:
            out[k] = None
    return tuple(out)


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """A gold entity and the prediction matched to it, with how they matched."""

    gold: GoldEntity
    predicted: PredictedEntity
    #: ``name``, ``name-alias`` (prediction's name is a gold alias), ``alias-name``,
    #: ``alias-alias`` or ``contains`` (loose only).
    how: str


@dataclass(frozen=True)
class EntityScore:
    """Entity scores of one document (or pooled over documents when ``doc_id`` is None).

    ``by_type`` counts TP and FN under the gold type, FP under the predicted type.
    """

    doc_id: str | None
    mode: str
    typed: bool
    by_type: Mapping[str, Counts]
    matches: tuple[EntityMatch, ...] = ()
    #: Required gold entities no prediction matched.
    missed: tuple[GoldEntity, ...] = ()
    #: Predictions matching no gold entity.
    spurious: tuple[PredictedEntity, ...] = ()
    #: Predictions set aside because they match an optional gold entity.
    ignored: tuple[PredictedEntity, ...] = ()
    #: The spurious predictions that match a gold entity another prediction already
    #: matched (a second surface form predicted as a separate entity: a resolution error).
    #: Diagnostic only: they are counted in ``spurious``.
    duplicates: tuple[PredictedEntity, ...] = ()
    #: For pooled scores: the document of each missed / spurious item, in the same order.
    missed_docs: tuple[str, ...] = field(default=(), repr=False)
    spurious_docs: tuple[str, ...] = field(default=(), repr=False)

    @property
    def overall(self) -> Counts:
        """Micro-averaged counts over all types.

        Examples
        --------
        >>> EntityScore("d", "strict", True, {"Place": Counts(1, 0, 1),
        ...                                   "Person": Counts(0, 2, 0)}).overall
        Counts(tp=1, fp=2, fn=1)
        """
        return _sum(self.by_type.values())

    @property
    def types(self) -> list[str]:
        """Types with any count, in :data:`ENTITY_TYPES` order."""
        return _ordered(self.by_type, ENTITY_TYPES)

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict: counts per type and overall, and (``lists``) the matched,
        missed, spurious and duplicate entities.

        Examples
        --------
        >>> EntityScore("d", "strict", True, {"Place": Counts(1, 0, 0)}).to_dict()["overall"]["f1"]
        1.0
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "mode": self.mode, "typed": self.typed,
            "overall": self.overall.to_dict(),
            "by_type": {t: self.by_type[t].to_dict() for t in self.types},
            "ignored": len(self.ignored),
        }
        if not lists:
            return out
        return out | {
            "matches": [{"gold": m.gold.name, "predicted": m.predicted.name, "type": m.gold.type,
                         "how": m.how} for m in self.matches],
            "missed": [{"name": g.name, "type": g.type,
                        **({"doc_id": d} if d else {})}
                       for g, d in zip(self.missed, self.missed_docs or [None] * len(self.missed))],
            "spurious": [{"name": p.name, "type": p.type,
                          **({"doc_id": d} if d else {})}
                         for p, d in zip(self.spurious,
                                         self.spurious_docs or [None] * len(self.spurious))],
            "duplicates": [{"name": p.name, "type": p.type} for p in self.duplicates],
        }


def score_entities(gold: GoldDocument | Sequence[GoldEntity],
                   predicted: Iterable[PredictedEntity], *, mode: str = "strict",
                   typed: bool = True) -> EntityScore:
    """Score predicted entities against the gold entities of one document.

    Parameters
    ----------
    gold : GoldDocument or sequence of GoldEntity
    predicted : iterable of PredictedEntity
        ``(name, type, aliases)``; ``type`` is a core type name (``Place`` …).
    mode : {"strict", "loose"}
        ``strict``: some normalised form (name or alias) of the prediction equals some
        normalised form of the gold entity. ``loose``: also when one form contains the
        other (the shorter at least two characters).
    typed : bool, optional
        Require equal types (default). ``typed=False`` ignores types (diagnostics: how
        much is lost to typing alone).

    Returns
    -------
    EntityScore

    Examples
    --------
    Three gold entities (one optional), four predictions:

    >>> from kg.evaluate.gold import GoldEntity
    >>> gold = [GoldEntity("晋绥边区革命纪念馆", "Memorial"), GoldEntity("兴县", "Place"),
    ...         GoldEntity("三个一批", "Program", required=False)]
    >>> pred = [PredictedEntity("晋绥边区革命纪念馆", "Place"), PredictedEntity("兴县", "Place"),
    ...         PredictedEntity("三个一批", "Program"), PredictedEntity("县", "Place")]
    >>> s = score_entities(gold, pred)
    >>> s.overall, [p.name for p in s.ignored]
    (Counts(tp=1, fp=2, fn=1), ['三个一批'])
    >>> score_entities(gold, pred, typed=False).overall
    Counts(tp=2, fp=1, fn=0)
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    doc_id = gold.doc_id if isinstance(gold, GoldDocument) else None
    golds = list(gold.entities if isinstance(gold, GoldDocument) else gold)
    preds = list(predicted)
    loose = mode == "loose"
    gforms = [_forms(g.names) for g in golds]
    pforms = [_forms(p.forms) for p in preds]

    def rank(i: int, j: int) -> tuple | None:
        if typed and preds[i].type != golds[j].type:
            return None
        if not pforms[i] or not gforms[j]:
            return None
        return _entity_rank(pforms[i], gforms[j], loose)

    edges = []
    for i in range(len(preds)):
        for j in range(len(golds)):
            r = rank(i, j)
            if r is not None:
                # at equal quality prefer a required gold entity
                edges.append(((r[0], r[1], not golds[j].required), i, j))
    matching = _one_to_one(edges)

    by_type: dict[str, Counts] = {}

    def bump(t: str, c: Counts) -> None:
        by_type[t] = by_type.get(t, Counts()) + c

    matched_gold = {j for j, _ in matching.values()}
    optional_js = [j for j, g in enumerate(golds) if not g.required]
    matches, spurious, ignored, spurious_ix = [], [], [], []
    for i, p in enumerate(preds):
        if i in matching:
            j, r = matching[i]
            if golds[j].required:
                matches.append(EntityMatch(golds[j], p, _RANK_NAMES[r[0]]))
                bump(golds[j].type, Counts(tp=1))
            else:
                ignored.append(p)
        elif any(rank(i, j) is not None for j in optional_js):
            ignored.append(p)   # a second prediction of an optional entity: still not penalised
        else:
            spurious.append(p)
            spurious_ix.append(i)
            bump(p.type, Counts(fp=1))
    missed = []
    for j, g in enumerate(golds):
        if g.required and j not in matched_gold:
            missed.append(g)
            bump(g.type, Counts(fn=1))
    duplicates = [preds[i] for i in spurious_ix
                  if any(rank(i, j) is not None for j in matched_gold if golds[j].required)]
    matches.sort(key=lambda m: golds.index(m.gold))
    return EntityScore(doc_id, mode, typed, by_type, tuple(matches), tuple(missed),
                       tuple(spurious), tuple(ignored), tuple(duplicates))


def pool_entity_scores(scores: Iterable[EntityScore]) -> EntityScore:
    """Pool per-document scores (micro: counts are summed).

    Examples
    --------
    >>> a = EntityScore("a", "strict", True, {"Place": Counts(1, 1, 0)})
    >>> b = EntityScore("b", "strict", True, {"Place": Counts(1, 0, 1)})
    >>> pool_entity_scores([a, b]).overall
    Counts(tp=2, fp=1, fn=1)
    """
    scores = list(scores)
    if not scores:
        return EntityScore(None, "strict", True, {})
    modes = {(s.mode, s.typed) for s in scores}
    if len(modes) > 1:
        raise ValueError(f"cannot pool scores of different modes: {sorted(modes)}")
    by_type: dict[str, Counts] = {}
    for s in scores:
        for t, c in s.by_type.items():
            by_type[t] = by_type.get(t, Counts()) + c
    return EntityScore(
        None, scores[0].mode, scores[0].typed, by_type,
        tuple(m for s in scores for m in s.matches),
        tuple(g for s in scores for g in s.missed),
        tuple(p for s in scores for p in s.spurious),
        tuple(p for s in scores for p in s.ignored),
        tuple(p for s in scores for p in s.duplicates),
        missed_docs=tuple(d for s in scores
                          for d in (s.missed_docs or [s.doc_id or ""] * len(s.missed))),
        spurious_docs=tuple(d for s in scores
                            for d in (s.spurious_docs or [s.doc_id or ""] * len(s.spurious))),
    )


# --------------------------------------------------------------------------- name keys


class _Resolver:
    """Maps a surface name to the gold entities it may denote (by name or alias).

    ``predicted`` entities lend their aliases: a predicted name that is no gold form is
    resolved through the aliases of the predicted entity carrying that name, so scoring a
    relation does not depend on which surface form the extractor chose as the label.
    """

    def __init__(self, entities: Iterable[GoldEntity],
                 predicted: Iterable[PredictedEntity] | None = None) -> None:
        self._index: dict[str, set[str]] = {}
        for e in entities:
            key = normalize_name(e.name)
            for f in _forms(e.names):
                self._index.setdefault(f, set()).add(key)
        self._aliases: dict[str, set[str]] = {}
        for p in predicted or ():
            n = normalize_name(p.name)
            if n:
                self._aliases.setdefault(n, set()).update(_forms(p.aliases))

    def keys(self, name: str) -> frozenset[str]:
        n = normalize_name(name)
        if not n:
            return frozenset()
        if n in self._index:
            return frozenset(self._index[n])
        via_alias = {k for a in self._aliases.get(n, ()) for k in self._index.get(a, ())}
        return frozenset(via_alias or {n})


# --------------------------------------------------------------------------- relations


@dataclass(frozen=True, slots=True)
class RoleScore:
    """Role titles of matched ``heldPosition`` pairs where both sides give one."""

    total: int = 0
    #: Normalised role titles equal.
    correct: int = 0
    #: One role title contains the other (``书记`` vs ``市委书记``).
    loose_correct: int = 0

    def __add__(self, other: RoleScore) -> RoleScore:
        return RoleScore(self.total + other.total, self.correct + other.correct,
                         self.loose_correct + other.loose_correct)

    @property
    def accuracy(self) -> float:
        """correct / total (0.0 when no role could be compared).

        Examples
        --------
        >>> RoleScore(4, 3, 4).accuracy
        0.75
        """
        return self.correct / self.total if self.total else 0.0

    @property
    def loose_accuracy(self) -> float:
        """loose_correct / total."""
        return self.loose_correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class RelationScore:
    """Relation scores of one document (or pooled): per predicate counts and role accuracy."""

    doc_id: str | None
    by_predicate: Mapping[str, Counts]
    matches: tuple[tuple[GoldRelation, PredictedRelation], ...] = ()
    missed: tuple[GoldRelation, ...] = ()
    spurious: tuple[PredictedRelation, ...] = ()
    roles: RoleScore = RoleScore()

    @property
    def overall(self) -> Counts:
        """Micro-averaged counts over all predicates.

        Examples
        --------
        >>> RelationScore("d", {"locatedIn": Counts(1, 0, 0), "partnerOf": Counts(0, 1, 1)}).overall
        Counts(tp=1, fp=1, fn=1)
        """
        return _sum(self.by_predicate.values())

    @property
    def predicates(self) -> list[str]:
        """Predicates with any count, in :data:`RELATION_PREDICATES` order."""
        return _ordered(self.by_predicate, RELATION_PREDICATES)

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``lists``: with the missed and spurious relations).

        Examples
        --------
        >>> RelationScore("d", {"locatedIn": Counts(1, 0, 0)}).to_dict()["overall"]["tp"]
        1
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "overall": self.overall.to_dict(),
            "by_predicate": {p: self.by_predicate[p].to_dict() for p in self.predicates},
            "roles": {"total": self.roles.total, "correct": self.roles.correct,
                      "loose_correct": self.roles.loose_correct,
                      "accuracy": round(self.roles.accuracy, 4)},
        }
        if not lists:
            return out
        return out | {
            "missed": [[r.subject, r.predicate, r.object] for r in self.missed],
            "spurious": [[r.subject, r.predicate, r.object] for r in self.spurious],
        }


def _as_relation(r: PredictedRelation | Sequence[str | None]) -> PredictedRelation:
    if isinstance(r, PredictedRelation):
        return r
    if len(r) not in (3, 4):
        raise ValueError(f"a predicted relation is (subject, predicate, object[, role]): {r!r}")
    return PredictedRelation(*r)  # type: ignore[arg-type]


#: Predicates whose direction does not matter.
_SYMMETRIC = frozenset({"partnerOf"})


def score_relations(gold: GoldDocument,
                    predicted: Iterable[PredictedRelation | Sequence[str | None]], *,
                    entities: Iterable[PredictedEntity] | None = None) -> RelationScore:
    """Score predicted relations against the gold relations of one document.

    Subject and object are compared as entities: a name or any alias of a gold entity
    denotes that entity (after :func:`normalize_name`); other names are compared as
    normalised strings; with ``entities``, a predicted name that is no gold form is also
    looked up through the aliases of the predicted entity of that name. ``partnerOf`` is
    symmetric. Predictions that denote the same
    relation are counted once. For ``heldPosition`` the role title is scored separately
    (:class:`RoleScore`) and does not affect the match.

    Parameters
    ----------
    gold : GoldDocument
    predicted : iterable of PredictedRelation or (subject, predicate, object[, role])
    entities : iterable of PredictedEntity, optional
        The predicted entities of the document (their aliases help resolve names).

    Returns
    -------
    RelationScore

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldRelation
    >>> gold = GoldDocument("d",
    ...     entities=(GoldEntity("吕梁市", "Place", aliases=("吕梁",)),
    ...               GoldEntity("太原理工大学", "Institution"),
    ...               GoldEntity("孙大军", "Person"), GoldEntity("吕梁市委", "Institution")),
    ...     relations=(GoldRelation("吕梁市", "partnerOf", "太原理工大学"),
    ...                GoldRelation("孙大军", "heldPosition", "吕梁市委", role="市委书记"),
    ...                GoldRelation("兴县", "locatedIn", "吕梁市")))
    >>> s = score_relations(gold, [("太原理工大学", "partnerOf", "吕梁"),
    ...                            ("孙大军", "heldPosition", "吕梁市委", "书记"),
    ...                            ("兴县", "locatedIn", "山西省")])
    >>> s.overall, s.by_predicate["locatedIn"], (s.roles.correct, s.roles.loose_correct)
    (Counts(tp=2, fp=1, fn=1), Counts(tp=0, fp=1, fn=1), (0, 1))

    The label chosen for an entity need not be a gold form if an alias is:

    >>> score_relations(gold, [("孙大军", "heldPosition", "中共吕梁市委")],
    ...     entities=[PredictedEntity("中共吕梁市委", "Institution", frozenset({"吕梁市委"}))]
    ...     ).by_predicate["heldPosition"]
    Counts(tp=1, fp=0, fn=0)
    """
    resolve = _Resolver(gold.entities, entities)
    golds = list(gold.relations)
    gkeys = [(r.predicate, resolve.keys(r.subject), resolve.keys(r.object)) for r in golds]

    # collapse predictions denoting the same relation; keep every role stated for it
    preds: list[PredictedRelation] = []
    pkeys: list[tuple[str, frozenset[str], frozenset[str]]] = []
    roles: list[set[str]] = []
    seen: dict[tuple, int] = {}
    for r in map(_as_relation, predicted):
        s, o = resolve.keys(r.subject), resolve.keys(r.object)
        if not s or not o:
            continue
        key = (r.predicate, s, o)
        if r.predicate in _SYMMETRIC:
            key = (r.predicate, *sorted((s, o), key=sorted))
        if key in seen:
            if r.role:
                roles[seen[key]].add(r.role)
            continue
        seen[key] = len(preds)
        preds.append(r)
        pkeys.append((r.predicate, s, o))
        roles.append({r.role} if r.role else set())

    def matches(pk: tuple, gk: tuple) -> bool:
        if pk[0] != gk[0]:
            return False
        if pk[1] & gk[1] and pk[2] & gk[2]:
            return True
        return pk[0] in _SYMMETRIC and bool(pk[1] & gk[2] and pk[2] & gk[1])

    edges = [(0, i, j) for i, pk in enumerate(pkeys) for j, gk in enumerate(gkeys)
             if matches(pk, gk)]
    matching = _one_to_one(edges)

    by_predicate: dict[str, Counts] = {}

    def bump(p: str, c: Counts) -> None:
        by_predicate[p] = by_predicate.get(p, Counts()) + c

    role_score = RoleScore()
    matched, spurious = [], []
    for i, p in enumerate(preds):
        if i in matching:
            g = golds[matching[i][0]]
            matched.append((g, p))
            bump(g.predicate, Counts(tp=1))
            if g.predicate == "heldPosition" and g.role and roles[i]:
                gr = normalize_name(g.role)
                prs = {normalize_name(x) for x in roles[i]} - {""}
                if prs:
                    role_score = role_score + RoleScore(
                        1, int(gr in prs),
                        int(any(gr in x or x in gr for x in prs)))
        else:
            spurious.append(p)
            bump(p.predicate, Counts(fp=1))
    got = {j for j, _ in matching.values()}
    missed = [g for j, g in enumerate(golds) if j not in got]
    for g in missed:
        bump(g.predicate, Counts(fn=1))
    matched.sort(key=lambda m: golds.index(m[0]))
    return RelationScore(gold.doc_id, by_predicate, tuple(matched), tuple(missed),
                         tuple(spurious), role_score)


def pool_relation_scores(scores: Iterable[RelationScore]) -> RelationScore:
    """Pool per-document relation scores (counts summed).

    Examples
    --------
    >>> a = RelationScore("a", {"locatedIn": Counts(1, 0, 0)}, roles=RoleScore(1, 1, 1))
    >>> b = RelationScore("b", {"locatedIn": Counts(0, 1, 0)})
    >>> p = pool_relation_scores([a, b])
    >>> p.overall, p.roles.total
    (Counts(tp=1, fp=1, fn=0), 1)
    """
    scores = list(scores)
    by_predicate: dict[str, Counts] = {}
    roles = RoleScore()
    for s in scores:
        roles = roles + s.roles
        for p, c in s.by_predicate.items():
            by_predicate[p] = by_predicate.get(p, Counts()) + c
    return RelationScore(None, by_predicate,
                         tuple(m for s in scores for m in s.matches),
                         tuple(m for s in scores for m in s.missed),
                         tuple(m for s in scores for m in s.spurious), roles)


# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True)
class QuantityScore:
    """Recall of gold quantities (gold lists only the important numbers: no precision).

    ``subject`` recall: a prediction about the same entity has the value (±0.5 %) and the
    unit. ``value`` recall (looser): a prediction about any entity has value and unit.
    """

    doc_id: str | None
    total: int
    recalled_subject: tuple[tuple[GoldQuantity, PredictedObservation], ...] = ()
    recalled_value: tuple[tuple[GoldQuantity, PredictedObservation], ...] = ()
    #: Gold quantities missed by the subject+value criterion.
    missed: tuple[GoldQuantity, ...] = ()
    #: Number of predicted observations for the document(s).
    predicted: int = 0

    @property
    def subject_recall(self) -> float:
        """Share of gold quantities recalled with the right subject.

        Examples
        --------
        >>> QuantityScore("d", 4, recalled_subject=((None, None),)).subject_recall
        0.25
        """
        return len(self.recalled_subject) / self.total if self.total else 0.0

    @property
    def value_recall(self) -> float:
        """Share of gold quantities whose value and unit were predicted for any subject."""
        return len(self.recalled_value) / self.total if self.total else 0.0

    def to_dict(self, *, lists: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``lists``: with the missed quantities).

        Examples
        --------
        >>> QuantityScore("d", 2).to_dict()["subject_recall"]
        0.0
        """
        out: dict[str, Any] = {
            "doc_id": self.doc_id, "total": self.total, "predicted": self.predicted,
            "subject_value": len(self.recalled_subject),
            "value_only": len(self.recalled_value),
            "subject_recall": round(self.subject_recall, 4),
            "value_recall": round(self.value_recall, 4),
        }
        if not lists:
            return out
        return out | {
            "missed": [{"subject": q.subject, "measure": q.measure, "value": q.value,
                        "unit": q.unit, "raw": q.raw} for q in self.missed],
        }


def score_quantities(gold: GoldDocument,
                     predicted: Iterable[PredictedObservation | Sequence[Any]], *,
                     entities: Iterable[PredictedEntity] | None = None) -> QuantityScore:
    """Recall of the gold quantities of one document among predicted observations.

    A gold quantity is recalled when a predicted observation has the same normalised unit
    (:func:`normalize_unit`) and a value within 0.5 % (:func:`values_match`) and — for the
    ``subject`` figure — a subject denoting the same entity (name or alias). Each
    prediction recalls at most one gold quantity.

    Parameters
    ----------
    gold : GoldDocument
    predicted : iterable of PredictedObservation or (subject, value, unit[, measure, raw])
    entities : iterable of PredictedEntity, optional
        The predicted entities of the document (their aliases help resolve subjects).

    Returns
    -------
    QuantityScore

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity, GoldQuantity
    >>> gold = GoldDocument("d", entities=(GoldEntity("吕梁山护工", "Program"),),
    ...     quantities=(GoldQuantity("吕梁山护工", "累计培训人数", 64000, "人"),
    ...                 GoldQuantity("吕梁市", "总人口", 3850000, "人"),
    ...                 GoldQuantity("吕梁市", "面积", 21000, "平方公里")))
    >>> s = score_quantities(gold, [("吕梁山护工", 64000, "万人"), ("山西省", 3850000, "人")])
    >>> len(s.recalled_subject), len(s.recalled_value), round(s.value_recall, 3)
    (1, 2, 0.667)
    """
    resolve = _Resolver(gold.entities, entities)
    golds = list(gold.quantities)
    preds = [p if isinstance(p, PredictedObservation) else PredictedObservation(*p)
             for p in predicted]
    gsub = [resolve.keys(q.subject) for q in golds]
    psub = [resolve.keys(p.subject) for p in preds]
    gunit = [normalize_unit(q.unit) for q in golds]
    punit = [normalize_unit(p.unit) for p in preds]
    value_edges, subject_edges = [], []
    for i, p in enumerate(preds):
        for j, q in enumerate(golds):
            if punit[i] == gunit[j] and values_match(q.value, p.value):
                close = abs(float(p.value) - float(q.value))
                value_edges.append((close, i, j))
                if psub[i] & gsub[j]:
                    subject_edges.append((close, i, j))
    by_subject = _one_to_one(subject_edges)
    by_value = _one_to_one(value_edges)
    rec_s = sorted(((j, i) for i, (j, _) in by_subject.items()))
    rec_v = sorted(((j, i) for i, (j, _) in by_value.items()))
    got = {j for j, _ in rec_s}
    return QuantityScore(
        gold.doc_id, len(golds),
        tuple((golds[j], preds[i]) for j, i in rec_s),
        tuple((golds[j], preds[i]) for j, i in rec_v),
        tuple(q for j, q in enumerate(golds) if j not in got),
        predicted=len(preds),
    )


def pool_quantity_scores(scores: Iterable[QuantityScore]) -> QuantityScore:
    """Pool per-document quantity scores.

    Examples
    --------
    >>> pool_quantity_scores([QuantityScore("a", 2), QuantityScore("b", 3)]).total
    5
    """
    scores = list(scores)
    return QuantityScore(None, sum(s.total for s in scores),
                         tuple(x for s in scores for x in s.recalled_subject),
                         tuple(x for s in scores for x in s.recalled_value),
                         tuple(x for s in scores for x in s.missed),
                         predicted=sum(s.predicted for s in scores))
