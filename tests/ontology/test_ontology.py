"""The ontology (``ontology/lvliang.ttl``) and the SHACL shapes (``ontology/shapes.ttl``).

Three groups:

* the vocabulary: every ``lv:`` term is declared, labelled in Chinese and English and defined;
  the subclass trees close onto the core classes; the core properties carry the domains,
  ranges and OWL characteristics of DESIGN.md; the schema.org / Wikidata alignments are the
  checked ones;
* OWL RL entailments the design relies on (transitive ``lv:locatedIn``, symmetric
  ``lv:partnerOf``, the ``lv:heldPosition`` property chain) and consistency;
* the shapes: a small valid graph conforms, and each small invalid graph gives exactly the
  expected violations. Subclass instances (``lv:County``) are targeted by ``sh:targetClass
  lv:Place`` only when the ontology is in the data graph (``ont_graph=`` or merged), which the
  tests show both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "lvliang.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"

LV = Namespace("https://w3id.org/lvliang-kg/ontology#")
LVSH = Namespace("https://w3id.org/lvliang-kg/shapes#")
RES = Namespace("https://w3id.org/lvliang-kg/resource/")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
# A plain Namespace: rdflib's XSD DefinedNamespace warns when pytest's doctest collector probes it.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ONTOLOGY_IRI = URIRef("https://w3id.org/lvliang-kg/ontology")

CORE_CLASSES = ["Place", "Institution", "Program", "Memorial", "Project", "Person", "Event", "Document"]
SUPPORT_CLASSES = ["Observation", "Position", "Statement"]

#: The subclass tree: core class -> every class below it (transitively). Names are used by the code.
TREE = {
    "Place": {
        "AdministrativeDivision", "Country", "Province", "City", "County", "District",
        "CountyLevelCity", "Township", "Village", "Region", "NaturalFeature", "River", "Mountain",
        "ScenicArea", "DevelopmentZone", "Facility", "Street",
    },
    "Institution": {
        "GovernmentBody", "PartyOrgan", "University", "School", "ResearchInstitute", "Enterprise",
        "ServiceCentre", "Bank", "Media", "Association", "Hospital", "MilitaryUnit",
    },
    "Program": {
        "PovertyAlleviationProgram", "LabourBrand", "Campaign", "ReformPilot", "FinancialProduct",
        "Policy",
    },
    "Memorial": {"MemorialHall", "RevolutionarySite", "MartyrsCemetery", "Museum"},
    "Project": {
        "InfrastructureProject", "IndustrialProject", "ITPlatform", "EcologicalProject",
        "EducationProject",
    },
    "Event": {"Meeting", "Ceremony", "Exhibition", "HistoricalEvent"},
    "Person": set(),
    "Document": set(),
}

OBJECT_PROPERTIES = [
    "locatedIn", "partnerOf", "operatedBy", "heldPosition", "renamedTo", "mentionedIn",
    "heldAt", "runIn", "partOf", "memberOf", "subsidiaryOf",
    "position", "holder", "organization", "statedIn", "about",
]
DATATYPE_PROPERTIES = [
    "roleTitle", "measure", "rawText", "period", "periodStart", "periodEnd", "rule", "confidence",
    "pinyin", "adcode", "typedBy", "mentionCount", "fileName", "sha256", "characterCount",
    "section", "normalizedText",
]

#: property -> (domain, range); None = deliberately left open.
DOMAIN_RANGE = {
    "locatedIn": (None, LV.Place),
    "partnerOf": (None, None),
    "operatedBy": (None, LV.Institution),
    "heldPosition": (LV.Person, LV.Institution),
    "renamedTo": (None, None),
    "mentionedIn": (None, LV.Document),
    "heldAt": (LV.Event, LV.Place),
    "runIn": (LV.Program, LV.Place),
    "memberOf": (LV.Institution, LV.Institution),
    "position": (LV.Person, LV.Position),
    "holder": (LV.Position, LV.Person),
    "organization": (LV.Position, LV.Institution),
    "roleTitle": (LV.Position, RDF.langString),
    "statedIn": (None, LV.Document),
    "about": (LV.Observation, None),
    "confidence": (None, XSD.decimal),
    "mentionCount": (None, XSD.integer),
    "adcode": (LV.AdministrativeDivision, XSD.string),
}

#: The Wikidata mappings, all checked (see the report / ontology header). Q1147395, which is
#: sometimes offered for "county of China", is "district of Turkey": it must never appear.
WIKIDATA = {
    ("Institution", SKOS.closeMatch, "Q43229"),        # organization
    ("Person", SKOS.exactMatch, "Q5"),                 # human
    ("Document", SKOS.closeMatch, "Q49848"),           # document
    ("AdministrativeDivision", SKOS.closeMatch, "Q56061"),  # administrative territorial entity
    ("Country", SKOS.exactMatch, "Q6256"),             # country
    ("Province", SKOS.narrowMatch, "Q1615742"),        # province of China
    ("Province", SKOS.narrowMatch, "Q57362"),          # autonomous region of China
    ("Province", SKOS.narrowMatch, "Q1208802"),        # direct-administered municipality
    ("City", SKOS.closeMatch, "Q748149"),              # prefecture-level city
    ("County", SKOS.narrowMatch, "Q1289426"),          # county of China
    ("County", SKOS.narrowMatch, "Q1065118"),          # district of China
    ("County", SKOS.narrowMatch, "Q1070990"),          # county-level city
    ("District", SKOS.exactMatch, "Q1065118"),
    ("CountyLevelCity", SKOS.exactMatch, "Q1070990"),
    ("Township", SKOS.narrowMatch, "Q735428"),         # town of China
    ("Township", SKOS.narrowMatch, "Q1500350"),        # township of China
    ("Township", SKOS.narrowMatch, "Q986065"),         # subdistrict of China
    ("Region", SKOS.closeMatch, "Q82794"),             # geographic region
    ("River", SKOS.exactMatch, "Q4022"),               # river
    ("Mountain", SKOS.closeMatch, "Q8502"),            # mountain
    ("Street", SKOS.closeMatch, "Q79007"),             # street
    ("GovernmentBody", SKOS.closeMatch, "Q327333"),    # government agency
    ("University", SKOS.closeMatch, "Q3918"),          # university
    ("School", SKOS.closeMatch, "Q3914"),              # school
    ("ResearchInstitute", SKOS.closeMatch, "Q31855"),  # research institute
    ("Enterprise", SKOS.closeMatch, "Q4830453"),       # business
    ("Bank", SKOS.closeMatch, "Q22687"),               # bank
    ("Hospital", SKOS.closeMatch, "Q16917"),           # hospital
    ("MilitaryUnit", SKOS.closeMatch, "Q176799"),      # military unit
    ("Museum", SKOS.closeMatch, "Q33506"),             # museum
    ("MartyrsCemetery", SKOS.broadMatch, "Q39614"),    # cemetery
    ("locatedIn", SKOS.closeMatch, "P131"),            # located in the administrative territorial entity
}

SCHEMA_SUPERCLASSES = {
    "Place": "Place", "Institution": "Organization", "Person": "Person", "Event": "Event",
    "Document": "CreativeWork", "Program": "Intangible", "Memorial": "Place",
    "AdministrativeDivision": "AdministrativeArea", "Country": "Country", "Province": "State",
    "City": "City", "CountyLevelCity": "City", "NaturalFeature": "Landform",
    "River": "RiverBodyOfWater", "Mountain": "Mountain", "ScenicArea": "TouristAttraction",
    "Facility": "CivicStructure", "GovernmentBody": "GovernmentOrganization",
    "University": "CollegeOrUniversity", "School": "School",
    "ResearchInstitute": "ResearchOrganization", "Enterprise": "Corporation",
    "Bank": "BankOrCreditUnion", "Media": "NewsMediaOrganization", "Hospital": "Hospital",
    "LabourBrand": "Brand", "FinancialProduct": "FinancialProduct", "MemorialHall": "Museum",
    "RevolutionarySite": "LandmarksOrHistoricalBuildings", "MartyrsCemetery": "Cemetery",
    "Museum": "Museum", "Exhibition": "ExhibitionEvent", "Observation": "Observation",
    "Position": "Role",
}


# ---------------------------------------------------------------------------------------
# fixtures and helpers


@pytest.fixture(scope="module")
def ont() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def lv_terms(g: Graph) -> set[URIRef]:
    """Every lv: IRI declared (typed) in the ontology."""
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(LV))}


def local(node) -> str:
    s = str(node)
    return re.split(r"[#/]", s)[-1]


PREFIXES = """
@prefix lv: <https://w3id.org/lvliang-kg/ontology#> .
@prefix r: <https://w3id.org/lvliang-kg/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
"""

#: A valid document every case can point to.
DOC = """
r:doc a lv:Document , nif:Context ;
    dcterms:identifier "000_03dcd241c001a0f4" ;
    dcterms:title "吕梁：红色基因代代传"@zh ;
    nif:isString "坐落革命老区兴县蔡家崖的晋绥边区革命纪念馆。" .
"""

#: A small graph of everything the build writes, valid under the shapes.
VALID = DOC + """
r:lvliangshi a lv:City ;
    rdfs:label "吕梁市"@zh , "Lüliang"@en ;
    skos:altLabel "吕梁"@zh ;
    lv:pinyin "lü liang shi" ;
    lv:adcode "141100000000" ;
    lv:locatedIn r:shanxisheng ;
    lv:mentionedIn r:doc .
r:shanxisheng a lv:Province ; rdfs:label "山西省"@zh ; dcterms:source "cpca" .
r:xingxian a lv:County ; rdfs:label "兴县"@zh ; lv:locatedIn r:lvliangshi ; lv:mentionedIn r:doc ;
    lv:typedBy "suffix:县" ; lv:confidence 0.97 .
r:caijiaya a lv:Village ; rdfs:label "蔡家崖"@zh ; lv:locatedIn r:xingxian ; lv:mentionedIn r:doc .
r:jinsui a lv:MemorialHall ; rdfs:label "晋绥边区革命纪念馆"@zh ;
    lv:locatedIn r:caijiaya ; lv:operatedBy r:wenlvju ; lv:mentionedIn r:doc .
r:wenlvju a lv:GovernmentBody ; rdfs:label "兴县文化和旅游局"@zh ; lv:mentionedIn r:doc .
r:tyut a lv:University ; rdfs:label "太原理工大学"@zh ; lv:partnerOf r:lvliangshi ; lv:mentionedIn r:doc .
r:shiwei a lv:PartyOrgan ; rdfs:label "吕梁市委"@zh ; lv:mentionedIn r:doc .
r:hugong a lv:LabourBrand ; rdfs:label "吕梁山护工"@zh ; lv:runIn r:lvliangshi ; lv:mentionedIn r:doc .
r:zhongxin a lv:ServiceCentre ; rdfs:label "吕梁山护工服务中心"@zh ; lv:mentionedIn r:doc .
r:old a lv:ServiceCentre ; rdfs:label "护理护工就业服务中心"@zh ; lv:renamedTo r:zhongxin ; lv:mentionedIn r:doc .
r:rail a lv:InfrastructureProject ; rdfs:label "太中银铁路"@zh ; lv:mentionedIn r:doc .
r:meet a lv:Meeting ; rdfs:label "中国共产党吕梁市第五次代表大会"@zh ; lv:heldAt r:lvliangshi ; lv:mentionedIn r:doc .
r:sun a lv:Person ; rdfs:label "孙大军"@zh ; lv:heldPosition r:shiwei ; lv:position r:pos1 ; lv:mentionedIn r:doc .
r:pos1 a lv:Position ; lv:holder r:sun ; lv:organization r:shiwei ; lv:roleTitle "市委书记"@zh ; lv:statedIn r:doc .
r:obs1 a lv:Observation ; lv:about r:hugong ; lv:measure "累计培训人数"@zh ;
    schema:value "64000"^^xsd:decimal ; schema:unitText "人" ; lv:rawText "6.4万人" ;
    lv:period "十三五"@zh ; lv:periodStart "2016"^^xsd:gYear ; lv:periodEnd "2020"^^xsd:gYear ;
    lv:statedIn r:doc .
r:st1 a lv:Statement ; rdf:subject r:jinsui ; rdf:predicate lv:locatedIn ; rdf:object r:caijiaya ;
    lv:statedIn r:doc ; lv:rule "relation.locatedIn.modifier" ; lv:confidence 0.8 ;
    prov:wasDerivedFrom r:m1 .
r:s1 a nif:Sentence ; nif:referenceContext r:doc ; nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "22"^^xsd:nonNegativeInteger ; nif:anchorOf "坐落革命老区兴县蔡家崖的晋绥边区革命纪念馆。" ;
    lv:normalizedText "坐落革命老区兴县蔡家崖的晋绥边区革命纪念馆。"@zh .
r:m1 a nif:Phrase ; nif:referenceContext r:doc ; nif:sentence r:s1 ;
    nif:beginIndex "12"^^xsd:nonNegativeInteger ; nif:endIndex "21"^^xsd:nonNegativeInteger ;
    nif:anchorOf "晋绥边区革命纪念馆" ; itsrdf:taIdentRef r:jinsui ; lv:rule "lexicon" ; lv:confidence 0.9 .
"""


def violations(data_ttl: str, shapes: Graph, ont: Graph | None) -> set[tuple[str, str, str]]:
    """(focus node, source shape, constraint component) of every result, by local names."""
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    conforms, report, text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    found = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        assert report.value(r, SH.resultSeverity) == SH.Violation
        assert report.value(r, SH.resultMessage) is not None, text
        found.add((local(report.value(r, SH.focusNode)), local(report.value(r, SH.sourceShape)),
                   local(report.value(r, SH.sourceConstraintComponent))))
    assert conforms == (not found)
    return found


# ---------------------------------------------------------------------------------------
# files and header


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE], ids=lambda p: p.name)
def test_file_parses_as_turtle(path):
    assert len(Graph().parse(path, format="turtle")) > 100


def test_ontology_header(ont):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ont
    assert ont.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ont.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/lvliang-kg/ontology/0.1.0")
    assert {t.language for t in ont.objects(ONTOLOGY_IRI, DCTERMS.title)} == {"en", "zh"}
    assert {t.language for t in ont.objects(ONTOLOGY_IRI, DCTERMS.description)} == {"en", "zh"}
    assert ont.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert str(ont.value(ONTOLOGY_IRI, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))) == str(LV)


# ---------------------------------------------------------------------------------------
# vocabulary


def test_required_classes_are_declared(ont):
    required = set(CORE_CLASSES) | set(SUPPORT_CLASSES) | set().union(*TREE.values())
    declared = {local(c) for c in ont.subjects(RDF.type, OWL.Class) if c.startswith(str(LV))}
    assert required - declared == set()
    # nothing beyond the agreed tree: a new class is a design change, add it to TREE too
    assert declared - required == set()


def test_required_properties_are_declared(ont):
    for name in OBJECT_PROPERTIES:
        assert (LV[name], RDF.type, OWL.ObjectProperty) in ont, name
    for name in DATATYPE_PROPERTIES:
        assert (LV[name], RDF.type, OWL.DatatypeProperty) in ont, name
    props = {local(p) for p in lv_terms(ont) if (p, RDF.type, OWL.Class) not in ont}
    assert props == set(OBJECT_PROPERTIES) | set(DATATYPE_PROPERTIES)


def test_every_lv_term_has_zh_en_labels_and_a_definition(ont):
    terms = lv_terms(ont)
    assert len(terms) > 80
    problems = []
    for t in sorted(terms):
        labels = list(ont.objects(t, RDFS.label))
        zh = [lab for lab in labels if lab.language == "zh"]
        en = [lab for lab in labels if lab.language == "en"]
        defs_en = [d for d in ont.objects(t, SKOS.definition) if d.language == "en"]
        if len(zh) != 1 or len(en) != 1:
            problems.append(f"{local(t)}: labels {labels}")
        if len(defs_en) != 1 or len(defs_en[0]) < 15:
            problems.append(f"{local(t)}: English skos:definition")
        if ont.value(t, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{local(t)}: rdfs:isDefinedBy")
        if zh and not re.search(r"[\u4e00-\u9fff]", str(zh[0])):
            problems.append(f"{local(t)}: @zh label has no Chinese character")
    assert problems == []


def test_every_lv_iri_used_is_declared(ont, shapes):
    """Catches typos: an lv: IRI in any position of either file must be a declared term."""
    declared = lv_terms(ont)
    used = set()
    for g in (ont, shapes):
        for triple in g:
            used.update(n for n in triple if isinstance(n, URIRef) and n.startswith(str(LV)))
    assert used - declared == set()


@pytest.mark.parametrize("core", sorted(TREE))
def test_subclass_tree_closes_onto_core_class(ont, core):
    q = "SELECT ?c WHERE { ?c rdfs:subClassOf+ ?core }"
    below = {local(r.c) for r in ont.query(q, initNs={"rdfs": RDFS}, initBindings={"core": LV[core]})
             if r.c.startswith(str(LV))}
    assert below == TREE[core]


def test_county_is_a_place_in_plain_sparql(ont):
    rows = ont.query("""
        PREFIX lv: <https://w3id.org/lvliang-kg/ontology#>
        SELECT ?c WHERE { ?c rdfs:subClassOf* lv:Place } """, initNs={"rdfs": RDFS})
    found = {local(r.c) for r in rows}
    assert {"Place", "County", "District", "CountyLevelCity", "Village", "Street"} <= found
    assert "MemorialHall" not in found  # memorials are their own core class


def test_every_lv_class_sits_under_exactly_one_top_class(ont):
    tops = {LV[c] for c in CORE_CLASSES + SUPPORT_CLASSES}
    for c in ont.subjects(RDF.type, OWL.Class):
        if not c.startswith(str(LV)) or c in tops:
            continue
        ancestors = set(ont.transitive_objects(c, RDFS.subClassOf))
        assert len(ancestors & tops) == 1, local(c)


@pytest.mark.parametrize("cls,schema_cls", sorted(SCHEMA_SUPERCLASSES.items()))
def test_schema_org_alignment(ont, cls, schema_cls):
    assert (LV[cls], RDFS.subClassOf, SCHEMA[schema_cls]) in ont


def test_wikidata_alignment_is_exactly_the_checked_set(ont):
    mapping = {SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch}
    found = {(local(s), p, local(o)) for s, p, o in ont if p in mapping and o.startswith(str(WD))}
    assert found == WIKIDATA
    assert not any(o == WD.Q1147395 for o in ont.objects())  # district of Turkey


def test_core_property_characteristics(ont):
    assert (LV.locatedIn, RDF.type, OWL.TransitiveProperty) in ont
    assert (LV.partnerOf, RDF.type, OWL.SymmetricProperty) in ont
    for name in ["operatedBy", "heldPosition", "renamedTo", "mentionedIn"]:
        assert (LV[name], RDF.type, OWL.TransitiveProperty) not in ont, name
        assert (LV[name], RDF.type, OWL.SymmetricProperty) not in ont, name
    chain = ont.value(LV.heldPosition, OWL.propertyChainAxiom)
    assert list(Collection(ont, chain)) == [LV.position, LV.organization]
    assert (LV.position, OWL.inverseOf, LV.holder) in ont
    assert (LV.heldAt, RDFS.subPropertyOf, LV.locatedIn) in ont


@pytest.mark.parametrize("prop", sorted(DOMAIN_RANGE))
def test_domain_and_range(ont, prop):
    domain, range_ = DOMAIN_RANGE[prop]
    assert ont.value(LV[prop], RDFS.domain) == domain
    assert ont.value(LV[prop], RDFS.range) == range_
    for name in ["zh", "en"]:
        assert any(lab.language == name for lab in ont.objects(LV[prop], RDFS.label))


def test_union_datatype_ranges(ont):
    def union(prop):
        r = ont.value(LV[prop], RDFS.range)
        assert isinstance(r, BNode) and (r, RDF.type, RDFS.Datatype) in ont
        return set(Collection(ont, ont.value(r, OWL.unionOf)))

    assert union("periodStart") == union("periodEnd") == {XSD.gYear, XSD.date}
    for prop in ["measure", "period", "section", "normalizedText"]:
        assert union(prop) == {XSD.string, RDF.langString}


def test_external_terms_are_declared(ont):
    expected = {
        GEO.hasGeometry: OWL.ObjectProperty, GEO.asWKT: OWL.DatatypeProperty,
        DCTERMS.identifier: OWL.AnnotationProperty, DCTERMS.title: OWL.AnnotationProperty,
        DCTERMS.source: OWL.AnnotationProperty, PROV.wasDerivedFrom: OWL.ObjectProperty,
        SKOS.altLabel: OWL.AnnotationProperty, NIF.Context: OWL.Class, NIF.String: OWL.Class,
        NIF.Phrase: OWL.Class, NIF.Sentence: OWL.Class, NIF.referenceContext: OWL.ObjectProperty,
        NIF.beginIndex: OWL.DatatypeProperty, NIF.endIndex: OWL.DatatypeProperty,
        NIF.anchorOf: OWL.DatatypeProperty, NIF.sentence: OWL.ObjectProperty,
        NIF.isString: OWL.DatatypeProperty, ITSRDF.taIdentRef: OWL.ObjectProperty,
        SCHEMA.value: OWL.DatatypeProperty, SCHEMA.unitText: OWL.DatatypeProperty,
    }
    for term, kind in expected.items():
        assert (term, RDF.type, kind) in ont, term
        assert ont.value(term, RDFS.isDefinedBy) is not None, term


# ---------------------------------------------------------------------------------------
# OWL RL entailments and consistency

ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


def _closure(ont: Graph, data: str) -> Graph:
    g = Graph()
    for t in ont:
        g.add(t)
    g.parse(data=PREFIXES + data, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def test_owl_rl_entailments_and_consistency(ont):
    g = _closure(ont, VALID)
    assert not list(g.subjects(RDF.type, ERROR))
    assert (RES.caijiaya, LV.locatedIn, RES.shanxisheng) in g     # transitive
    assert (RES.lvliangshi, LV.partnerOf, RES.tyut) in g          # symmetric
    assert (RES.meet, LV.locatedIn, RES.lvliangshi) in g          # heldAt ⊑ locatedIn
    assert (RES.xingxian, RDF.type, LV.Place) in g                # subclass
    assert (RES.xingxian, RDF.type, SCHEMA.AdministrativeArea) in g


def test_owl_rl_heldposition_chain(ont):
    g = _closure(ont, "r:p lv:position r:pos . r:pos lv:organization r:o .")
    assert (RES.p, LV.heldPosition, RES.o) in g
    assert (RES.pos, LV.holder, RES.p) in g


def test_owl_rl_disjoint_core_classes(ont):
    g = _closure(ont, "r:z a lv:Person , lv:County .")
    assert list(g.subjects(RDF.type, ERROR))


# ---------------------------------------------------------------------------------------
# shapes: structure


def test_shapes_graph_is_valid_shacl(shapes, ont):
    data = Graph().parse(data=PREFIXES + VALID, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                 meta_shacl=True)
    assert conforms, text


def test_every_shape_has_name_description_message_and_violation_severity(shapes):
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape)} | {
        s for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    assert len(named) > 20
    for s in named:
        assert isinstance(s, URIRef) and s.startswith(str(LVSH)), s
        assert shapes.value(s, SH.name) is not None, s
        assert shapes.value(s, SH.description) is not None, s
        if s == LVSH.ChineseSubtag:  # value shape used only inside sh:not
            assert not list(shapes.objects(s, SH.targetClass))
            continue
        assert shapes.value(s, SH.message) is not None, s
        assert shapes.value(s, SH.severity) == SH.Violation, s


def test_core_classes_are_targeted(shapes):
    targeted = set(shapes.objects(LVSH.EntityLabelShape, SH.targetClass))
    assert targeted == {LV[c] for c in CORE_CLASSES if c != "Document"}
    assert set(shapes.objects(LVSH.EntityProvenanceShape, SH.targetClass)) == targeted


def test_shapes_use_only_shacl_core(shapes):
    """SHACL-SPARQL constraints run per focus node in pyshacl: too slow for a build."""
    assert not list(shapes.subject_objects(SH.sparql))


# ---------------------------------------------------------------------------------------
# shapes: behaviour


def test_valid_graph_conforms(shapes, ont):
    assert violations(VALID, shapes, ont) == set()


def test_ontology_itself_conforms(shapes, ont):
    """The build puts the ontology in the data graph: it must not trigger any shape."""
    conforms, _, text = validate(ont, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_subclass_instances_are_targeted_only_with_the_ontology(shapes, ont):
    case = DOC + "r:x a lv:County ; lv:mentionedIn r:doc ."  # no label
    assert violations(case, shapes, ont) == {("x", "ZhLabelProperty", "QualifiedMinCountConstraintComponent")}
    # without rdfs:subClassOf in the data graph an lv:County is not an lv:Place for SHACL
    assert violations(case, shapes, None) == set()


def test_merging_the_ontology_into_the_data_equals_ont_graph(shapes, ont):
    case = DOC + "r:x a lv:County ; lv:mentionedIn r:doc ."
    merged = ont.serialize(format="nt")  # N-Triples is a subset of Turtle
    assert violations(case + merged, shapes, None) == violations(case, shapes, ont)


CASES = {
    "missing label": (
        "r:x a lv:County ; lv:mentionedIn r:doc .",
        {("x", "ZhLabelProperty", "QualifiedMinCountConstraintComponent")},
    ),
    "label without language tag": (
        'r:x a lv:Enterprise ; rdfs:label "华为" ; lv:mentionedIn r:doc .',
        {("x", "ZhLabelProperty", "QualifiedMinCountConstraintComponent")},
    ),
    "two zh labels": (
        'r:x a lv:County ; rdfs:label "兴县"@zh , "兴 县"@zh ; lv:mentionedIn r:doc .',
        {("x", "ZhLabelProperty", "QualifiedMaxCountConstraintComponent")},
    ),
    "pinyin in rdfs:label": (
        'r:x a lv:County ; rdfs:label "兴县"@zh , "Xīng Xiàn"@zh-Latn-pinyin ; lv:mentionedIn r:doc .',
        {("x", "ZhLabelExactTagProperty", "NotConstraintComponent")},
    ),
    "only a zh-Hans label": (
        'r:x a lv:Person ; rdfs:label "孙大军"@zh-Hans ; lv:mentionedIn r:doc .',
        {("x", "ZhLabelProperty", "QualifiedMinCountConstraintComponent"),
         ("x", "ZhLabelExactTagProperty", "NotConstraintComponent")},
    ),
    "neither mentioned nor sourced": (
        'r:x a lv:Campaign ; rdfs:label "党史学习教育"@zh .',
        {("x", "EntityProvenanceShape", "OrConstraintComponent")},
    ),
    "mentioned in something that is not a Document": (
        'r:x a lv:Campaign ; rdfs:label "党史学习教育"@zh ; lv:mentionedIn r:nodoc .',
        {("x", "EntityProvenanceShape", "OrConstraintComponent"),
         ("x", "MentionedInShape", "ClassConstraintComponent")},
    ),
    "locatedIn a non-Place": (
        'r:x a lv:MemorialHall ; rdfs:label "刘胡兰纪念馆"@zh ; lv:mentionedIn r:doc ; lv:locatedIn r:org .\n'
        'r:org a lv:Enterprise ; rdfs:label "某公司"@zh ; lv:mentionedIn r:doc .',
        {("x", "LocatedInShape", "ClassConstraintComponent")},
    ),
    "locatedIn an untyped node": (
        'r:x a lv:County ; rdfs:label "兴县"@zh ; dcterms:source "cpca" ; lv:locatedIn r:nowhere .',
        {("x", "LocatedInShape", "ClassConstraintComponent")},
    ),
    "operatedBy a Place": (
        'r:x a lv:LabourBrand ; rdfs:label "吕梁山护工"@zh ; lv:mentionedIn r:doc ; lv:operatedBy r:p .\n'
        'r:p a lv:City ; rdfs:label "吕梁市"@zh ; lv:mentionedIn r:doc .',
        {("x", "OperatedByShape", "ClassConstraintComponent")},
    ),
    "heldPosition from a non-Person": (
        'r:x a lv:Enterprise ; rdfs:label "华为"@zh ; lv:mentionedIn r:doc ; lv:heldPosition r:o .\n'
        'r:o a lv:PartyOrgan ; rdfs:label "吕梁市委"@zh ; lv:mentionedIn r:doc .',
        {("x", "HeldPositionShape", "ClassConstraintComponent")},
    ),
    "begin equals end": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "" ;'
        ' nif:beginIndex "5"^^xsd:nonNegativeInteger ; nif:endIndex "5"^^xsd:nonNegativeInteger .',
        {("m", "NifBeginProperty", "LessThanConstraintComponent")},
    ),
    "begin after end": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "兴县" ;'
        ' nif:beginIndex "9"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger .',
        {("m", "NifBeginProperty", "LessThanConstraintComponent")},
    ),
    "negative offset (ill-typed)": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "兴县" ;'
        ' nif:beginIndex "-1"^^xsd:nonNegativeInteger ; nif:endIndex "1"^^xsd:nonNegativeInteger .',
        {("m", "NifBeginProperty", "DatatypeConstraintComponent")},
    ),
    "offset typed xsd:integer": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "兴县" ;'
        ' nif:beginIndex 6 ; nif:endIndex "8"^^xsd:nonNegativeInteger .',
        {("m", "NifBeginProperty", "DatatypeConstraintComponent")},
    ),
    "two begin offsets": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "兴县" ;'
        ' nif:beginIndex "6"^^xsd:nonNegativeInteger , "7"^^xsd:nonNegativeInteger ;'
        ' nif:endIndex "8"^^xsd:nonNegativeInteger .',
        {("m", "NifBeginProperty", "MaxCountConstraintComponent")},
    ),
    "mention without end and anchor": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:beginIndex "6"^^xsd:nonNegativeInteger .',
        {("m", "NifEndProperty", "MinCountConstraintComponent"),
         ("m", "NifAnchorProperty", "MinCountConstraintComponent")},
    ),
    "mention without reference context": (
        'r:m a nif:Phrase ; nif:anchorOf "兴县" ;'
        ' nif:beginIndex "6"^^xsd:nonNegativeInteger ; nif:endIndex "8"^^xsd:nonNegativeInteger .',
        {("m", "NifContextShape", "OrConstraintComponent"),
         ("m", "NifReferenceContextProperty", "MinCountConstraintComponent")},
    ),
    "mention with a language-tagged anchor": (
        'r:m a nif:Phrase ; nif:referenceContext r:doc ; nif:anchorOf "兴县"@zh ;'
        ' nif:beginIndex "6"^^xsd:nonNegativeInteger ; nif:endIndex "8"^^xsd:nonNegativeInteger .',
        {("m", "NifAnchorProperty", "DatatypeConstraintComponent")},
    ),
    "observation value is text": (
        'r:o a lv:Observation ; lv:about r:doc ; lv:measure "累计培训人数"@zh ; schema:value "6.4万" .',
        {("o", "ObservationValueProperty", "DatatypeConstraintComponent")},
    ),
    "observation value typed xsd:integer": (
        'r:o a lv:Observation ; lv:about r:doc ; lv:measure "累计培训人数"@zh ; schema:value 64000 .',
        {("o", "ObservationValueProperty", "DatatypeConstraintComponent")},
    ),
    "observation value ill-typed decimal": (
        'r:o a lv:Observation ; lv:about r:doc ; lv:measure "投资"@zh ; schema:value "183.61亿"^^xsd:decimal .',
        {("o", "ObservationValueProperty", "DatatypeConstraintComponent")},
    ),
    "observation missing about and measure, two units": (
        'r:o a lv:Observation ; schema:value 1.5 ; schema:unitText "元" , "亿元" .',
        {("o", "ObservationAboutProperty", "MinCountConstraintComponent"),
         ("o", "ObservationMeasureProperty", "MinCountConstraintComponent"),
         ("o", "ObservationUnitProperty", "MaxCountConstraintComponent")},
    ),
    "observation period start as plain string": (
        'r:o a lv:Observation ; lv:about r:doc ; lv:measure "投资"@zh ; schema:value 1.5 ;'
        ' lv:periodStart "2016" ; lv:periodEnd "2020"^^xsd:gYear .',
        {("o", "ObservationPeriodProperty", "OrConstraintComponent")},
    ),
    "position with a non-institution and no role": (
        'r:pos a lv:Position ; lv:holder r:p ; lv:organization r:c ; lv:statedIn r:doc .\n'
        'r:p a lv:Person ; rdfs:label "孙大军"@zh ; lv:mentionedIn r:doc .\n'
        'r:c a lv:City ; rdfs:label "吕梁市"@zh ; lv:mentionedIn r:doc .',
        {("pos", "PositionOrganizationProperty", "ClassConstraintComponent"),
         ("pos", "PositionRoleProperty", "MinCountConstraintComponent")},
    ),
    "position role without language tag, no document": (
        'r:pos a lv:Position ; lv:holder r:p ; lv:organization r:o ; lv:roleTitle "市委书记" .\n'
        'r:p a lv:Person ; rdfs:label "孙大军"@zh ; lv:mentionedIn r:doc .\n'
        'r:o a lv:PartyOrgan ; rdfs:label "吕梁市委"@zh ; lv:mentionedIn r:doc .',
        {("pos", "PositionRoleProperty", "DatatypeConstraintComponent"),
         ("pos", "PositionStatedInProperty", "MinCountConstraintComponent")},
    ),
    "document without title, two identifiers": (
        'r:d2 a lv:Document ; dcterms:identifier "a" , "b" .',
        {("d2", "DocumentIdentifierProperty", "MaxCountConstraintComponent"),
         ("d2", "DocumentTitleProperty", "MinCountConstraintComponent")},
    ),
    "statement without object": (
        "r:st a lv:Statement ; rdf:subject r:a ; rdf:predicate lv:locatedIn .",
        {("st", "StatementObjectProperty", "MinCountConstraintComponent")},
    ),
    "confidence above one": (
        'r:x a lv:County ; rdfs:label "兴县"@zh ; lv:mentionedIn r:doc ; lv:confidence 1.5 .',
        {("x", "ConfidenceShape", "MaxInclusiveConstraintComponent")},
    ),
    "six-digit adcode": (
        'r:x a lv:City ; rdfs:label "吕梁市"@zh ; dcterms:source "cpca" ; lv:adcode "141100" .',
        {("x", "AdcodeShape", "PatternConstraintComponent")},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_graph_reports_exactly_the_expected_violations(shapes, ont, name):
    data, expected = CASES[name]
    assert violations(DOC + data, shapes, ont) == expected
