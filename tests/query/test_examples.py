"""Every example a user is shown returns rows on the bundled build: each named query's
``# example:`` line and each ``kg query`` line of the README."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kg.query import named, run

README = Path(__file__).resolve().parents[2] / "README.md"


def _parse(command: str) -> tuple[str, dict[str, str]]:
    """``kg query NAME --param k=v …`` → (NAME or query text, params); other options dropped."""
    args = shlex.split(command)
    assert args[:2] == ["kg", "query"], command
    query, params, rest = args[2], {}, args[3:]
    for opt, val in zip(rest, rest[1:]):
        if opt == "--param":
            k, _, v = val.partition("=")
            params[k] = v
    return query, params


EXAMPLES = [(name, ex) for name in named.names() for ex in named.get(name).examples]
# README lines that query the bundled build (not a store the reader made elsewhere).
README_QUERIES = [ln.split("$ ", 1)[1].split("  #")[0].strip()
                  for ln in README.read_text(encoding="utf-8").splitlines()
                  if re.match(r"^\$ kg query ", ln) and "--store" not in ln]


def test_examples_found():
    assert len(EXAMPLES) >= len(named.names())
    assert README_QUERIES


@pytest.mark.parametrize("name, example", EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_named_example_returns_rows(kg5, name, example):
    query, params = _parse(example)
    assert query == name
    assert len(run(kg5, query, params)) > 0, example


@pytest.mark.parametrize("command", README_QUERIES)
def test_readme_query_returns_rows(kg5, command):
    query, params = _parse(command)
    assert len(run(kg5, query, params)) > 0, command
