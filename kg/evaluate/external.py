"""Score entity finding on public annotated news (``kg eval --external``).

The sentences of a public corpus are packed into documents of 50 sentences, one sentence a
line, built with the ordinary build, and the predictions are read back from the NIF mentions
of the built graph (offsets into the original text, the entity's core class by
``rdf:type/rdfs:subClassOf*``). So the score is that of ``kg build`` output, not of one
component. Core classes map to the corpus labels by :data:`CORE_LABEL`; Program, Project and
Event mentions are ignored. LAC and jieba's part-of-speech tags are scored in the same run.

The sets (:data:`kg.corpora.EXTERNAL_SETS`), how they are read and how spans are scored
live in :mod:`kg.corpora`, which training reads too.

Examples
--------
>>> pack_documents([Sentence("王刚在太原", ((0, 2, "PER"), (3, 5, "LOC")), "s1")])
[('ext_00000.txt', '王刚在太原\\n')]
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from rdflib import RDF, RDFS, URIRef

from kg.builder import build_quads, extract_documents
from kg.corpora import Sentence, load_external, score_spans
from kg.evaluate import baselines
from kg.rdf.namespaces import ITSRDF, LV, NIF
from kg.types import core_types

__all__ = [
    "CORE_LABEL",
    "PER_DOCUMENT",
    "pack_documents",
    "predict_with_build",
    "predict_with_baseline",
    "evaluate_external",
]

#: Core class of a built entity → corpus label (other cores are ignored).
CORE_LABEL = {"Person": "PER", "Place": "LOC", "Memorial": "LOC", "Institution": "ORG"}
PER_DOCUMENT = 50

def pack_documents(sentences: Sequence[Sentence], *, per_document: int = PER_DOCUMENT) -> list[tuple[str, str]]:
    """``(file name, text)`` documents of ``per_document`` sentences, one a line.

    Examples
    --------
    >>> pack_documents([Sentence("甲", (), "a"), Sentence("乙", (), "b")], per_document=1)
    [('ext_00000.txt', '甲\\n'), ('ext_00001.txt', '乙\\n')]
    """
    docs = []
    for k in range(0, len(sentences), per_document):
        chunk = sentences[k:k + per_document]
        docs.append((f"ext_{k // per_document:05d}.txt", "".join(s.text + "\n" for s in chunk)))
    return docs


def _line_index(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every line of ``text`` (ends exclude the line break)."""
    starts, ends = [0], []
    for i, ch in enumerate(text):
        if ch == "\n":
            ends.append(i)
            starts.append(i + 1)
    ends.append(len(text))
    return starts, ends


def predict_with_build(
    sentences: Sequence[Sentence],
    *,
    pipeline: Sequence[str] | None = None,
    config: dict | None = None,
    jobs: int = 1,
    per_document: int = PER_DOCUMENT,
) -> list[set[tuple[int, int, str]]]:
    """Per sentence, the ``(start, end, label)`` spans of the NIF mentions of a real build."""
    docs = pack_documents(sentences, per_document=per_document)
    states, _skipped = extract_documents([t.encode("utf-8") for _, t in docs],
                                         names=[n for n, _ in docs], pipeline=pipeline,
                                         config=config, jobs=jobs)
    quads, _entities = build_quads(states)
    ds = quads.to_dataset()
    ds.default_union = True  # a mention's triples are in its document's graph
    cores = _entity_cores(ds)
    by_doc = {st.doc.id: k for k, st in enumerate(states)}
    doc_index = {n.rsplit(".", 1)[0]: k for k, (n, _) in enumerate(docs)}
    lines = [_line_index(text) for _, text in docs]
    out: list[set[tuple[int, int, str]]] = [set() for _ in sentences]
    for node, _p, ctx, _g in ds.quads((None, NIF.referenceContext, None, None)):
        doc_id = str(ctx).rsplit("/", 1)[-1]
        k = doc_index.get(doc_id)
        if k is None or doc_id not in by_doc:
            continue
        ent = ds.value(node, ITSRDF.taIdentRef, any=True)
        label = CORE_LABEL.get(cores.get(ent if isinstance(ent, URIRef) else None, ""))
        if label is None:
            continue
        b = int(ds.value(node, NIF.beginIndex, any=True))
        e = int(ds.value(node, NIF.endIndex, any=True))
        starts, ends = lines[k]
        line = bisect_right(starts, b) - 1
        if line >= min(per_document, len(sentences) - k * per_document) or e > ends[line]:
            continue  # crosses a line break: matches no gold span
        out[k * per_document + line].add((b - starts[line], e - starts[line], label))
    return out


def _entity_cores(ds) -> dict:
    """Entity IRI → core class local name, by ``rdf:type/rdfs:subClassOf*``."""
    core_iris = {LV[c]: c for c in core_types()}
    parents: dict = {}
    for s, _p, o, _g in ds.quads((None, RDFS.subClassOf, None, None)):
        parents.setdefault(s, set()).add(o)

    def core(cls, seen=()):
        if cls in core_iris:
            return core_iris[cls]
        for p in sorted(parents.get(cls, ()), key=str):
            if p not in seen:
                c = core(p, (*seen, cls))
                if c:
                    return c
        return None

    out = {}
    for s, _p, o, _g in ds.quads((None, RDF.type, None, None)):
        c = core(o)
        if c and s not in out:
            out[s] = c
    return out


def predict_with_baseline(name: str, sentences: Sequence[Sentence]) -> list[set[tuple[int, int, str]]]:
    """Per sentence, the spans a baseline tagger (``lac`` or ``jieba``) finds."""
    tags = {"lac": {"LOC": "LOC", "ORG": "ORG", "PER": "PER"},
            "jieba": {"ns": "LOC", "nt": "ORG", "nr": "PER"}}[name]
    out = []
    for s in sentences:
        if name == "lac":
            pairs = baselines._lac().run(s.text)
        else:
            with baselines._lock:
                pairs = [(p.word, p.flag) for p in baselines._jieba_pos().cut(s.text, HMM=True)]
        spans, pos = set(), 0
        for word, tag in pairs:
            start = s.text.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            if tag in tags and word.strip():
                spans.add((start, pos, tags[tag]))
        out.append(spans)
    return out


def evaluate_external(
    name: str,
    *,
    systems: Sequence[str] = ("kg", "lac", "jieba"),
    root: str | Path | None = None,
    limit: int | None = None,
    config: dict | None = None,
    jobs: int = 1,
) -> dict:
    """Score ``kg`` (a real build) and the baselines on one external set; a JSON-ready dict."""
    sentences = load_external(name, root=root, limit=limit)
    report = {"set": name, "sentences": len(sentences),
              "characters": sum(len(s.text) for s in sentences),
              "entities": sum(len(s.spans) for s in sentences), "systems": {}}
    for system in systems:
        t0 = time.perf_counter()
        try:
            if system == "kg":
                pred = predict_with_build(sentences, config=config, jobs=jobs)
            else:
                pred = predict_with_baseline(system, sentences)
        except baselines.BaselineUnavailable as exc:
            report["systems"][system] = {"unavailable": str(exc)}
            continue
        scores = score_spans(sentences, pred)
        report["systems"][system] = {
            "seconds": round(time.perf_counter() - t0, 2),
            "scores": {k: v.to_dict() for k, v in sorted(scores.items())},
        }
    return report


def format_report(report: dict) -> str:
    """A plain-text table of :func:`evaluate_external`'s report.

    Examples
    --------
    >>> from kg.corpora import SpanScore
    >>> rep = {"set": "demo", "sentences": 1, "characters": 5, "entities": 2, "systems": {
    ...     "kg": {"seconds": 0.1, "scores": {"ALL": SpanScore(1, 1, 1).to_dict()}}}}
    >>> print(format_report(rep).splitlines()[2])
    kg      ALL   0.500  0.500  0.500      1      1      1
    """
    lines = [f"{report['set']}: {report['sentences']:,} sentences, {report['characters']:,} characters, "
             f"{report['entities']:,} entities (typed exact spans)",
             f"{'system':<7} {'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
    for name, res in report["systems"].items():
        if "unavailable" in res:
            lines.append(f"{name:<7} unavailable: {res['unavailable']}")
            continue
        scores = res["scores"]
        for label in ("ALL", *sorted(k for k in scores if k != "ALL")):
            s = scores[label]
            lines.append(f"{name:<7} {label:<5} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                         f"{s['tp']:6d} {s['fp']:6d} {s['fn']:6d}")
    return "\n".join(lines)
