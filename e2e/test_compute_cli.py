"""End-to-end: instances on `ovnstack up` with the real `openstack` CLI and openstacksdk — flavors, keypairs,
servers as runc containers plugged into br-int, their console, power actions, real packets between two
compute nodes and through a floating IP from the `ext` namespace, and a delete that leaves nothing behind.

Needs root (namespaces, OVS, runc). Builds nothing: uses .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from ovnstack_cluster import cluster, host_of, needs_root_and_binary, ovs_interfaces, pid_of, ports_of, unique, wait_for

pytestmark = needs_root_and_binary


@pytest.fixture(scope="module")
def cloud():
    with cluster("v") as c:
        yield c


def test_flavors_and_cirros_are_there(cloud):
    flavors = {f["Name"]: f for f in cloud.osc("flavor", "list")}
    assert {"m1.tiny", "m1.small", "m1.medium"} <= set(flavors)
    assert flavors["m1.tiny"]["RAM"] == 512 and flavors["m1.tiny"]["VCPUs"] == 1
    image = cloud.osc("image", "show", "cirros")
    assert image["status"] == "active" and image["visibility"] == "public"


def test_keypairs_client_generated_and_nova_generated(cloud, tmp_path):
    k = unique("k")
    created = cloud.osc("keypair", "create", "--private-key", str(tmp_path / "k"), k)
    assert created["name"] == k
    assert (tmp_path / "k").read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    shown = cloud.osc("keypair", "show", k)
    assert shown["fingerprint"] == created["fingerprint"]
    generated = cloud.sdk().compute.create_keypair(name=unique("gen"))
    assert generated.private_key.startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert generated.public_key.startswith("ssh-rsa ")
    cloud.osc("keypair", "delete", k, output=False)
    cloud.osc("keypair", "delete", generated.name, output=False)
    assert k not in [x["Name"] for x in cloud.osc("keypair", "list")]


def test_server_lifecycle_console_actions_and_clean_delete(cloud, tmp_path):
    k = unique("k")
    cloud.osc("keypair", "create", "--private-key", str(tmp_path / "k"), k)
    started = time.monotonic()
    server = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                       "--key-name", k, "--wait", unique("vm"))
    print(f"server create --wait: {time.monotonic() - started:.2f} s")
    assert server["status"] == "ACTIVE"
    sid = server["id"]
    host = host_of(cloud, sid)
    assert host in ("c1", "c2")
    assert any(s["ID"] == sid and s["Status"] == "ACTIVE" for s in cloud.osc("server", "list"))
    shown = cloud.osc("server", "show", sid)
    fixed = shown["addresses"]["demo-net"][0] if isinstance(shown["addresses"], dict) else shown["addresses"]
    ports = ports_of(cloud, sid)
    assert len(ports) == 1 and ports[0]["Status"] == "ACTIVE"
    port = ports[0]["ID"]
    tap = "tap" + port[:11]
    assert tap in ovs_interfaces(cloud, host)
    console = wait_for(lambda: (out := cloud.osc("console", "log", "show", sid, output=False).stdout) and "obtained" in out and out,
                       timeout=30, what="the DHCP lease in the console log")
    assert "lease of 10.0.0." in console, console
    print(f"fixed address {fixed}")

    cloud.osc("server", "stop", sid, output=False)
    wait_for(lambda: cloud.osc("server", "show", sid)["status"] == "SHUTOFF", what="SHUTOFF")
    cloud.osc("server", "start", sid, output=False)
    wait_for(lambda: cloud.osc("server", "show", sid)["status"] == "ACTIVE", what="ACTIVE after start")
    cloud.osc("server", "reboot", "--wait", sid, output=False)
    assert cloud.osc("server", "show", sid)["status"] == "ACTIVE"
    cloud.osc("server", "reboot", "--hard", "--wait", sid, output=False)
    assert cloud.osc("server", "show", sid)["status"] == "ACTIVE"

    cloud.osc("server", "delete", "--wait", sid, output=False)
    assert ports_of(cloud, sid) == []
    assert tap not in ovs_interfaces(cloud, host)
    assert cloud.instance_netns(sid, host) not in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    links = cloud.run_in(cloud.netns(host), "ip", "-o", "link").stdout
    assert tap not in links
    agent = cloud.state / host / "compute-agent"
    assert not (agent / "instances" / f"{sid}.json").exists()
    assert not (agent / "guests" / sid).exists()
    assert sid not in Path("/proc/self/mountinfo").read_text()
    cloud.osc("keypair", "delete", k, output=False)


def test_two_nodes_ping_by_fixed_ip_and_the_outside_reaches_a_floating_ip(cloud, tmp_path):
    k = unique("k")
    key = tmp_path / "k"
    cloud.osc("keypair", "create", "--private-key", str(key), k)
    key.chmod(0o600)
    for rule in (["--protocol", "icmp"], ["--protocol", "tcp", "--dst-port", "22"]):
        cloud.osc("security", "group", "rule", "create", *rule, "default", check=False)
    first = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                      "--key-name", k, "--wait", unique("a"))
    second = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                       "--key-name", k, "--hint", f"different_host={first['id']}", "--wait", unique("b"))
    hosts = {host_of(cloud, first["id"]), host_of(cloud, second["id"])}
    assert hosts == {"c1", "c2"}, hosts

    def fixed_ip(server):
        addresses = cloud.osc("server", "show", server["id"])["addresses"]
        return addresses["demo-net"][0]

    a, b = fixed_ip(first), fixed_ip(second)
    ns_a = cloud.instance_netns(first["id"], host_of(cloud, first["id"]))
    wait_for(lambda: cloud.run_in(ns_a, "ping", "-c1", "-W1", b, check=False).returncode == 0, timeout=30,
             what=f"{a} pinging {b} across the geneve tunnel")

    fip = cloud.osc("floating", "ip", "create", "public")["floating_ip_address"]
    cloud.osc("server", "add", "floating", "ip", first["id"], fip, output=False)
    ext = cloud.netns("ext")
    wait_for(lambda: cloud.run_in(ext, "ping", "-c1", "-W1", fip, check=False).returncode == 0, timeout=30,
             what=f"the outside pinging floating IP {fip}")
    ssh = ["ssh", "-i", str(key), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
           "-o", "ConnectTimeout=5", "-o", "BatchMode=yes", f"cirros@{fip}", "hostname"]
    hostname = wait_for(lambda: (p := cloud.run_in(ext, *ssh, check=False)).returncode == 0 and p.stdout.strip(), timeout=60,
                        what=f"ssh cirros@{fip}")
    assert hostname == first["name"]
    addresses = cloud.osc("server", "show", first["id"])["addresses"]["demo-net"]
    assert fip in addresses, addresses

    # A stopped server is off the network like a powered-off VM: neither its floating nor its fixed IP answers
    # (its namespace outlives the guest, so this fails if the guest's addresses stay behind); started, it is back.
    cloud.osc("server", "stop", first["id"], output=False)
    wait_for(lambda: cloud.osc("server", "show", first["id"])["status"] == "SHUTOFF", what="SHUTOFF")
    assert cloud.run_in(ext, "ping", "-c3", "-W1", fip, check=False).returncode != 0, "a stopped server answers its floating IP"
    ns_b = cloud.instance_netns(second["id"], host_of(cloud, second["id"]))
    assert cloud.run_in(ns_b, "ping", "-c2", "-W1", a, check=False).returncode != 0, "a stopped server answers its fixed IP"
    cloud.osc("server", "start", first["id"], output=False)
    wait_for(lambda: cloud.run_in(ext, *ssh, check=False).returncode == 0, timeout=60, what=f"ssh cirros@{fip} after start")

    for server in (first, second):
        cloud.osc("server", "delete", "--wait", server["id"], output=False)
    cloud.osc("floating", "ip", "delete", fip, output=False)
    cloud.osc("keypair", "delete", k, output=False)


def test_sdk_create_server_with_auto_ip_sees_its_floating_ip(cloud):
    conn = cloud.sdk()
    server = conn.create_server(unique("sdk"), image="cirros", flavor="m1.tiny", network="demo-net", wait=True,
                                auto_ip=True, timeout=120)
    try:
        floating = [a["addr"] for addrs in server["addresses"].values() for a in addrs if a.get("OS-EXT-IPS:type") == "floating"]
        assert floating, server["addresses"]
    finally:
        conn.delete_server(server["id"], wait=True, delete_ips=True, timeout=120)


def test_bad_input_gets_nova_errors(cloud):
    bad = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net",
                    "--key-name", "no-such-key", unique("bad"), check=False)
    assert bad.returncode != 0 and "key_name" in bad.stderr, bad.stderr
    huge = unique("huge")  # within the default quota (51200 MB), larger than any node (16384 MB)
    cloud.osc("flavor", "create", "--ram", "32768", "--vcpus", "1", "--disk", "1", huge, demo=False)
    try:
        server = cloud.osc("server", "create", "--image", "cirros", "--flavor", huge, "--network", "demo-net", unique("nvh"))
        status = wait_for(lambda: (s := cloud.osc("server", "show", server["id"]))["status"] == "ERROR" and s, what="ERROR")
        assert "No valid host" in json.dumps(status.get("fault", {})), status
        cloud.osc("server", "delete", "--wait", server["id"], output=False)
        assert ports_of(cloud, server["id"]) == []
    finally:
        cloud.osc("flavor", "delete", huge, demo=False, output=False)


def test_agent_killed_during_a_boot_and_api_restarts_lose_nothing(cloud):
    # Kill both agents right after the create: the supervisor restarts them, and the boot ends ACTIVE (or
    # ERROR with a fault) with nothing orphaned once the server is deleted.
    agents = {node: pid_of(cloud, node, "compute-agent") for node in ("c1", "c2")}
    server = cloud.osc("server", "create", "--image", "cirros", "--flavor", "m1.tiny", "--network", "demo-net", unique("crash"))
    for pid in agents.values():
        os.kill(pid, 9)
    wait_for(lambda: all((cloud.state / n / "run/compute-agent.pid").exists() and pid_of(cloud, n, "compute-agent") != p
                         for n, p in agents.items()), timeout=30, what="the agents restarted")
    final = wait_for(lambda: (s := cloud.osc("server", "show", server["id"]))["status"] in ("ACTIVE", "ERROR") and s,
                     timeout=90, what="the boot to end")
    assert final["status"] == "ACTIVE" or final.get("fault"), final

    # Restart the compute API and the image service: the server, its flavor and the image are all still there.
    for service in ("compute", "image"):
        os.kill(pid_of(cloud, "ctl", service), 15)
    wait_for(lambda: cloud.osc("server", "show", server["id"], check=False).returncode == 0, timeout=60,
             what="the compute API back")
    assert cloud.osc("server", "show", server["id"])["status"] == final["status"]
    assert cloud.osc("image", "show", "cirros")["status"] == "active"

    host = host_of(cloud, server["id"])
    cloud.osc("server", "delete", "--wait", server["id"], output=False)
    assert ports_of(cloud, server["id"]) == []
    assert not any(server["id"] in ns for ns in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split())
    assert not any(i.startswith("tap") for i in ovs_interfaces(cloud, host)), ovs_interfaces(cloud, host)
