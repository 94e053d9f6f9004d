"""Render an :class:`~kg.evaluate.runner.EvalReport`: rich tables, Markdown, JSON.

Every rendering is built from the same plain tables (:func:`report_tables`), so the terminal
output and the README table always agree.

Examples
--------
>>> from kg.evaluate.gold import GoldDocument, GoldEntity
>>> from kg.evaluate.runner import score_system, EvalReport
>>> from kg.evaluate.predictions import PredictedEntity
>>> gold = GoldDocument("d", entities=(GoldEntity("兴县", "Place"), GoldEntity("刘胡兰", "Person")))
>>> ours = score_system("ours", [gold], lambda d: [PredictedEntity("兴县", "Place")])
>>> md = to_markdown(EvalReport((gold,), (ours,)), lists=False)
>>> print(next(line for line in md.splitlines() if "**overall**" in line))
| **overall** | 2 | 1.00 | 0.50 | 0.67 |
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.gold import ENTITY_TYPES
from kg.evaluate.runner import SYSTEM_OURS, EvalReport, SystemResult
from kg.evaluate.counts import Counts
from kg.evaluate.entity_score import EntityScore

__all__ = ["Table", "report_tables", "render", "print_report", "to_markdown", "to_json",
           "format_lists"]


@dataclass(frozen=True)
class Table:
    """A plain table: a title, column headers, rows of cells and notes under it."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


def _f(x: float) -> str:
    return f"{x:.2f}"


def _prf(c: Counts) -> tuple[str, str, str]:
    p = _f(c.precision) if c.predicted else "–"
    r = _f(c.recall) if c.gold else "–"
    f = _f(c.f1) if (c.predicted or c.gold) else "–"
    return p, r, f


def _gold_counts(report: EvalReport) -> dict[str, int]:
    counts: dict[str, int] = {}
    for g in report.golds:
        for e in g.required_entities:
            counts[e.type] = counts.get(e.type, 0) + 1
    return counts


def _entity_table(report: EvalReport, systems: Sequence[SystemResult], mode: str) -> Table:
    gold = _gold_counts(report)
    pooled = [s.entities(mode, True) for s in systems]
    types = [t for t in ENTITY_TYPES
             if gold.get(t) or any(p.by_type.get(t, Counts()).predicted for p in pooled)]
    types += sorted({t for p in pooled for t in p.by_type} - set(types))
    headers = ["Type", "Gold"]
    for s in systems:
        headers += [f"{s.label} P", f"{s.label} R", f"{s.label} F1"]
    rows = []
    for t in types:
        row = [t, str(gold.get(t, 0))]
        for p in pooled:
            row += _prf(p.by_type.get(t, Counts()))
        rows.append(tuple(row))
    row = ["**overall**", str(sum(gold.values()))]
    for p in pooled:
        row += _prf(p.overall)
    rows.append(tuple(row))
    row = ["overall, type ignored", str(sum(gold.values()))]
    for s in systems:
        row += _prf(s.entities(mode, False).overall)
    rows.append(tuple(row))
    what = ("name or alias equal after normalisation" if mode == "strict"
            else "one name contains the other (≥ 2 characters)")
    return Table(f"Entities, {mode} ({what}; micro over {len(report.golds)} document(s))",
                 tuple(headers), tuple(rows))


def _doc_table(report: EvalReport, systems: Sequence[SystemResult]) -> Table:
    headers = ["Document", "Gold"]
    for s in systems:
        headers += [f"{s.label} strict F1", f"{s.label} loose F1"]
    rows = []
    for g in report.golds:
        row = [g.doc_id, str(len(g.required_entities))]
        for s in systems:
            if g.doc_id in s.documents:
                row += [_f(s.entities("strict", True, g.doc_id).overall.f1),
                        _f(s.entities("loose", True, g.doc_id).overall.f1)]
            else:
                row += ["n/a", "n/a"]
        rows.append(tuple(row))
    return Table("Entities per document (overall F1)", tuple(headers), tuple(rows))


def _relation_table(system: SystemResult) -> Table | None:
    rel = system.relations
    if rel is None:
        return None
    rows = [(p, str(rel.by_predicate[p].gold), str(rel.by_predicate[p].predicted),
             *_prf(rel.by_predicate[p])) for p in rel.predicates]
    rows.append(("**overall**", str(rel.overall.gold), str(rel.overall.predicted),
                 *_prf(rel.overall)))
    notes = []
    if rel.roles.total:
        notes.append(f"heldPosition role titles: {rel.roles.correct}/{rel.roles.total} exact "
                     f"({_f(rel.roles.accuracy)}), {rel.roles.loose_correct}/{rel.roles.total} "
                     "one containing the other")
    return Table(f"Relations ({system.label})",
                 ("Predicate", "Gold", "Predicted", "P", "R", "F1"), tuple(rows), tuple(notes))


def _quantity_table(report: EvalReport, system: SystemResult) -> Table | None:
    if system.quantities is None:
        return None
    rows = []
    for g in report.golds:
        d = system.documents.get(g.doc_id)
        if d is None or d.quantities is None:
            continue
        q = d.quantities
        rows.append((g.doc_id, str(q.total), str(q.predicted),
                     f"{len(q.recalled_subject)} ({_f(q.subject_recall)})",
                     f"{len(q.recalled_value)} ({_f(q.value_recall)})"))
    q = system.quantities
    rows.append(("**all**", str(q.total), str(q.predicted),
                 f"{len(q.recalled_subject)} ({_f(q.subject_recall)})",
                 f"{len(q.recalled_value)} ({_f(q.value_recall)})"))
    return Table(f"Quantities ({system.label}): recall of gold numeric facts "
                 "(value ±0.5 %, same unit)",
                 ("Document", "Gold", "Predicted", "subject+value", "value only"),
                 tuple(rows))


def report_tables(report: EvalReport) -> list[Table]:
    """The tables of a report, in display order.

    Examples
    --------
    >>> from kg.evaluate.runner import EvalReport, SystemResult
    >>> tables = report_tables(EvalReport((), (SystemResult("ours", "ours"),)))
    >>> [t.title.split(",")[0] for t in tables]
    ['Entities', 'Entities', 'Entities per document (overall F1)']
    """
    ran = [s for s in report.systems if s.available or s.name == SYSTEM_OURS]
    skipped = [s for s in report.systems if s not in ran]
    notes = tuple(f"{s.label}: unavailable ({s.unavailable})" for s in skipped)
    notes += tuple(f"{s.label}: {doc}: {why}" for s in ran for doc, why in s.notes.items())
    tables = [_entity_table(report, ran, "strict"), _entity_table(report, ran, "loose"),
              _doc_table(report, ran)]
    tables[0] = Table(tables[0].title, tables[0].headers, tables[0].rows, notes)
    for s in ran:
        for t in (_relation_table(s), _quantity_table(report, s)):
            if t is not None:
                tables.append(t)
    return tables


def format_lists(report: EvalReport, *, system: str = SYSTEM_OURS, mode: str = "strict",
                 max_items: int | None = None) -> list[tuple[str, list[str], list[str]]]:
    """Missed gold entities and spurious predictions per document, as display strings.

    Returns ``[(doc_id, missed, spurious), …]`` with items like ``吕梁山 (Place)``.

    Examples
    --------
    >>> from kg.evaluate.gold import GoldDocument, GoldEntity
    >>> from kg.evaluate.runner import score_system, EvalReport
    >>> from kg.evaluate.predictions import PredictedEntity
    >>> gold = GoldDocument("d", entities=(GoldEntity("兴县", "Place"),))
    >>> s = score_system("ours", [gold], lambda d: [PredictedEntity("县城", "Place")])
    >>> format_lists(EvalReport((gold,), (s,)))
    [('d', ['兴县 (Place)'], ['县城 (Place)'])]
    """
    try:
        result = report.system(system)
    except KeyError:
        return []
    out = []
    for g in report.golds:
        if g.doc_id not in result.documents:
            continue
        score: EntityScore = result.entities(mode, True, g.doc_id)
        missed = [f"{e.name} ({e.type})" for e in score.missed]
        spurious = [f"{p.name} ({p.type})" for p in score.spurious]
        if max_items is not None:
            missed = missed[:max_items] + ([f"… {len(score.missed) - max_items} more"]
                                           if len(score.missed) > max_items else [])
            spurious = spurious[:max_items] + ([f"… {len(score.spurious) - max_items} more"]
                                               if len(score.spurious) > max_items else [])
        out.append((g.doc_id, missed, spurious))
    return out


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: EvalReport, *, lists: bool = True, system: str = SYSTEM_OURS,
                max_items: int | None = None) -> str:
    """A Markdown rendering (GitHub tables) for the README.

    Parameters
    ----------
    report : EvalReport
    lists : bool, optional
        Append the missed / spurious entity lists of ``system`` (strict).
    system : str, optional
        Whose lists to show (default ``ours``).
    max_items : int, optional
        Cut each list after this many items.

    Returns
    -------
    str

    Examples
    --------
    >>> from kg.evaluate.runner import EvalReport
    >>> print(to_markdown(EvalReport((), ()), lists=False).splitlines()[0])
    ### Entities, strict (name or alias equal after normalisation; micro over 0 document(s))
    """
    parts = []
    for t in report_tables(report):
        parts.append(f"### {t.title}\n")
        parts.append("| " + " | ".join(map(_md_cell, t.headers)) + " |")
        parts.append("|" + "|".join("---" if i == 0 else "---:"
                                    for i in range(len(t.headers))) + "|")
        for row in t.rows:
            parts.append("| " + " | ".join(map(_md_cell, row)) + " |")
        for n in t.notes:
            parts.append(f"\n_{_md_cell(n)}_")
        parts.append("")
    if lists:
        label = next((s.label for s in report.systems if s.name == system), system)
        for doc_id, missed, spurious in format_lists(report, system=system,
                                                     max_items=max_items):
            parts.append(f"### {label}: {doc_id} (strict)\n")
            parts.append(f"- **Missed** ({len(missed)}): " + ("、".join(missed) or "none"))
            parts.append(f"- **Spurious** ({len(spurious)}): " + ("、".join(spurious) or "none"))
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def render(report: EvalReport, *, lists: bool = True, system: str = SYSTEM_OURS,
           max_items: int | None = 40) -> Any:
    """A rich renderable (a ``Group`` of tables and lists) for the terminal.

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> from kg.evaluate.runner import EvalReport
    >>> console = Console(width=100, record=True, file=io.StringIO())
    >>> console.print(render(EvalReport((), ())))
    >>> "Entities, strict" in console.export_text()
    True
    """
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    items: list[Any] = []
    for t in report_tables(report):
        table = RichTable(title=t.title, box=box.SIMPLE_HEAVY, title_justify="left",
                          caption="\n".join(t.notes) or None, caption_justify="left")
        for i, h in enumerate(t.headers):
            table.add_column(h, justify="left" if i == 0 else "right", no_wrap=i == 0)
        for row in t.rows:
            bold = row[0].startswith("**")
            cells = [c.strip("*") for c in row]
            table.add_row(*cells, style="bold" if bold else None)
        items.append(table)
    if lists:
        for doc_id, missed, spurious in format_lists(report, system=system,
                                                     max_items=max_items):
            text = Text()
            text.append(f"{doc_id} (strict)\n", style="bold")
            text.append(f"  missed ({len(missed)}): ", style="red")
            text.append("、".join(missed) or "none")
            text.append(f"\n  spurious ({len(spurious)}): ", style="yellow")
            text.append("、".join(spurious) or "none")
            items.append(text)
    return Group(*items)


def print_report(report: EvalReport, console: Any = None, **kwargs: Any) -> None:
    """Print the report to a rich console (stdout by default); kwargs go to :func:`render`.

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> from kg.evaluate.runner import EvalReport
    >>> c = Console(record=True, width=80, file=io.StringIO())
    >>> print_report(EvalReport((), ()), c)
    >>> "overall" in c.export_text()
    True
    """
    from rich.console import Console

    (console or Console()).print(render(report, **kwargs))


def to_json(report: EvalReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (see :meth:`EvalReport.to_dict`).

    Examples
    --------
    >>> from kg.evaluate.runner import EvalReport
    >>> to_json(EvalReport((), ()), indent=None)
    '{"documents": [], "systems": {}}'
    """
    return report.to_json(indent=indent)
