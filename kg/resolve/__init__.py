"""Resolution: the stage between extraction and RDF assembly.

Extraction (:mod:`kg.extract`) finds and types mentions in one document at a time;
resolution decides what they name across documents and what each does in its own
document's graph, and hands the RDF stage (:mod:`kg.rdf`) data: entities,
:class:`~kg.records.ResolvedDocument` and :class:`~kg.records.ReferenceNode` records. The
RDF stage writes them down; it decides nothing about language and imports nothing from
here. The full build (:mod:`kg.builder`), the distributed build (:mod:`kg.cluster`) and
incremental updates (:mod:`kg.builder.incremental`) all resolve through this API.

* :mod:`kg.resolve.keys` — the identity key of a mention (which entity it names);
* :mod:`kg.resolve.places` — the places a document names, and those a name's prefix names;
* :mod:`kg.resolve.full_forms` — a short form joined to its full form across documents
  (东征精神研究会 → 石楼县东征精神研究会), decided from each key's places;
* :mod:`kg.resolve.ids` — entity ids: pinyin slugs, disambiguated by a short hash;
* :mod:`kg.resolve.entities` — mentions of all documents grouped into entities, at once
  (:func:`resolve`) or in pieces (:class:`KeySummary`, :func:`entities_from_table`);
* :mod:`kg.resolve.documents` — the role of each mention in its document (``lv:mentionedIn``,
  names inside names);
* :mod:`kg.resolve.reference` — the reference places a graph states, with their ids;
* :mod:`kg.resolve.incremental` — resolution against a graph that already holds entities.

Examples
--------
>>> from kg.extract.pipeline import Pipeline
>>> from kg.text import read_text
>>> state = Pipeline(["lexicon", "select"])(read_text("兴县位于吕梁市。", doc_id="demo"))
>>> entities, index = resolve({state.doc.id: state.mentions})
>>> [e.id for e in entities]
['lvliangshi', 'xingxian']
"""

from kg.resolve.documents import resolved_document
from kg.resolve.entities import KeySummary, entities_from_table, resolve
from kg.resolve.full_forms import full_forms, joined_keys, key_places, merge_key_places
from kg.resolve.ids import entity_ids, reference_id
from kg.resolve.incremental import StoredEntity, group_key, resolve_against
from kg.resolve.keys import document_keys, identity_key, name_key, normal_name
from kg.resolve.places import document_places
from kg.resolve.reference import entries_by_id, reference_nodes

__all__ = [
    "KeySummary",
    "StoredEntity",
    "document_keys",
    "document_places",
    "entities_from_table",
    "entity_ids",
    "entries_by_id",
    "full_forms",
    "group_key",
    "identity_key",
    "joined_keys",
    "key_places",
    "merge_key_places",
    "name_key",
    "normal_name",
    "reference_id",
    "resolve",
    "resolve_against",
    "reference_nodes",
    "resolved_document",
]
