"""Run ``kg serve`` in a background process (notebooks, scripts, tests).

>>> from kg.server.process import ServerProcess
>>> with ServerProcess("out/lvliang.trig", timeout=5) as srv:      # doctest: +SKIP
...     import urllib.request
...     urllib.request.urlopen(srv.url + "/health").read()
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["ServerProcess"]

_READY = re.compile(r"SPARQL endpoint (http://\S+)/sparql")


class ServerProcess:
    """``kg serve --port 0`` in a subprocess; ``url`` is its base URL once started."""

    def __init__(self, graph: str | os.PathLike | None = None, *, timeout: float = 10.0, max_rows: int = 10000,
                 workers: int = 2, host: str = "127.0.0.1", start_timeout: float = 180.0,
                 extra_args: list[str] | None = None) -> None:
        self.args = [sys.executable, "-m", "kg.cli", "serve", "--host", host, "--port", "0",
                     "--timeout", str(timeout), "--max-rows", str(max_rows), "--workers", str(workers)]
        if graph is not None:
            self.args += ["--graph", str(graph)]
        self.args += list(extra_args or [])
        self.start_timeout = start_timeout
        self.url: str | None = None
        self.proc: subprocess.Popen | None = None
        self._dir: Path | None = None

    @property
    def log(self) -> str:
        """What the server wrote so far (stdout, then stderr)."""
        if self._dir is None:
            return ""
        return "".join((self._dir / n).read_text("utf-8", "replace") for n in ("stdout", "stderr")
                       if (self._dir / n).exists())

    def start(self) -> ServerProcess:
        self._dir = Path(tempfile.mkdtemp(prefix="kg-serverproc-"))
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "400"}
        with open(self._dir / "stdout", "wb") as out, open(self._dir / "stderr", "wb") as err:
            self.proc = subprocess.Popen(self.args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            m = _READY.search((self._dir / "stdout").read_text("utf-8", "replace"))
            if m:
                self.url = m.group(1)
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        log = self.log
        self.stop()
        raise RuntimeError(f"kg serve did not start: {log[-2000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
