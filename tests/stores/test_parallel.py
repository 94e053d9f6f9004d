"""`kg build --jobs N` extracts in worker processes; the output is byte-identical to a serial build."""

from __future__ import annotations

import shutil

import kg
from kg.extract.pipeline import DEFAULT_PIPELINE
from kg.rdf.io import serialize

FAST = [c for c in DEFAULT_PIPELINE if c != "ner"]


def test_cli_jobs_2_is_byte_identical_to_serial(run_kg, built_trig, tmp_path):
    out = tmp_path / "parallel.trig"
    res = run_kg("build", "--jobs", "2", "-o", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == built_trig.read_bytes()


def test_api_jobs_many_documents_and_a_bad_one(corpus_paths, tmp_path):
    """More documents than workers, in several chunks, with an unreadable one in the middle:
    same bytes, same order of skipped inputs, whatever the number of jobs."""
    docs = []
    for i in range(3):
        for p in corpus_paths:
            q = tmp_path / f"{i}_{p.name}"
            shutil.copy(p, q)
            docs.append(q)
    bad = tmp_path / "1_zz_bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    docs.insert(7, bad)
    serial = kg.build(docs, pipeline=FAST, jobs=1)
    outputs = {}
    for jobs in (2, 3):
        seen = []
        g = kg.build(docs, pipeline=FAST, jobs=jobs, progress=lambda d, t, n: seen.append((d, t)))
        assert seen == [(i + 1, len(docs)) for i in range(len(docs))]
        assert [s.path for s in g.report.skipped] == [s.path for s in serial.report.skipped] == [str(bad)]
        outputs[jobs] = serialize(g.dataset, "nquads")  # .trig bytes: the CLI test above
    assert outputs[2] == outputs[3] == serialize(serial.dataset, "nquads")
    assert len(serial.report.documents) == 15
