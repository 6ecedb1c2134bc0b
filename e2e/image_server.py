"""Start and stop a real `ovnstack serve image` (with its identity service) for the e2e tests.

One `ImageServer` owns one temporary directory: an identity service whose catalog names only this image service,
and `ovnstack serve image` on a port picked beforehand. Loopback only; every process is ours and stopped by pid.

    with ImageServer(cluster="e2eimg") as img:
        img.url, img.clouds_yaml, img.token("demo")
"""
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from identity_server import BINARY, IdentityServer
from network_server import free_port, stop_pid, wait_for_line

READY = re.compile(r"image: listening on http://127\.0\.0\.1:(\d+)")


class ImageServer:
    """identity + `ovnstack serve image`; clouds.yaml has `<cluster>` (admin) and `<cluster>-demo` (member)."""

    def __init__(self, cluster="e2eimg", extra_args=()):
        self.cluster = cluster
        self.extra_args = list(extra_args)
        self.workdir = Path(tempfile.mkdtemp(prefix="ovnstack-image-e2e-"))
        self.state_dir = self.workdir / "image-state"
        self.log_path = self.workdir / "image.log"
        self.identity = None
        self.proc = None
        self.port = None

    def start(self, timeout=60.0):
        if not Path(BINARY).exists():
            raise RuntimeError(f"{BINARY} is missing; run `swift build --product ovnstack` first")
        try:
            port = free_port()
            self.identity = IdentityServer(cluster=self.cluster, catalog=["--service", f"image:{port}"])
            self.identity.start()
            self._log = open(self.log_path, "w")
            self.port = self._spawn(port, timeout)
        except BaseException:
            self.cleanup()
            raise
        return self

    def _spawn(self, port, timeout):
        """Starts `ovnstack serve image` on `port` and waits for its ready line; returns the port it listens on."""
        self.proc = subprocess.Popen(
            [str(BINARY), "serve", "image", "--state-dir", str(self.state_dir), "--listen", f"127.0.0.1:{port}",
             "--identity-url", self.identity.url, "--identity-password-file", str(self.identity.state_dir / "admin-password"),
             *self.extra_args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log, bufsize=0)
        match, _ = wait_for_line(self.proc, READY, timeout, "ovnstack serve image")
        # The service prints nothing more on stdout; close our end so it can never block on it.
        self.proc.stdout.close()
        return int(match.group(1))

    def restart(self):
        """Stops the image service and starts it again on the same state directory (a restart loses nothing)."""
        stop_pid(self.proc)
        self._spawn(self.port, 60)

    def cleanup(self):
        stop_pid(self.proc)
        if getattr(self, "_log", None):
            self._log.close()
        if self.identity:
            self.identity.stop()
            self.identity.cleanup()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def clouds_yaml(self):
        return self.identity.clouds_yaml

    def token(self, who="admin"):
        """A token of `who` (admin or demo) scoped to the user's own project."""
        return self.identity.token(who)[0]
