"""RDF: namespaces, IRIs, graph assembly, serialisation."""
