"""kg.cluster.client: the cluster's address, and a client that starts or reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.cluster.client import connect, parse_cluster
from kg.errors import ClusterError
from tests.cluster._util import free_port

CORPUS = Path(kg.__file__).parent / "corpus"


def test_bad_cluster_spec_is_a_coded_error():
    for spec in ("10.0.0.5", "local:0", "local:x", "tcp://host"):
        with pytest.raises(ClusterError) as exc:
            parse_cluster(spec)
        assert exc.value.code == "E060"
    assert parse_cluster("tls://a.example:8786") == ("scheduler", "tls://a.example:8786")


distributed = pytest.importorskip("distributed")


def test_unreachable_scheduler_is_a_coded_error():
    with pytest.raises(ClusterError, match="no Dask scheduler"):
        with connect(f"tcp://127.0.0.1:{free_port()}", timeout=1):
            pass


def test_local_cluster_from_the_command_line(tmp_path):
    """``--cluster local:1`` starts its own worker process and stops it."""
    doc = CORPUS / "003_50ea69b444730b6f.txt"
    res = CliRunner().invoke(app, ["build", str(doc), "-o", str(tmp_path / "c.nq"), "--cluster", "local:1", "-q"])
    assert res.exit_code == 0, res.output
    kg.build([doc]).save(tmp_path / "l.nq")
    assert (tmp_path / "c.nq").read_bytes() == (tmp_path / "l.nq").read_bytes()
