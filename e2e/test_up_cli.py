"""End-to-end: `ovnstack up` runs identity, networking and image on 127.0.0.1 and writes clouds.yaml; the real
`openstack` CLI uses them: the networks `up` creates, and routers and floating IPs from the host shell.

Needs root (namespaces, OVS). Builds nothing: uses .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import json
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from ovnstack_cluster import OPENSTACK, OVNSTACK, needs_root_and_binary

pytestmark = needs_root_and_binary


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
        yield name, clouds, state
    finally:
        down = subprocess.run([str(OVNSTACK), "down", "--purge", *options], capture_output=True, text=True, timeout=120)
        assert down.returncode == 0, f"down failed\n{down.stdout}\n{down.stderr}"
        assert name not in clouds.read_text()
        clouds.unlink(missing_ok=True)
        tmp.rmdir()


def openstack(cluster, cloud, *args, output=True):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(cluster[1]))
    env.pop("OS_CLOUD", None)
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args, *(["-f", "json"] if output else [])], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"openstack {' '.join(args)} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout) if output else proc.stdout


def nbctl(cluster, *args):
    proc = subprocess.run([str(OVNSTACK), "nbctl", "--name", cluster[0], "--state-dir", str(cluster[2]), *args],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("suffix", ["", "-demo"])
def test_token_issue(cluster, suffix):
    token = openstack(cluster, cluster[0] + suffix, "token", "issue")
    assert token["id"] and token["project_id"]


def test_catalog_list(cluster):
    catalog = openstack(cluster, cluster[0], "catalog", "list")
    # Only what the cluster runs is in the catalog.
    assert {entry["Type"] for entry in catalog} == {"identity", "network", "image", "compute"}
    identity = next(entry for entry in catalog if entry["Type"] == "identity")
    assert "http://127.0.0.1:" in json.dumps(identity["Endpoints"])


def test_image_create_list_delete_from_the_host_shell(cluster, tmp_path):
    disk = tmp_path / "disk.raw"
    disk.write_bytes(os.urandom(65536))
    demo = cluster[0] + "-demo"
    image = openstack(cluster, demo, "image", "create", "--file", str(disk), "up-image")
    assert openstack(cluster, demo, "image", "show", image["id"])["status"] == "active"
    assert "up-image" in [i["Name"] for i in openstack(cluster, demo, "image", "list")]
    openstack(cluster, demo, "image", "delete", image["id"], output=False)


def test_up_created_the_cloud_networks(cluster):
    admin, demo = cluster[0], cluster[0] + "-demo"
    public = openstack(cluster, admin, "network", "show", "public")
    assert public["router:external"] is True and public["provider:network_type"] == "flat"
    assert public["provider:physical_network"] == "physnet1"
    subnet = openstack(cluster, admin, "subnet", "show", public["subnets"][0])
    assert subnet["cidr"] == "203.0.113.0/24" and subnet["gateway_ip"] == "203.0.113.254" and subnet["enable_dhcp"] is False
    # The demo project sees public (external) and its own network and router.
    names = {n["Name"] for n in openstack(cluster, demo, "network", "list")}
    assert {"public", "demo-net"} <= names
    router = openstack(cluster, demo, "router", "show", "demo-router")
    assert router["external_gateway_info"]["network_id"] == public["id"]
    assert f"neutron-{router['id']}" in nbctl(cluster, "lr-list")


def test_router_and_floating_ip_from_the_host_shell(cluster):
    demo = cluster[0] + "-demo"
    net = openstack(cluster, demo, "network", "create", "cli-net")
    sub = openstack(cluster, demo, "subnet", "create", "--network", "cli-net", "--subnet-range", "10.70.0.0/24", "cli-sub")
    router = openstack(cluster, demo, "router", "create", "cli-router")
    lr = f"neutron-{router['id']}"
    openstack(cluster, demo, "router", "add", "subnet", "cli-router", "cli-sub", output=False)
    assert "10.70.0.1/24" in nbctl(cluster, "show", lr)
    openstack(cluster, demo, "router", "set", "--external-gateway", "public", "cli-router", output=False)
    gateway = openstack(cluster, demo, "router", "show", "cli-router")["external_gateway_info"]
    gateway_ip = gateway["external_fixed_ips"][0]["ip_address"]
    nat = nbctl(cluster, "lr-nat-list", lr)
    assert "snat" in nat and gateway_ip in nat and "10.70.0.0/24" in nat
    assert "0.0.0.0/0" in nbctl(cluster, "lr-route-list", lr)

    port = openstack(cluster, demo, "port", "create", "--network", "cli-net", "cli-port")
    fip = openstack(cluster, demo, "floating", "ip", "create", "public")
    assert fip["status"] == "DOWN" and fip["port_id"] is None
    openstack(cluster, demo, "floating", "ip", "set", "--port", "cli-port", fip["id"], output=False)
    shown = openstack(cluster, demo, "floating", "ip", "show", fip["id"])
    assert shown["port_id"] == port["id"] and shown["status"] == "ACTIVE"
    assert shown["fixed_ip_address"] == port["fixed_ips"][0]["ip_address"]
    nat = nbctl(cluster, "lr-nat-list", lr)
    assert "dnat_and_snat" in nat and fip["floating_ip_address"] in nat
    openstack(cluster, demo, "floating", "ip", "unset", "--port", fip["id"], output=False)
    assert "dnat_and_snat" not in nbctl(cluster, "lr-nat-list", lr)

    # Deleting the router while it has an interface is refused with Neutron's RouterInUse.
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(cluster[1]))
    env.pop("OS_CLOUD", None)
    refused = subprocess.run([str(OPENSTACK), "--os-cloud", demo, "router", "delete", "cli-router"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "has ports still attached: " in refused.stderr, refused.stderr

    openstack(cluster, demo, "floating", "ip", "delete", fip["id"], output=False)
    openstack(cluster, demo, "port", "delete", "cli-port", output=False)
    openstack(cluster, demo, "router", "remove", "subnet", "cli-router", "cli-sub", output=False)
    openstack(cluster, demo, "router", "unset", "--external-gateway", "cli-router", output=False)
    openstack(cluster, demo, "router", "delete", "cli-router", output=False)
    assert lr not in nbctl(cluster, "lr-list")
    openstack(cluster, demo, "network", "delete", net["id"], output=False)
    assert f"neutron-{net['id']}" not in nbctl(cluster, "ls-list")


def sbctl(cluster, *args):
    proc = subprocess.run([str(OVNSTACK), "sbctl", "--name", cluster[0], "--state-dir", str(cluster[2]), *args],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_network_agent_list_shows_the_real_chassis(cluster):
    """`openstack network agent list` shows each node's ovn-controller (the gateway's as a gateway agent) and the
    compute node's metadata agent, alive: listing bumps NB_Global.nb_cfg and the real ovn-controllers catch up."""
    admin, demo = cluster[0], cluster[0] + "-demo"
    agents = openstack(cluster, admin, "network", "agent", "list")
    by_type = sorted(a["Agent Type"] for a in agents)
    assert by_type == ["OVN Controller Gateway agent", "OVN Controller agent", "OVN Metadata agent"], agents
    assert all(a["Alive"] in (True, ":-)") for a in agents), agents
    chassis = {line.strip() for line in sbctl(cluster, "--bare", "--columns=name", "list", "Chassis").split() if line.strip()}
    controllers = {a["ID"] for a in agents if a["Binary"] == "ovn-controller"}
    assert controllers == chassis
    metadata = next(a for a in agents if a["Agent Type"] == "OVN Metadata agent")
    compute = next(a for a in agents if a["Agent Type"] == "OVN Controller agent")
    assert metadata["Host"] == compute["Host"]

    # The list asked for a sign of life; every real ovn-controller answers by copying nb_cfg into Chassis_Private.
    nb_cfg = int(nbctl(cluster, "get", "NB_Global", ".", "nb_cfg").strip())
    assert nb_cfg >= 1
    deadline = time.time() + 30
    while True:
        answered = [int(v) for v in sbctl(cluster, "--bare", "--columns=nb_cfg", "list", "Chassis_Private").split()]
        if len(answered) == 2 and all(v >= nb_cfg for v in answered):
            break
        assert time.time() < deadline, f"chassis did not catch up with nb_cfg {nb_cfg}: {answered}"
        time.sleep(0.2)

    openstack(cluster, admin, "network", "agent", "set", "--description", "the compute node", compute["ID"], output=False)
    assert openstack(cluster, admin, "network", "agent", "show", compute["ID"])["description"] == "the compute node"
    # A member sees no agents.
    assert openstack(cluster, demo, "network", "agent", "list") == []
