"""An `ovnstack up` cluster of its own for an end-to-end module, and the helpers its tests share: the real
`openstack` CLI and openstacksdk against it, commands in its namespaces, waits.

Needs root (namespaces, OVS, runc). Builds nothing: uses .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OVNSTACK = Path(os.environ.get("OVNSTACK_BIN", ROOT / ".build/debug/ovnstack"))
OPENSTACK = Path(sys.executable).parent / "openstack"

needs_root_and_binary = [
    pytest.mark.skipif(os.geteuid() != 0, reason="ovnstack up needs root (network namespaces, OVS, runc); run as root"),
    pytest.mark.skipif(not OVNSTACK.exists(), reason=f"{OVNSTACK} not built; run swift build --product ovnstack"),
]


class Cloud:
    def __init__(self, name, clouds, state):
        self.name, self.clouds, self.state = name, clouds, state

    def osc(self, *args, demo=True, output=True, check=True, timeout=180):
        env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(self.clouds))
        env.pop("OS_CLOUD", None)
        cloud = self.name + ("-demo" if demo else "")
        proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args, *(["-f", "json"] if output else [])], env=env,
                              capture_output=True, text=True, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"openstack {' '.join(args)} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        if not output or not check:
            return proc
        return json.loads(proc.stdout) if proc.stdout.strip() else None

    def sdk(self, demo=True):
        import openstack
        config = openstack.config.OpenStackConfig(config_files=[str(self.clouds)])
        return openstack.connection.Connection(config=config.get_one(self.name + ("-demo" if demo else "")))

    def netns(self, suffix):
        return f"{self.name}-{suffix}"

    def instance_netns(self, server_id, host):
        return f"{self.name}-{host}-vm-{server_id}"

    def run_in(self, netns, *command, check=True, timeout=30):
        proc = subprocess.run(["ip", "netns", "exec", netns, *command], capture_output=True, text=True, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"{' '.join(command)} in {netns} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        return proc


@contextlib.contextmanager
def cluster(prefix):
    """Brings a uniquely named cluster up, yields its `Cloud`, takes it down with --purge and checks that no
    namespace of it is left."""
    name = prefix + uuid.uuid4().hex[:6]
    tmp = Path(tempfile.mkdtemp(prefix=f"ovnstack-e2e-{name}-"))
    state, clouds = tmp / "state", tmp / "clouds.yaml"
    options = ["--name", name, "--state-dir", str(state), "--clouds-yaml", str(clouds)]
    try:
        up = subprocess.run([str(OVNSTACK), "up", *options], capture_output=True, text=True, timeout=300)
        assert up.returncode == 0, f"up failed\n{up.stdout}\n{up.stderr}"
        print(up.stdout)
        yield Cloud(name, clouds, state)
    finally:
        down = subprocess.run([str(OVNSTACK), "down", "--purge", *options], capture_output=True, text=True, timeout=180)
        assert down.returncode == 0, f"down failed\n{down.stdout}\n{down.stderr}"
        clouds.unlink(missing_ok=True)
        tmp.rmdir()
        leftovers = [ns for ns in netns_list() if ns.startswith(name + "-")]
        assert leftovers == [], f"namespaces left behind: {leftovers}"


def netns_list():
    return [line.split()[0] for line in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.splitlines() if line.strip()]


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def host_of(cloud, server_id):
    return cloud.osc("server", "show", server_id, demo=False)["OS-EXT-SRV-ATTR:host"]


def ports_of(cloud, server_id):
    return cloud.osc("port", "list", "--device-id", server_id, demo=False)


def ovs_interfaces(cloud, host):
    proc = subprocess.run([str(OVNSTACK), "vsctl", "--name", cloud.name, "--state-dir", str(cloud.state), host, "list-ports", "br-int"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def wait_for(predicate, timeout=60, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def pid_of(cloud, node, service):
    return int((cloud.state / node / "run" / f"{service}.pid").read_text())
