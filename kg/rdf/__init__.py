"""RDF: namespaces, IRIs, graph assembly, serialisation.

The RDF stage writes down what resolution (:mod:`kg.resolve`) hands it as records
(:class:`~kg.records.Entity`, :class:`~kg.records.ResolvedDocument`,
:class:`~kg.records.ReferenceNode`); it decides no language question and imports nothing
from :mod:`kg.extract` or :mod:`kg.resolve`.
"""
