"""kg.cluster.shards: the build's sorted shards merged, in rounds when there are many."""

from __future__ import annotations

from kg.builder import BuildReport
from kg.cluster import shards
from kg.cluster.shards import ClusterBuild


def test_many_shards_merge_in_rounds_into_one_sorted_stream(tmp_path, monkeypatch):
    monkeypatch.setattr(shards, "_FAN_IN", 2)  # five shards: two rounds of merges
    lines = [f"<urn:s{i:02d}> <urn:p> <urn:o> <urn:g{i % 5}> .\n" for i in range(20)]
    paths = []
    for k in range(5):
        path = tmp_path / f"shard-{k}.nq"
        path.write_text("".join(sorted(ln for ln in lines if ln.endswith(f"g{k}> .\n"))), encoding="utf-8")
        paths.append(path)
    work = tmp_path / "work"
    work.mkdir()
    with ClusterBuild(BuildReport(), {}, work, shards=paths) as built:
        assert list(built.nquad_lines()) == sorted(lines)
        built.save(tmp_path / "all.nq")
    assert (tmp_path / "all.nq").read_text(encoding="utf-8") == "".join(sorted(lines))
    assert not work.exists()  # closed: the shards' directory is gone
