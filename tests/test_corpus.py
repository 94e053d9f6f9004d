"""The bundled corpus: package data found by importlib.resources, identical to ../shared/corpus."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from importlib import resources

from kg.corpus import bundled_paths

STEMS = ["000_03dcd241c001a0f4", "001_f31ba6f2b3a167ac", "002_ada5c33c7faa28a0",
         "003_50ea69b444730b6f", "004_3dc35f487da7a829"]


def test_importlib_resources_finds_the_five_articles():
    root = resources.files("kg.corpus")
    names = sorted(p.name for p in root.iterdir() if p.name.endswith(".txt"))
    assert names == [f"{s}.txt" for s in STEMS]
    for name in names:
        text = (root / name).read_text(encoding="utf-8")
        assert len(text) > 1000 and "吕梁" in text


def test_bundled_paths_are_sorted_files():
    paths = bundled_paths()
    assert [p.stem for p in paths] == STEMS
    assert all(p.is_file() for p in paths)


def test_bundled_corpus_is_byte_identical_to_shared(shared_dir):
    shared = sorted((shared_dir / "corpus").glob("*.txt"))
    assert [p.name for p in shared] == [p.name for p in bundled_paths()]
    for ours, theirs in zip(bundled_paths(), shared):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name


def test_the_installed_package_finds_its_data(tmp_path):
    """From a directory outside the source tree: the corpus, ontology and shapes ship with kg."""
    script = (
        "import hashlib, kg.corpus\n"
        "from importlib import resources\n"
        "print(kg.corpus.__file__)\n"
        "for p in kg.corpus.bundled_paths(): print(p.name, hashlib.sha256(p.read_bytes()).hexdigest())\n"
        "for f in ('lvliang.ttl', 'shapes.ttl'): print(f, len((resources.files('kg.ontology') / f).read_text('utf-8')) > 1000)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    res = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    expected = [f"{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}" for p in bundled_paths()]
    assert lines[1:6] == expected
    assert lines[6:] == ["lvliang.ttl True", "shapes.ttl True"]
