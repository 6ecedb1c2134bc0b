"""Start and stop a real `ovnstack serve network` for the e2e tests, the tempest run and the benchmark.

One `NetworkServer` owns, in one temporary directory:
  * a private OVN Northbound ovsdb-server (fresh database from /usr/share/ovn/ovn-nb.ovsschema, unix socket only),
  * an identity service (identity_server.IdentityServer) whose catalog names only this network service,
  * `ovnstack serve network`, listening on a port picked beforehand so the catalog can name it.

Loopback only. Every process is started here, in the foreground, and stopped by its pid (SIGTERM, then SIGKILL);
the ovsdb-server first gets `ovs-appctl -t <ctl> exit`. `cleanup()` removes the directory.

    with NetworkServer(cluster="e2enet") as net:
        net.url, net.clouds_yaml, net.nbctl("ls-list"), net.admin_token()
"""
import json
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity_server import BINARY, IdentityServer  # noqa: E402

NB_SCHEMA = Path(os.environ.get("OVN_NB_SCHEMA", "/usr/share/ovn/ovn-nb.ovsschema"))
SB_SCHEMA = Path(os.environ.get("OVN_SB_SCHEMA", "/usr/share/ovn/ovn-sb.ovsschema"))
READY = re.compile(r"network: listening on http://127\.0\.0\.1:(\d+)")


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now (the service binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_pid(proc, timeout=10):
    """Stop a child we started: SIGTERM, then SIGKILL after `timeout` seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_for_line(proc, pattern, timeout, what):
    """Read the unbuffered binary proc.stdout until a line matches `pattern`.

    Returns (match, bytes read after that line); raises when the process exits or time runs out first.
    """
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + timeout
    buf = b""
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not sel.select(timeout=max(0.0, min(0.5, deadline - time.monotonic()))):
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, _, rest = buf.partition(b"\n")
                match = pattern.search(line.decode(errors="replace"))
                if match:
                    return match, rest
                buf = rest
    try:
        code = proc.wait(timeout=2)
        why = f"exited with code {code}"
    except subprocess.TimeoutExpired:
        why = f"printed no ready line within {timeout}s"
    raise RuntimeError(f"{what} {why}; unread stdout: {buf.decode(errors='replace')!r}")


def _from_ovsdb(value):
    if isinstance(value, list) and len(value) == 2 and value[0] in ("uuid", "named-uuid"):
        return value[1]
    if isinstance(value, list) and len(value) == 2 and value[0] == "set":
        return [_from_ovsdb(v) for v in value[1]]
    if isinstance(value, list) and len(value) == 2 and value[0] == "map":
        return {_from_ovsdb(k): _from_ovsdb(v) for k, v in value[1]}
    return value


def as_list(value):
    """An OVSDB set column value from OVNNorthbound.find as a list."""
    return value if isinstance(value, list) else [value]


class OVNNorthbound:
    """A private OVN central in `directory`: the NB ovsdb-server on a unix socket, plus an SB and a real
    ovn-northd, so that what northd writes back to the NB (`up` of router ports) is there as in a cloud."""

    def __init__(self, directory):
        self.dir = Path(directory)
        self.db = self.dir / "nb.db"
        self.sock = self.dir / "nb.sock"
        self.pidfile = self.dir / "nb.pid"
        self.ctl = self.dir / "nb.ctl"
        self.log_path = self.dir / "nb.log"
        self.proc = None
        self.sb_db, self.sb_sock, self.sb_ctl = self.dir / "sb.db", self.dir / "sb.sock", self.dir / "sb.ctl"
        self.northd_ctl = self.dir / "northd.ctl"
        self.sb_proc = self.northd = None

    @property
    def sb_remote(self):
        return f"unix:{self.sb_sock}"

    @property
    def remote(self):
        return f"unix:{self.sock}"

    def start(self, timeout=20.0):
        self.dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(["ovsdb-tool", "create", str(self.db), str(NB_SCHEMA)], check=True, capture_output=True, text=True)
        self.proc = subprocess.Popen(
            ["ovsdb-server", str(self.db), f"--remote=punix:{self.sock}", f"--pidfile={self.pidfile}",
             f"--unixctl={self.ctl}", f"--log-file={self.log_path}", "-vconsole:off"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not self.sock.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"ovsdb-server (NB) did not come up; log: {self._log_text()}")
            time.sleep(0.05)
        self.nbctl("init")
        subprocess.run(["ovsdb-tool", "create", str(self.sb_db), str(SB_SCHEMA)], check=True, capture_output=True, text=True)
        self.sb_proc = subprocess.Popen(
            ["ovsdb-server", str(self.sb_db), f"--remote=punix:{self.sb_sock}", f"--unixctl={self.sb_ctl}",
             f"--log-file={self.dir / 'sb.log'}", "-vconsole:off"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not self.sb_sock.exists():
            if self.sb_proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("ovsdb-server (SB) did not come up")
            time.sleep(0.05)
        self.northd = subprocess.Popen(
            ["ovn-northd", f"--ovnnb-db={self.remote}", f"--ovnsb-db={self.sb_remote}", f"--unixctl={self.northd_ctl}",
             f"--log-file={self.dir / 'northd.log'}", "-vconsole:off"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def nbctl(self, *args, check=True):
        proc = subprocess.run(["ovn-nbctl", f"--db={self.remote}", "--timeout=20", *args],
                              capture_output=True, text=True, timeout=30)
        if check and proc.returncode != 0:
            raise RuntimeError(f"ovn-nbctl {' '.join(args)} failed rc={proc.returncode}: {proc.stderr.strip()}")
        return proc.stdout

    def find(self, table, *conditions, columns=None):
        """Rows of `table` matching ovn-nbctl `find` conditions (e.g. "name=neutron-<id>").

        Each row is a dict column -> Python value: uuids as strings, maps as dicts, sets as lists (a set of one
        element is that element, as OVSDB writes it; see as_list).
        """
        args = ["--format=json"]
        if columns:
            args.append("--columns=" + ",".join(columns))
        out = json.loads(self.nbctl(*args, "find", table, *conditions))
        return [{h: _from_ovsdb(v) for h, v in zip(out["headings"], row)} for row in out["data"]]

    def rows(self, table, *records):
        """The rows of `table` named by `records` (uuids or names), like find()."""
        if not records:
            return []
        out = json.loads(self.nbctl("--format=json", "list", table, *records))
        return [{h: _from_ovsdb(v) for h, v in zip(out["headings"], row)} for row in out["data"]]

    def get(self, table, record, column):
        """One column of one record (by name or uuid) in ovn-nbctl's JSON-ish text form, e.g. '{"k"="v"}'."""
        return self.nbctl("get", table, record, column).strip()

    def _log_text(self):
        return self.log_path.read_text() if self.log_path.exists() else ""

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def stop(self):
        for proc, ctl in ((self.northd, self.northd_ctl), (self.sb_proc, self.sb_ctl)):
            if proc is not None and proc.poll() is None:
                if ctl.exists():
                    subprocess.run(["ovs-appctl", "-t", str(ctl), "exit"], capture_output=True, timeout=10)
                    try:
                        proc.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        pass
                stop_pid(proc)
        if self.proc is None or self.proc.poll() is not None:
            return
        if self.ctl.exists():
            subprocess.run(["ovs-appctl", "-t", str(self.ctl), "exit"], capture_output=True, timeout=10)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        stop_pid(self.proc)


class NetworkServer:
    """NB + identity + `ovnstack serve network` in one temporary directory; clouds.yaml has `<cluster>`, `<cluster>-demo`."""

    def __init__(self, cluster="e2enet", flat_network=None, underlay_mtu=None, extra_args=(), identity_args=(),
                 binary=None):
        self.cluster = cluster
        self.flat_network = flat_network
        self.underlay_mtu = underlay_mtu
        self.extra_args = list(extra_args)
        self.identity_args = list(identity_args)
        self.binary = Path(binary or os.environ.get("OVNSTACK_NETWORK_BIN") or BINARY)
        self.workdir = Path(tempfile.mkdtemp(prefix="ovnstack-network-e2e-"))
        self.state_dir = self.workdir / "network-state"
        self.pidfile = self.workdir / "network.pid"
        self.log_path = self.workdir / "network.log"
        self.nb = OVNNorthbound(self.workdir / "ovn")
        self.identity = None
        self.proc = None
        self.port = None
        self._drain = None

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def start(self, timeout=60.0):
        if not self.binary.exists():
            raise RuntimeError(f"{self.binary} is missing; run `swift build --product ovnstack` first")
        try:
            self.nb.start()
            port = free_port()
            self.identity = IdentityServer(cluster=self.cluster, catalog=["--service", f"network:{port}"],
                                           extra_args=self.identity_args)
            self.identity.start()
            cmd = [str(self.binary), "serve", "network", "--state-dir", str(self.state_dir),
                   "--listen", f"127.0.0.1:{port}", "--nb", self.nb.remote, "--sb", self.nb.sb_remote,
                   "--identity-url", self.identity.url,
                   "--identity-password-file", str(self.identity.state_dir / "admin-password"),
                   "--pidfile", str(self.pidfile)]
            if self.flat_network:
                cmd += ["--flat-network", self.flat_network]
            if self.underlay_mtu:
                cmd += ["--underlay-mtu", str(self.underlay_mtu)]
            cmd += self.extra_args
            self.command = cmd
            self._log = open(self.log_path, "w")
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log,
                                         bufsize=0)
            match, rest = wait_for_line(self.proc, READY, timeout, "ovnstack serve network")
            self._log.write(match.string + "\n" + rest.decode(errors="replace"))
            self._log.flush()
            self.port = int(match.group(1))
            if self.port != port:
                raise RuntimeError(f"serve network listens on {self.port}, asked for {port}")
            # Keep reading stdout into the log, so a chatty server never blocks on a full pipe.
            self._drain = threading.Thread(target=self._copy_stdout, daemon=True)
            self._drain.start()
        except BaseException:
            log = self.log_path.read_text() if self.log_path.exists() else ""
            self.cleanup()
            if log:
                sys.stderr.write(f"serve network log:\n{log}\n")
            raise
        return self

    def _copy_stdout(self):
        fd = self.proc.stdout.fileno()
        try:
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                self._log.write(chunk.decode(errors="replace"))
                self._log.flush()
        except (ValueError, OSError):
            pass

    def stop(self):
        stop_pid(self.proc)
        if self._drain:
            self._drain.join(timeout=5)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "_log", None):
            self._log.close()
        if self.identity:
            self.identity.stop()
        self.nb.stop()

    def cleanup(self):
        self.stop()
        if self.identity:
            self.identity.cleanup()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    # -- access ------------------------------------------------------------------------------------------------
    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def clouds_yaml(self):
        return self.identity.clouds_yaml

    def password(self, who):
        return self.identity.password(who)

    def nbctl(self, *args, check=True):
        return self.nb.nbctl(*args, check=check)

    def token(self, who="admin", project=None):
        """(token id, token body) for `who` (admin or demo) scoped to `project` (default: the user's own project)."""
        return self.identity.token(who, project)

    def admin_token(self):
        return self.token("admin")[0]

    def extensions(self, token=None):
        """The aliases GET /v2.0/extensions returns."""
        r = requests.get(f"{self.url}/v2.0/extensions", headers={"X-Auth-Token": token or self.admin_token()}, timeout=30)
        r.raise_for_status()
        return sorted(e["alias"] for e in r.json()["extensions"])


if __name__ == "__main__":
    # Manual use: start everything, print how to reach it, wait for Ctrl-C.
    import argparse
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cluster", default="netdev")
    parser.add_argument("--flat-network")
    parser.add_argument("--underlay-mtu", type=int)
    args = parser.parse_args()
    with NetworkServer(cluster=args.cluster, flat_network=args.flat_network, underlay_mtu=args.underlay_mtu) as net:
        print(f"network  {net.url} (pid {net.pid}, log {net.log_path})")
        print(f"identity {net.identity.url}")
        print(f"NB       {net.nb.remote}")
        print(f"export OS_CLIENT_CONFIG_FILE={net.clouds_yaml} OS_CLOUD={net.cluster}")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
