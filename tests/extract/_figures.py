"""Shared by the figure tests: which subject and rule a figure of a sentence gets."""

from kg.extract.pipeline import Pipeline
from kg.text import read_text

PIPE = Pipeline()


def about(text: str, raw: str) -> tuple[str, str]:
    """The subject and the rule of the observation whose raw text is ``raw``."""
    st = PIPE(read_text("标题\n\n" + text, doc_id="t"))
    hits = [o for o in st.observations if o.raw == raw]
    assert hits, [(o.raw, o.about.text) for o in st.observations]
    o = hits[0]
    return o.about.canonical or o.about.text, o.rule.split(":", 1)[1]
