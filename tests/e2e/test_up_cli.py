"""End-to-end: `ovnstack up` runs identity on 127.0.0.1 and writes clouds.yaml; the real `openstack` CLI uses it.

Needs root (namespaces, OVS). Builds nothing: uses .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OVNSTACK = Path(os.environ.get("OVNSTACK_BIN", ROOT / ".build/debug/ovnstack"))
OPENSTACK = Path(sys.executable).parent / "openstack"

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="ovnstack up needs root (network namespaces, OVS); run as root"),
    pytest.mark.skipif(not OVNSTACK.exists(), reason=f"{OVNSTACK} not built; run swift build --product ovnstack"),
]


@pytest.fixture(scope="module")
def cluster():
    name = "e" + uuid.uuid4().hex[:6]
    tmp = Path(tempfile.mkdtemp(prefix=f"ovnstack-e2e-{name}-"))
    state, clouds = tmp / "state", tmp / "clouds.yaml"
    options = ["--name", name, "--state-dir", str(state), "--clouds-yaml", str(clouds)]
    try:
        up = subprocess.run([str(OVNSTACK), "up", "--computes", "1", *options], capture_output=True, text=True, timeout=180)
        assert up.returncode == 0, f"up failed\n{up.stdout}\n{up.stderr}"
        assert up.stdout.rstrip().endswith(f"export OS_CLOUD={name}")
        yield name, clouds
    finally:
        down = subprocess.run([str(OVNSTACK), "down", "--purge", *options], capture_output=True, text=True, timeout=120)
        assert down.returncode == 0, f"down failed\n{down.stdout}\n{down.stderr}"
        assert name not in clouds.read_text()
        clouds.unlink(missing_ok=True)
        tmp.rmdir()


def openstack(cluster, cloud, *args):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(cluster[1]))
    env.pop("OS_CLOUD", None)
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args, "-f", "json"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"openstack {' '.join(args)} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout)


@pytest.mark.parametrize("suffix", ["", "-demo"])
def test_token_issue(cluster, suffix):
    token = openstack(cluster, cluster[0] + suffix, "token", "issue")
    assert token["id"] and token["project_id"]


def test_catalog_list(cluster):
    catalog = openstack(cluster, cluster[0], "catalog", "list")
    # Only what the cluster runs is in the catalog.
    assert {entry["Type"] for entry in catalog} == {"identity", "network"}
    identity = next(entry for entry in catalog if entry["Type"] == "identity")
    assert "http://127.0.0.1:" in json.dumps(identity["Endpoints"])
