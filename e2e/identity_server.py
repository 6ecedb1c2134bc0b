"""Start and stop a real `ovnstack serve identity` for the e2e tests, the tempest run and the benchmark.

Loopback only: the service listens on 127.0.0.1 with a port it picks itself (`--listen 127.0.0.1:0`);
the bound port is read from its first stdout line. It is stopped by its pid (SIGTERM, then SIGKILL).
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
BINARY = Path(os.environ.get("OVNSTACK_BIN", REPO / ".build" / "debug" / "ovnstack"))
READY = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


# The catalog as a whole cloud registers it (the services themselves need not run for these tests).
# Fixtures that run other services pass their own `catalog` (see network_server.py).
CATALOG = ["--service", "network:9696", "--service", "compute:8774/v2.1", "--service", "image:9292"]


class IdentityServer:
    """One identity service in a temporary state directory, with a clouds.yaml for `<cluster>` and `<cluster>-demo`."""

    def __init__(self, cluster="e2e", extra_args=(), catalog=None):
        self.cluster = cluster
        self.extra_args = list(extra_args)
        self.catalog = list(CATALOG if catalog is None else catalog)
        self.workdir = Path(tempfile.mkdtemp(prefix="ovnstack-identity-e2e-"))
        self.state_dir = self.workdir / "state"
        self.clouds_yaml = self.workdir / "clouds.yaml"
        self.log_path = self.workdir / "server.log"
        self.proc = None
        self.port = None

    def start(self, timeout=30.0):
        if not BINARY.exists():
            raise RuntimeError(f"{BINARY} is missing; run `swift build --product ovnstack` first")
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [str(BINARY), "serve", "identity", "--state-dir", str(self.state_dir), "--listen", "127.0.0.1:0",
             "--clouds-yaml", str(self.clouds_yaml), "--cluster", self.cluster, *self.catalog, *self.extra_args],
            stdout=subprocess.PIPE, stderr=self._log, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            match = READY.search(line)
            if match:
                self.port = int(match.group(1))
                return self
        self.stop()
        raise RuntimeError(f"identity service did not start; log: {self.log_path.read_text() if self.log_path.exists() else ''}")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def password(self, who):
        return (self.state_dir / f"{who}-password").read_text().strip()

    def token(self, who="admin", project=None):
        """(token id, token body) for `who` (admin or demo) scoped to `project` (default: the user's own project)."""
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": who, "domain": {"name": "Default"}, "password": self.password(who)}}},
            "scope": {"project": {"name": project or who, "domain": {"name": "Default"}}}}}
        r = requests.post(f"{self.url}/v3/auth/tokens", json=body, timeout=30)
        r.raise_for_status()
        return r.headers["X-Subject-Token"], r.json()["token"]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "_log", None):
            self._log.close()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
