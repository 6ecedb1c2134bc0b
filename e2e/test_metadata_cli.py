"""End-to-end: the seed's end goal on `ovnstack up` — a server on demo-net gets its metadata through the
metadata agent of its node, a floating IP, and the outside world (`ext`) pings it and logs in with ssh; in the
guest its hostname, meta_data.json, the EC2 public-ipv4 and the way out through the gateway; a second server on
the other node pings it; `ovnstack launch` + `ovnstack ssh`; the metadata path's security and faults.

Needs root (namespaces, OVS, runc). Builds nothing: uses .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import hashlib
import hmac
import json
import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from ovnstack_cluster import OVNSTACK, cluster, host_of, needs_root_and_binary, netns_list, pid_of, ports_of, unique, wait_for

pytestmark = needs_root_and_binary

SSH_OPTIONS = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-o", "BatchMode=yes"]


@pytest.fixture(scope="module")
def cloud():
    with cluster("m") as c:
        yield c


@pytest.fixture(scope="module")
def vm(cloud, tmp_path_factory):
    """A server with a key and a floating IP that answers ssh from `ext`, shared by the tests of this module."""
    key = tmp_path_factory.mktemp("key") / "k"
    name = unique("k")
    cloud.osc("keypair", "create", "--private-key", str(key), name)
    key.chmod(0o600)
    for rule in (["--protocol", "icmp"], ["--protocol", "tcp", "--dst-port", "22"]):
        cloud.osc("security", "group", "rule", "create", *rule, "default", check=False)
    started = time.monotonic()
    server = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                       "--key-name", name, "--wait", unique("meta"))
    fip = cloud.osc("floating", "ip", "create", "public")["floating_ip_address"]
    cloud.osc("server", "add", "floating", "ip", server["id"], fip, output=False)
    guest = Guest(cloud, server, key, fip)
    wait_for(lambda: guest.ssh("true", check=False).returncode == 0, timeout=60, what=f"ssh cirros@{fip}")
    print(f"server ACTIVE with a floating IP that answers ssh: {time.monotonic() - started:.2f} s")
    yield guest
    cloud.osc("server", "delete", "--wait", server["id"], output=False)
    cloud.osc("floating", "ip", "delete", fip, output=False)
    cloud.osc("keypair", "delete", name, output=False)


class Guest:
    def __init__(self, cloud, server, key, fip):
        self.cloud, self.server, self.key, self.fip = cloud, server, key, fip
        self.id, self.name = server["id"], server["name"]
        self.host = host_of(cloud, self.id)
        self.netns = cloud.instance_netns(self.id, self.host)

    def ssh(self, command, check=True, timeout=30):
        return self.cloud.run_in(self.cloud.netns("ext"), "ssh", "-i", str(self.key), *SSH_OPTIONS, f"cirros@{self.fip}", command,
                                 check=check, timeout=timeout)

    def fixed_ip(self):
        return [a for a in self.cloud.osc("server", "show", self.id)["addresses"]["demo-net"] if a != self.fip][0]


def metadata_namespaces(cloud, node):
    return [ns for ns in netns_list() if ns.startswith(f"{cloud.name}-{node}-meta-")]


def demo_net_id(cloud):
    return cloud.osc("network", "show", "demo-net")["id"]


def test_guest_reaches_its_metadata_and_the_outside_reaches_the_guest(cloud, vm):
    assert vm.ssh("hostname").stdout.strip() == vm.name
    meta = json.loads(vm.ssh("curl -s http://169.254.169.254/openstack/latest/meta_data.json").stdout)
    assert meta["uuid"] == vm.id and meta["name"] == vm.name, meta
    authorized = vm.ssh("cat .ssh/authorized_keys").stdout
    assert list(meta["public_keys"].values())[0].split()[1] in authorized
    # The metadata service caches an instance's data for 15 s (as Nova does): the floating IP shows once it expires.
    public = "curl -s http://169.254.169.254/latest/meta-data/public-ipv4"
    wait_for(lambda: vm.ssh(public, check=False).stdout.strip() == vm.fip, timeout=40, interval=2, what="public-ipv4 = the floating IP")
    assert vm.ssh("curl -s http://169.254.169.254/latest/meta-data/local-ipv4").stdout.strip() == vm.fixed_ip()
    assert vm.ssh("ping -c 1 -W 2 203.0.113.254", check=False).returncode == 0, "no way out through the gateway"
    # The metadata namespace of demo-net is on the guest's node, with the metadata address and the port's IP.
    namespaces = metadata_namespaces(cloud, vm.host)
    assert namespaces == [f"{cloud.name}-{vm.host}-meta-{demo_net_id(cloud)}"], namespaces
    addresses = cloud.run_in(namespaces[0], "ip", "-o", "-4", "addr").stdout
    assert "169.254.169.254/32" in addresses, addresses


def test_a_second_server_on_the_other_node_pings_the_first_and_deleting_it_leaves_nothing(cloud, vm):
    other = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                      "--hint", f"different_host={vm.id}", "--wait", unique("peer"))
    host = host_of(cloud, other["id"])
    assert host != vm.host
    ns = cloud.instance_netns(other["id"], host)
    wait_for(lambda: cloud.run_in(ns, "ping", "-c1", "-W1", vm.fixed_ip(), check=False).returncode == 0, timeout=30,
             what="the second server pinging the first across the tunnel")
    wait_for(lambda: metadata_namespaces(cloud, host), timeout=10, what=f"the metadata namespace on {host}")
    cloud.osc("server", "delete", "--wait", other["id"], output=False)
    assert ports_of(cloud, other["id"]) == []
    assert ns not in netns_list()
    # Its node has no instance of demo-net any more: the metadata namespace goes with the last one.
    wait_for(lambda: metadata_namespaces(cloud, host) == [], timeout=15, what=f"the metadata namespace on {host} to go")
    assert metadata_namespaces(cloud, vm.host), "the first server's node must keep its namespace"


def sign(secret, instance_id):
    return hmac.new(secret.encode(), instance_id.encode(), hashlib.sha256).hexdigest()


def metadata_request(cloud, path, headers):
    port = json.loads((cloud.state / "cluster.json").read_text())["apiPorts"]["metadata"]
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_signatures_spoofing_and_the_secret(cloud, vm):
    secret = (cloud.state / "ctl" / "metadata-secret").read_text().strip()
    project = cloud.osc("server", "show", vm.id, demo=False)["project_id"]
    good = {"X-Instance-ID": vm.id, "X-Tenant-ID": project, "X-Forwarded-For": vm.fixed_ip()}
    path = "/openstack/latest/meta_data.json"
    assert metadata_request(cloud, path, dict(good, **{"X-Instance-ID-Signature": sign(secret, vm.id)}))[0] == 200
    assert metadata_request(cloud, path, good)[0] == 400
    assert metadata_request(cloud, path, dict(good, **{"X-Instance-ID-Signature": sign("forged", vm.id)}))[0] == 403
    other_project = dict(good, **{"X-Tenant-ID": "0" * 32, "X-Instance-ID-Signature": sign(secret, vm.id)})
    assert metadata_request(cloud, path, other_project)[0] == 404

    # From the guest's namespace with a neighbour's address: port security drops the packets.
    neighbour = vm.fixed_ip().rsplit(".", 1)[0] + ".199"
    cloud.run_in(vm.netns, "ip", "addr", "add", f"{neighbour}/32", "dev", "eth0")
    try:
        spoofed = cloud.run_in(vm.netns, "curl", "-s", "--max-time", "3", "--interface", neighbour,
                               "http://169.254.169.254/openstack/latest/meta_data.json", check=False)
        assert spoofed.returncode != 0, spoofed.stdout
    finally:
        cloud.run_in(vm.netns, "ip", "addr", "del", f"{neighbour}/32", "dev", "eth0", check=False)

    # The secret is in no log and no API answer.
    logs = [p for p in cloud.state.rglob("*") if p.is_file() and p.suffix in (".log", ".out")]
    assert logs and not [str(p) for p in logs if secret in p.read_text(errors="replace")]
    assert secret not in vm.ssh("curl -s http://169.254.169.254/openstack/latest/meta_data.json").stdout


def test_metadata_agent_killed_and_metadata_service_restarted(cloud, vm):
    before = metadata_namespaces(cloud, vm.host)
    agent = pid_of(cloud, vm.host, "metadata-agent")
    os.kill(agent, 9)
    wait_for(lambda: (cloud.state / vm.host / "run/metadata-agent.pid").exists() and pid_of(cloud, vm.host, "metadata-agent") != agent,
             timeout=30, what="the metadata agent restarted")
    uuid_of = "curl -s http://169.254.169.254/openstack/latest/meta_data.json"
    wait_for(lambda: vm.id in vm.ssh(uuid_of, check=False).stdout, timeout=30, what="metadata after the agent restart")
    assert metadata_namespaces(cloud, vm.host) == before

    os.kill(pid_of(cloud, "ctl", "metadata"), 15)
    wait_for(lambda: vm.id in vm.ssh(uuid_of, check=False).stdout, timeout=30, what="metadata after the service restart")


def test_launch_then_ssh(cloud):
    options = ["--name", cloud.name, "--state-dir", str(cloud.state)]
    started = time.monotonic()
    launch = subprocess.run([str(OVNSTACK), "launch", *options, "launched"], capture_output=True, text=True, timeout=180)
    print(launch.stdout)
    assert launch.returncode == 0, f"launch failed\n{launch.stdout}\n{launch.stderr}"
    print(f"ovnstack launch: {time.monotonic() - started:.2f} s")
    ssh = subprocess.run([str(OVNSTACK), "ssh", *options, "launched", "hostname"], capture_output=True, text=True, timeout=60)
    assert ssh.returncode == 0 and ssh.stdout.strip() == "launched", f"{ssh.stdout}\n{ssh.stderr}"
    cloud.osc("server", "delete", "--wait", "launched", output=False)
