"""Helpers of the cluster tests: a free port, a Dask scheduler and workers as processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """A ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, always stopped."""

    def __init__(self, workdir: Path, workers: int = 2) -> None:
        self.address = f"tcp://127.0.0.1:{free_port()}"
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
        dask = [sys.executable, "-m", "dask"]
        self.procs: list[subprocess.Popen] = []
        log = open(workdir / "dask.log", "wb")  # noqa: SIM115 - closed in stop()
        self._log = log
        try:
            self.scheduler = self._start([*dask, "scheduler", "--host", "127.0.0.1", "--port",
                                          self.address.rsplit(":", 1)[1], "--no-dashboard"], env, workdir)
            # no nanny: the worker is the process itself, so SIGKILL takes it down for good
            self.workers = [self._start([*dask, "worker", self.address, "--nthreads", "1", "--no-nanny",
                                         "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{i}"], env, workdir)
                            for i in range(workers)]
        except BaseException:
            self.stop()
            raise

    def _start(self, cmd: list[str], env: dict, cwd: Path) -> subprocess.Popen:
        p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.kill()  # nothing to save, and a worker's graceful close takes seconds
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self._log.close()
