"""Tests of kg.server (SPARQL endpoint, explorer)."""
