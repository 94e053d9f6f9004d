"""Literals in the one lexical form the graph writes them with.

Examples
--------
>>> str(decimal_literal("19"))
'19.0'
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal

from kg.rdf.namespaces import XSD

__all__ = ["decimal_literal"]


def decimal_literal(value: Decimal | int | float | str) -> Literal:
    """An ``xsd:decimal`` literal in canonical form: no exponent, always a decimal point.

    Turtle and TriG write a decimal as a bare number (``19.0``); a literal whose lexical
    form is ``"19"`` would come back from a ``.trig`` file as a different term, so every
    decimal gets the canonical form ``19.0`` from the start.

    >>> [str(decimal_literal(v)) for v in (Decimal("19"), Decimal("6.4E+4"), 0.85, 1, "-0.50")]
    ['19.0', '64000.0', '0.85', '1.0', '-0.5']
    """
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    text = format(d.normalize(), "f")
    if "." not in text:
        text += ".0"
    if text in ("-0.0",):
        text = "0.0"
    return Literal(text, datatype=XSD.decimal)
