"""The assembled dataset: named graphs, documents, the NIF offset contract, labels, reference data.

Most checks run on the session build of all five bundled documents (``built_graph``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL

from kg.rdf.assemble import assemble_quads
from kg.rdf.iris import doc_iri, mention_iri
from kg.rdf.namespaces import (
    DCTERMS, GEO, ITSRDF, LV, NIF, ONTOLOGY_GRAPH, PROV, RDF, RDFS, REFERENCE_GRAPH, RES, SKOS, XSD,
)
from kg.records import Entity, Mention, ResolvedDocument
from kg.text import read_text

CORE = ("Place", "Institution", "Program", "Memorial", "Project", "Person", "Event")


def named_graphs(graph) -> dict[URIRef, object]:
    return {g.identifier: g for g in graph.dataset.graphs() if len(g)}


def entities(graph) -> set[URIRef]:
    """Every instance of a core class or one of its subclasses (as the ontology declares)."""
    rows = graph.query("""
        SELECT DISTINCT ?e WHERE {
          ?e a ?c . ?c rdfs:subClassOf* ?core .
          VALUES ?core { lv:Place lv:Institution lv:Program lv:Memorial lv:Project lv:Person lv:Event }
        }""")
    return {r["e"] for r in rows}


# --- graphs and documents --------------------------------------------------------------------


def test_graph_names(built_graph, corpus_paths):
    names = set(named_graphs(built_graph))
    docs = {doc_iri(p.stem) for p in corpus_paths}
    assert names == {ONTOLOGY_GRAPH, REFERENCE_GRAPH} | docs


def test_ontology_graph_is_the_shipped_ontology(built_graph):
    onto = named_graphs(built_graph)[ONTOLOGY_GRAPH]
    for cls in ("Place", "Institution", "Program", "Memorial", "Project", "Person", "Event", "Document"):
        assert (LV[cls], RDF.type, OWL.Class) in onto, cls
    assert (LV.County, RDFS.subClassOf, None) in onto
    assert (LV.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (LV.partnerOf, RDF.type, OWL.SymmetricProperty) in onto


def test_each_document_is_a_named_graph_with_its_metadata(built_graph, corpus_paths):
    graphs = named_graphs(built_graph)
    for path in corpus_paths:
        d = doc_iri(path.stem)
        g = graphs[d]
        assert (d, RDF.type, LV.Document) in g
        assert (d, RDF.type, NIF.Context) in g
        assert list(g.objects(d, DCTERMS.identifier)) == [Literal(path.stem)]
        (title,) = g.objects(d, DCTERMS.title)
        assert isinstance(title, Literal) and title.language == "zh" and str(title).strip()
        (text,) = g.objects(d, NIF.isString)
        assert str(text) == path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        assert str(g.value(d, LV.sha256)) == hashlib.sha256(str(text).encode("utf-8")).hexdigest()
        assert g.value(d, PROV.wasGeneratedBy) is not None
        # nothing about this document sits in another document's graph
        for other, og in graphs.items():
            if other != d:
                assert (d, None, None) not in og


def test_document_ids_are_unique_and_are_the_file_stems(built_graph, corpus_paths):
    rows = built_graph.query("SELECT ?d ?id WHERE { GRAPH ?d { ?d a lv:Document ; dcterms:identifier ?id } }")
    assert sorted(str(r["id"]) for r in rows) == sorted(p.stem for p in corpus_paths)
    assert all(r["d"] == doc_iri(str(r["id"])) for r in rows)


# --- the NIF offset contract -----------------------------------------------------------------


def test_every_anchor_is_the_original_text_at_its_offsets(built_graph, corpus_paths):
    """``nif:anchorOf == nif:isString[begin:end]`` for every mention (and sentence) of every document."""
    graphs = named_graphs(built_graph)
    checked = 0
    for path in corpus_paths:
        d = doc_iri(path.stem)
        g = graphs[d]
        text = str(g.value(d, NIF.isString))
        anchored = set(g.subjects(NIF.anchorOf, None))
        assert anchored == set(g.subjects(NIF.beginIndex, None)) == set(g.subjects(NIF.endIndex, None))
        phrases = set(g.subjects(RDF.type, NIF.Phrase))
        assert len(phrases) >= 50, path.stem
        assert phrases <= anchored
        for node in anchored:
            (b,) = g.objects(node, NIF.beginIndex)
            (e,) = g.objects(node, NIF.endIndex)
            (anchor,) = g.objects(node, NIF.anchorOf)
            assert b.datatype == e.datatype == XSD.nonNegativeInteger
            b, e = int(b), int(e)
            assert 0 <= b < e <= len(text), (node, b, e)
            assert text[b:e] == str(anchor), (node, text[b:e], str(anchor))
            assert node == mention_iri(path.stem, b, e)
            assert g.value(node, NIF.referenceContext) == d
            checked += 1
    assert checked > 500


def test_mentions_point_at_entities_with_a_label(built_graph):
    """Every mention names one entity, which has a label and a type in the build.

    A place named only inside a longer name (rule ``nested:…``) and a body a title implies
    (``implied:…``, 市长 → 吕梁市人民政府) are linked, but the document is not said to mention
    them (no ``lv:mentionedIn``); any other mention's entity is labelled
    in the document's own graph with ``lv:mentionedIn`` the document.
    """
    ds = built_graph.dataset
    labelled = set(ds.subjects(RDFS.label, None))
    typed = set(ds.subjects(RDF.type, None))
    for g in ds.graphs():
        for m in g.subjects(RDF.type, NIF.Phrase):
            (ent,) = g.objects(m, ITSRDF.taIdentRef)
            assert ent in labelled and ent in typed, (m, ent)
            rule = str(g.value(m, LV.rule))
            if not rule.startswith(("nested:", "implied:")):
                assert (ent, RDFS.label, None) in g, (m, ent)
                assert (ent, LV.mentionedIn, g.identifier) in g, (m, ent)


# --- labels, types, nodes --------------------------------------------------------------------


def test_no_blank_nodes_anywhere(built_graph):
    bnodes = [q for q in built_graph.dataset.quads((None, None, None, None))
              if any(isinstance(t, BNode) for t in q[:3])]
    assert bnodes == []


def test_every_entity_has_exactly_one_chinese_label(built_graph):
    ents = entities(built_graph)
    assert len(ents) > 100
    labels = defaultdict(set)
    for s, o in built_graph.dataset.subject_objects(RDFS.label):
        labels[s].add(o)
    for e in ents:
        zh = {o for o in labels[e] if isinstance(o, Literal) and o.language == "zh"}
        assert len(zh) == 1, (e, zh)
        assert labels[e] == zh, (e, labels[e])  # no other rdfs:label (untagged, other language)
        (label,) = zh
        assert label not in set(built_graph.dataset.objects(e, SKOS.altLabel)), e


def test_alt_labels_are_chinese_and_differ_from_the_label(built_graph):
    for e, alt in built_graph.dataset.subject_objects(SKOS.altLabel):
        assert isinstance(alt, Literal) and alt.language == "zh" and str(alt).strip()


def test_entities_have_a_class_declared_in_the_ontology(built_graph):
    onto = named_graphs(built_graph)[ONTOLOGY_GRAPH]
    declared = set(onto.subjects(RDF.type, OWL.Class))
    for e in entities(built_graph):
        for c in built_graph.dataset.objects(e, RDF.type):
            assert c in declared, (e, c)


def test_known_entity_iris(built_graph):
    """README: ``res:lvliangshi`` is 吕梁市."""
    assert (RES.lvliangshi, RDFS.label, Literal("吕梁市", lang="zh")) in built_graph.dataset


def test_iris_are_valid(built_graph):
    bad = re.compile(r"[\s<>\"{}|^`\\]")
    for q in built_graph.dataset.quads((None, None, None, None)):
        for t in (*q[:3], q[3].identifier if hasattr(q[3], "identifier") else q[3]):
            if isinstance(t, URIRef):
                assert not bad.search(str(t)) and re.match(r"^[a-z][a-z0-9+.-]*:", str(t)), t


# --- reference data --------------------------------------------------------------------------


def test_reference_graph_holds_the_administrative_hierarchy(built_graph):
    ref = named_graphs(built_graph)[REFERENCE_GRAPH]
    (city,) = ref.subjects(RDFS.label, Literal("吕梁市", lang="zh"))
    (province,) = ref.subjects(RDFS.label, Literal("山西省", lang="zh"))
    assert (city, LV.locatedIn, province) in ref
    assert (city, RDF.type, LV.City) in ref
    # the 12-digit statistical division code (GB/T 2260 adcode 141100 + six zeros)
    assert str(ref.value(city, LV.adcode)).startswith("141100")
    geom = ref.value(city, GEO.hasGeometry)
    wkt = ref.value(geom, GEO.asWKT)
    assert wkt.datatype == GEO.wktLiteral
    m = re.fullmatch(r"POINT\((\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\)", str(wkt))
    assert m, wkt
    lon, lat = map(float, m.groups())
    assert 110 < lon < 112.5 and 36.5 < lat < 39.5, (lon, lat)  # Lüliang, lon lat order


def test_a_county_is_located_in_luliang_transitively(built_graph):
    rows = built_graph.query("""
        ASK { ?county a lv:County ; rdfs:label "兴县"@zh ; lv:locatedIn+ ?p .
              ?p rdfs:label "山西省"@zh }""")
    assert rows.ask is True


# --- plain SPARQL over the union graph -------------------------------------------------------


PLACES = """
PREFIX lv: <https://w3id.org/lvliang-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?c WHERE { ?x a ?c . ?x a/rdfs:subClassOf* lv:Place }
"""


def test_subclass_query_over_the_union_graph(built_graph):
    rows = built_graph.query(PLACES)
    classes = {r["c"] for r in rows}
    assert LV.County in classes and LV.City in classes
    assert len({r["x"] for r in rows}) > 20


def test_subclass_query_in_plain_rdflib_and_oxigraph(built_trig):
    """No kg code: parse the file with rdflib (union default graph) and with pyoxigraph."""
    import pyoxigraph
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(built_trig, format="trig")
    a = {(str(r.x), str(r.c)) for r in ds.query(PLACES)}
    assert any(c == str(LV.County) for _, c in a)

    store = pyoxigraph.Store()
    store.load(path=str(built_trig), format=pyoxigraph.RdfFormat.TRIG)
    b = {(s["x"].value, s["c"].value) for s in store.query(PLACES, use_default_graph_as_union=True)}
    assert a == b


def test_places_inside_project_names_are_mentioned_but_not_inside_body_names(tmp_path):
    import kg

    (tmp_path / "t.txt").write_text("方山县桥沟村农光互补电站并网发电。中科院深圳先进技术研究院派出专家。", "utf-8")
    g = kg.build([tmp_path / "t.txt"])
    rows = {str(r["l"]) for r in g.query("""
        SELECT ?l WHERE { ?e lv:mentionedIn ?d ; rdfs:label ?l . ?d dcterms:identifier "t" }""")}
    assert {"方山县", "桥沟村", "方山县桥沟村农光互补电站"} <= rows
    assert not {"深圳市", "深圳"} & rows
    # 深圳 there is part of another name: no NIF mention of its own, but the relation it
    # states, citing the name's mention.
    anchors = {str(r["a"]) for r in g.query("SELECT ?a WHERE { ?m nif:anchorOf ?a }")}
    assert "深圳" not in anchors and "中科院深圳先进技术研究院" in anchors
    cited = {str(r["a"]) for r in g.query("""
        SELECT ?a WHERE { ?st a lv:Statement ; rdf:object ?o ; prov:wasDerivedFrom ?m .
                          ?o rdfs:label "深圳市"@zh . ?m a nif:Phrase ; nif:anchorOf ?a }""")}
    assert cited == {"中科院深圳先进技术研究院"}


def test_the_rdf_stage_writes_the_roles_resolution_gives():
    """Whether an entity is mentioned in a document is decided by resolution (``own``); the
    RDF stage only writes it down."""
    doc = read_text("鑫鑫煤矿开工。", doc_id="t")
    m = Mention(0, 4, "鑫鑫煤矿", "Institution", "Enterprise", rule="grammar:x", confidence=0.9)
    ent = Entity("xinxinmeikuang", "鑫鑫煤矿", "Institution", "Enterprise")
    index = {("t", 0, 4): "xinxinmeikuang"}

    def mentioned(own):
        rd = ResolvedDocument(doc, [m], [], [], own, {})
        quads = assemble_quads([rd], [ent], index, include_ontology=False)
        return {t[1] for g in quads.graphs() for t in g}

    assert LV.mentionedIn in mentioned(frozenset({0}))
    assert LV.mentionedIn not in mentioned(frozenset())


def test_a_body_only_a_title_implies_is_labelled_but_not_mentioned(tmp_path):
    # 宁陕县县长刘明: the county government is implied by the title; its relation reads by
    # name (a label in the document graph), but the document is not said to mention it.
    import kg

    p = tmp_path / "d.txt"
    p.write_text("宁陕县县长刘明表示，宁陕将加快发展。", encoding="utf-8")
    ds = kg.build([str(p)]).dataset
    held = [(s, o) for s, _, o, _ in ds.quads((None, LV.heldPosition, None, None))]
    assert held
    for _, org in held:
        labels = {str(x) for x in ds.objects(org, RDFS.label)}
        assert labels == {"宁陕县人民政府"}
        assert not list(ds.quads((org, LV.mentionedIn, None, None)))
