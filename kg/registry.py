"""Name → factory registries, in the spirit of rdflib's plugin registry.

Extractor components and stores are found by name, so a new backend is a registration,
not an ``if`` in the caller.

Examples
--------
>>> reg = Registry("demo", error=lambda name, known: KeyError(name))
>>> @reg.register("double")
... def make_double():
...     return lambda x: 2 * x
>>> reg.create("double")(21)
42
>>> reg.names()
['double']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Registry"]


class Registry:
    """A mapping from names to factories.

    Parameters
    ----------
    kind : str
        What the registry holds, for messages.
    error : callable
        ``error(name, known_names)`` returns the exception raised for an unknown name.
    """

    def __init__(self, kind: str, *, error: Callable[[str, str], Exception]) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., Any]] = {}
        self._error = error

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: register ``factory`` under ``name`` (a later registration replaces it)."""

        def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
            self._factories[name] = factory
            return factory

        return deco

    def add(self, name: str, factory: Callable[..., Any]) -> None:
        """Register ``factory`` under ``name``."""
        self._factories[name] = factory

    def get(self, name: str) -> Callable[..., Any]:
        """Return the factory for ``name`` or raise the registry's error."""
        try:
            return self._factories[name]
        except KeyError:
            raise self._error(name, ", ".join(self.names())) from None

    def create(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the factory registered under ``name``."""
        return self.get(name)(*args, **kwargs)

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories
