"""End-to-end: the real `openstack` CLI against `ovnstack serve network` (+ identity + a private OVN NB).

Each test drives `openstack ... -f json` with the generated clouds.yaml (`e2enet` = admin, `e2enet-demo` = member),
asserts what the CLI prints, and checks the OVN Northbound database with ovn-nbctl. Where the CLI hides the
Neutron error type (it prints only the status and message), the same request is also made with plain HTTP and the
`NeutronError.type` is asserted.
Tests marked "NB parity" compare the NB rows with what Neutron's OVN driver writes
(../shared/reference/neutron-ovn/NOTES.md, "NB mapping per Neutron resource").
"""
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from network_server import NetworkServer, as_list  # noqa: E402

OPENSTACK = Path(sys.executable).parent / "openstack"
CLUSTER = "e2enet"
ADMIN, DEMO = CLUSTER, f"{CLUSTER}-demo"
PHYSNET = "physnet1"
MAC = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")


# -- fixtures and helpers ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def net():
    with NetworkServer(cluster=CLUSTER, flat_network=PHYSNET, underlay_mtu=1500) as s:
        yield s


@pytest.fixture(scope="module")
def admin(net):
    """(token, token body) of admin in the admin project."""
    return net.token("admin")


@pytest.fixture(scope="module")
def demo(net):
    """(token, token body) of demo (member) in the demo project."""
    return net.token("demo")


@pytest.fixture(scope="module")
def extensions(net, admin):
    return set(net.extensions(admin[0]))


def osc(net, cloud, *args, check=True):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(net.clouds_yaml))
    env.pop("OS_CLOUD", None)
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args], env=env, capture_output=True, text=True,
                          timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"openstack {' '.join(args)} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def osc_json(net, cloud, *args):
    return json.loads(osc(net, cloud, *args, "-f", "json").stdout)


def osc_fails(net, cloud, *args):
    proc = osc(net, cloud, *args, check=False)
    assert proc.returncode != 0, f"openstack {' '.join(args)} succeeded unexpectedly:\n{proc.stdout}"
    return proc.stderr


def api(net, token, method, path, body=None):
    return requests.request(method, net.url + path, json=body, timeout=30,
                            headers={"X-Auth-Token": token, "Accept": "application/json"})


def neutron_error(response):
    """NeutronError.type of an error response (fails the test with the body when it is not a Neutron error)."""
    try:
        return response.json()["NeutronError"]["type"]
    except (ValueError, KeyError, TypeError):
        raise AssertionError(f"not a NeutronError body: {response.status_code} {response.text!r}")


def name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def logical_switch(net, network_id):
    rows = net.nb.find("Logical_Switch", f"name=neutron-{network_id}")
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def lsp(net, port_id):
    rows = net.nb.find("Logical_Switch_Port", f"name={port_id}")
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def make_network(net, cloud=ADMIN, *extra):
    return osc_json(net, cloud, "network", "create", *extra, name("net"))


def make_subnet(net, network_id, cidr, cloud=ADMIN, *extra):
    return osc_json(net, cloud, "subnet", "create", "--network", network_id, "--subnet-range", cidr, *extra,
                    name("sub"))


# -- extensions --------------------------------------------------------------------------------------------------
def test_extension_list(net, extensions):
    rows = osc_json(net, ADMIN, "extension", "list", "--network")
    assert {r["Alias"] for r in rows} == extensions
    assert all(r["Name"] and r["Alias"] for r in rows), rows
    assert "security-group" in extensions
    assert extensions & {"standard-attr-tag", "tag", "tag-ext"}, f"no tag extension in {sorted(extensions)}"
    for alias in ("allowed-address-pairs", "port-security"):
        assert alias in extensions, f"{alias} missing from {sorted(extensions)}"


def test_versions(net):
    root = requests.get(net.url + "/", timeout=30)
    assert root.status_code == 200, root.text
    versions = root.json()["versions"]
    assert [v["id"] for v in versions] == ["v2.0"] and versions[0]["status"] == "CURRENT"
    assert any(link["href"].rstrip("/") == f"{net.url}/v2.0" for link in versions[0]["links"]), versions


def test_requests_without_a_valid_token_are_rejected(net):
    assert requests.get(net.url + "/v2.0/networks", timeout=30).status_code == 401
    bad = requests.get(net.url + "/v2.0/networks", headers={"X-Auth-Token": "not-a-token"}, timeout=30)
    assert bad.status_code == 401, bad.text


# -- networks ----------------------------------------------------------------------------------------------------
def test_network_create_show_set_unset_delete(net, admin, extensions):
    n = name("net")
    created = osc_json(net, ADMIN, "network", "create", "--description", "first network", "--tag", "red", n)
    nid = created["id"]
    assert created["name"] == n and created["description"] == "first network"
    assert created["tags"] == ["red"]
    assert created["status"] == "ACTIVE" and created["admin_state_up"] is True
    assert created["shared"] is False and created["router:external"] is False
    assert created["subnets"] == []
    assert created["project_id"] == admin[1]["project"]["id"]
    if "net-mtu" in extensions:
        assert created["mtu"] == 1442, "geneve network on a 1500 underlay: 1500 - 38 (geneve) - 20 (IPv4) = 1442"
    if "port-security" in extensions:
        assert created["port_security_enabled"] is True

    ls = logical_switch(net, nid)
    assert ls is not None, f"no Logical_Switch neutron-{nid} in the NB"
    assert ls["external_ids"].get("neutron:network_name") == n, ls["external_ids"]

    shown = osc_json(net, ADMIN, "network", "show", nid)
    assert {k: shown[k] for k in ("id", "name", "description", "tags")} == {
        "id": nid, "name": n, "description": "first network", "tags": ["red"]}
    listed = osc_json(net, ADMIN, "network", "list")
    assert {"ID": nid, "Name": n, "Subnets": []} in listed
    assert [r["ID"] for r in osc_json(net, ADMIN, "network", "list", "--name", n)] == [nid]
    assert nid in [r["ID"] for r in osc_json(net, ADMIN, "network", "list", "--tags", "red")]

    renamed = n + "-b"
    osc(net, ADMIN, "network", "set", "--name", renamed, "--description", "renamed", "--tag", "blue", nid)
    shown = osc_json(net, ADMIN, "network", "show", nid)
    assert shown["name"] == renamed and shown["description"] == "renamed"
    assert sorted(shown["tags"]) == ["blue", "red"]
    assert logical_switch(net, nid)["external_ids"].get("neutron:network_name") == renamed

    osc(net, ADMIN, "network", "unset", "--tag", "red", nid)
    assert osc_json(net, ADMIN, "network", "show", nid)["tags"] == ["blue"]
    assert nid not in [r["ID"] for r in osc_json(net, ADMIN, "network", "list", "--tags", "red")]
    osc(net, ADMIN, "network", "set", "--no-tag", nid)
    assert osc_json(net, ADMIN, "network", "show", nid)["tags"] == []
    osc(net, ADMIN, "network", "set", "--disable", nid)
    assert osc_json(net, ADMIN, "network", "show", nid)["admin_state_up"] is False

    osc(net, ADMIN, "network", "delete", nid)
    assert f"No Network found for {nid}" in osc_fails(net, ADMIN, "network", "show", nid)
    assert logical_switch(net, nid) is None, "Logical_Switch still in the NB after network delete"
    gone = api(net, admin[0], "GET", f"/v2.0/networks/{nid}")
    assert gone.status_code == 404 and neutron_error(gone) == "NetworkNotFound", gone.text


def test_network_delete_with_ports_is_409_network_in_use(net, admin):
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.41.0.0/24")
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("port"))

    stderr = osc_fails(net, ADMIN, "network", "delete", network["id"])
    assert "409" in stderr and "in use" in stderr.lower(), stderr
    r = api(net, admin[0], "DELETE", f"/v2.0/networks/{network['id']}")
    assert r.status_code == 409 and neutron_error(r) == "NetworkInUse", r.text
    r = api(net, admin[0], "DELETE", f"/v2.0/subnets/{subnet['id']}")
    assert r.status_code == 409 and neutron_error(r) == "SubnetInUse", r.text
    assert logical_switch(net, network["id"]) is not None

    osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "network", "delete", network["id"])
    assert logical_switch(net, network["id"]) is None
    r = api(net, admin[0], "GET", f"/v2.0/subnets/{subnet['id']}")
    assert r.status_code == 404 and neutron_error(r) == "SubnetNotFound", r.text


def test_network_tags_rest(net, admin):
    """The tag sub-resource: PUT/GET/DELETE /v2.0/networks/<id>/tags[/<tag>] and the list filters."""
    tok = admin[0]
    a, b = make_network(net)["id"], make_network(net)["id"]
    r = api(net, tok, "PUT", f"/v2.0/networks/{a}/tags", {"tags": ["red", "blue"]})
    assert r.status_code == 200 and sorted(r.json()["tags"]) == ["blue", "red"], r.text
    r = api(net, tok, "PUT", f"/v2.0/networks/{b}/tags/red")
    assert r.status_code == 201, r.text
    r = api(net, tok, "GET", f"/v2.0/networks/{a}/tags")
    assert r.status_code == 200 and sorted(r.json()["tags"]) == ["blue", "red"], r.text
    assert api(net, tok, "GET", f"/v2.0/networks/{a}/tags/blue").status_code == 204
    missing = api(net, tok, "GET", f"/v2.0/networks/{b}/tags/blue")
    assert missing.status_code == 404, missing.text

    def ids(query):
        r = api(net, tok, "GET", f"/v2.0/networks?{query}")
        assert r.status_code == 200, r.text
        return {n["id"] for n in r.json()["networks"]} & {a, b}

    assert ids("tags=red") == {a, b}
    assert ids("tags=red,blue") == {a}
    assert ids("tags-any=blue") == {a}
    assert ids("not-tags=blue") == {b}
    assert ids("not-tags-any=red,blue") == set()

    r = api(net, tok, "DELETE", f"/v2.0/networks/{a}/tags/red")
    assert r.status_code == 204, r.text
    assert api(net, tok, "GET", f"/v2.0/networks/{a}").json()["network"]["tags"] == ["blue"]
    r = api(net, tok, "DELETE", f"/v2.0/networks/{a}/tags")
    assert r.status_code == 204, r.text
    assert api(net, tok, "GET", f"/v2.0/networks/{a}").json()["network"]["tags"] == []
    r = api(net, tok, "DELETE", f"/v2.0/networks/{a}/tags/red")
    assert r.status_code == 404, r.text
    for nid in (a, b):
        osc(net, ADMIN, "network", "delete", nid)


def test_external_flat_network(net, demo, extensions):
    if not {"provider", "external-net"} <= extensions:
        pytest.skip(f"provider/external-net not in GET /v2.0/extensions: {sorted(extensions)}")
    created = osc_json(net, ADMIN, "network", "create", "--external", "--provider-network-type", "flat",
                       "--provider-physical-network", PHYSNET, name("public"))
    nid = created["id"]
    assert created["router:external"] is True
    assert created["provider:network_type"] == "flat" and created["provider:physical_network"] == PHYSNET
    assert created["provider:segmentation_id"] is None
    if "net-mtu" in extensions:
        assert created["mtu"] == 1500, "a flat network has the underlay MTU"
    ls = logical_switch(net, nid)
    assert ls is not None
    ports = net.nb.rows("Logical_Switch_Port", *as_list(ls["ports"]))
    localnet = [p for p in ports if p["type"] == "localnet"]
    assert len(localnet) == 1, ports
    assert localnet[0]["options"].get("network_name") == PHYSNET and as_list(localnet[0]["addresses"]) == ["unknown"]

    # External networks are visible to every project.
    assert nid in [r["ID"] for r in osc_json(net, DEMO, "network", "list", "--external")]
    stderr = osc_fails(net, ADMIN, "network", "create", "--provider-network-type", "flat",
                       "--provider-physical-network", "physnet-unknown", name("bad"))
    assert "400" in stderr, stderr
    stderr = osc_fails(net, DEMO, "network", "create", "--external", name("ext"))
    assert "403" in stderr, stderr
    osc(net, ADMIN, "network", "delete", nid)
    assert logical_switch(net, nid) is None


# -- subnets -----------------------------------------------------------------------------------------------------
def test_subnet_create_show_set_unset_delete(net, admin):
    network = make_network(net)
    s = name("sub")
    created = osc_json(net, ADMIN, "subnet", "create", "--network", network["id"], "--subnet-range", "10.20.0.0/24",
                       "--gateway", "10.20.0.1", "--allocation-pool", "start=10.20.0.10,end=10.20.0.100",
                       "--dns-nameserver", "8.8.8.8",
                       "--host-route", "destination=192.168.50.0/24,gateway=10.20.0.254",
                       "--description", "first subnet", "--tag", "blue", s)
    sid = created["id"]
    assert created["name"] == s and created["description"] == "first subnet"
    assert created["network_id"] == network["id"] and created["project_id"] == admin[1]["project"]["id"]
    assert created["cidr"] == "10.20.0.0/24" and created["ip_version"] == 4
    assert created["gateway_ip"] == "10.20.0.1" and created["enable_dhcp"] is True
    assert created["allocation_pools"] == [{"start": "10.20.0.10", "end": "10.20.0.100"}]
    assert created["dns_nameservers"] == ["8.8.8.8"]
    assert created["host_routes"] == [{"destination": "192.168.50.0/24", "nexthop": "10.20.0.254"}]
    assert created["tags"] == ["blue"]
    assert osc_json(net, ADMIN, "network", "show", network["id"])["subnets"] == [sid]

    rows = osc_json(net, ADMIN, "subnet", "list", "--network", network["id"])
    assert rows == [{"ID": sid, "Name": s, "Network": network["id"], "Subnet": "10.20.0.0/24"}]

    osc(net, ADMIN, "subnet", "set", "--name", s + "-b", "--description", "changed", "--dns-nameserver", "1.1.1.1",
        "--allocation-pool", "start=10.20.0.150,end=10.20.0.160",
        "--host-route", "destination=192.168.60.0/24,gateway=10.20.0.253", sid)
    shown = osc_json(net, ADMIN, "subnet", "show", sid)
    assert shown["name"] == s + "-b" and shown["description"] == "changed"
    assert shown["dns_nameservers"] == ["1.1.1.1", "8.8.8.8"]  # the CLI sends the new servers first
    assert sorted(shown["allocation_pools"], key=lambda p: p["start"]) == [
        {"start": "10.20.0.10", "end": "10.20.0.100"}, {"start": "10.20.0.150", "end": "10.20.0.160"}]
    assert sorted(shown["host_routes"], key=lambda r: r["destination"]) == [
        {"destination": "192.168.50.0/24", "nexthop": "10.20.0.254"},
        {"destination": "192.168.60.0/24", "nexthop": "10.20.0.253"}]

    osc(net, ADMIN, "subnet", "unset", "--dns-nameserver", "8.8.8.8",
        "--allocation-pool", "start=10.20.0.150,end=10.20.0.160",
        "--host-route", "destination=192.168.50.0/24,gateway=10.20.0.254", "--tag", "blue", sid)
    shown = osc_json(net, ADMIN, "subnet", "show", sid)
    assert shown["dns_nameservers"] == ["1.1.1.1"]
    assert shown["allocation_pools"] == [{"start": "10.20.0.10", "end": "10.20.0.100"}]
    assert shown["host_routes"] == [{"destination": "192.168.60.0/24", "nexthop": "10.20.0.253"}]
    assert shown["tags"] == []

    osc(net, ADMIN, "subnet", "delete", sid)
    assert f"No Subnet found for {sid}" in osc_fails(net, ADMIN, "subnet", "show", sid)
    assert osc_json(net, ADMIN, "network", "show", network["id"])["subnets"] == []
    osc(net, ADMIN, "network", "delete", network["id"])


def test_subnet_defaults(net):
    network = make_network(net)
    created = make_subnet(net, network["id"], "10.21.0.0/24")
    assert created["gateway_ip"] == "10.21.0.1"
    assert created["allocation_pools"] == [{"start": "10.21.0.2", "end": "10.21.0.254"}]
    assert created["dns_nameservers"] == [] and created["host_routes"] == [] and created["enable_dhcp"] is True
    no_gw = make_subnet(net, network["id"], "10.22.0.0/24", ADMIN, "--gateway", "none", "--no-dhcp")
    assert no_gw["gateway_ip"] is None and no_gw["enable_dhcp"] is False
    assert no_gw["allocation_pools"] == [{"start": "10.22.0.1", "end": "10.22.0.254"}]
    osc(net, ADMIN, "network", "delete", network["id"])


@pytest.mark.parametrize("cidr", ["10.0.0.0/33", "10.0.0.300/24", "not-a-cidr"])
def test_subnet_bad_cidr_is_400(net, admin, cidr):
    network = make_network(net)
    stderr = osc_fails(net, ADMIN, "subnet", "create", "--network", network["id"], "--subnet-range", cidr, name("bad"))
    assert "400" in stderr, stderr
    r = api(net, admin[0], "POST", "/v2.0/subnets",
            {"subnet": {"network_id": network["id"], "ip_version": 4, "cidr": cidr}})
    assert r.status_code == 400 and neutron_error(r) in ("HTTPBadRequest", "InvalidInput", "BadRequest"), r.text
    assert osc_json(net, ADMIN, "network", "show", network["id"])["subnets"] == []
    osc(net, ADMIN, "network", "delete", network["id"])


def test_subnet_overlap_and_gateway_errors_are_400(net, admin):
    network = make_network(net)
    make_subnet(net, network["id"], "10.23.0.0/24")
    stderr = osc_fails(net, ADMIN, "subnet", "create", "--network", network["id"], "--subnet-range", "10.23.0.128/25",
                       name("overlap"))
    assert "400" in stderr and "overlap" in stderr.lower(), stderr
    r = api(net, admin[0], "POST", "/v2.0/subnets", {"subnet": {
        "network_id": network["id"], "ip_version": 4, "cidr": "10.24.0.0/24",
        "allocation_pools": [{"start": "10.25.0.2", "end": "10.25.0.9"}]}})
    assert r.status_code == 400, r.text
    osc(net, ADMIN, "network", "delete", network["id"])


# -- ports -------------------------------------------------------------------------------------------------------
def test_port_create_show_set_unset_delete(net, admin, extensions):
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.30.0.0/24")
    sg = osc_json(net, ADMIN, "security", "group", "create", name("sg"))
    p = name("port")
    created = osc_json(net, ADMIN, "port", "create", "--network", network["id"],
                       "--fixed-ip", f"subnet={subnet['id']},ip-address=10.30.0.50",
                       "--security-group", sg["id"], "--allowed-address", "ip-address=10.30.0.200",
                       "--description", "first port", "--tag", "green", p)
    pid, mac = created["id"], created["mac_address"]
    assert created["name"] == p and created["description"] == "first port" and created["tags"] == ["green"]
    assert created["network_id"] == network["id"] and created["project_id"] == admin[1]["project"]["id"]
    assert MAC.match(mac) and int(mac[:2], 16) & 1 == 0, f"not a unicast MAC: {mac}"
    assert created["fixed_ips"] == [{"subnet_id": subnet["id"], "ip_address": "10.30.0.50"}]
    assert created["security_group_ids"] == [sg["id"]]
    assert created["allowed_address_pairs"] == [{"ip_address": "10.30.0.200", "mac_address": mac}]
    assert created["admin_state_up"] is True and created["status"] == "DOWN"
    assert created["device_owner"] == "" and created["device_id"] == ""
    assert created["port_security_enabled"] is True

    row = lsp(net, pid)
    assert row is not None, f"no Logical_Switch_Port {pid} in the NB"
    assert f"{mac} 10.30.0.50" in as_list(row["addresses"]), row["addresses"]
    assert row["_uuid"] in as_list(logical_switch(net, network["id"])["ports"]), "LSP not in its network's switch"

    listed = osc_json(net, ADMIN, "port", "list", "--network", network["id"])
    mine = [r for r in listed if r["ID"] == pid]
    assert mine == [{"ID": pid, "Name": p, "MAC Address": mac, "Status": "DOWN",
                     "Fixed IP Addresses": [{"subnet_id": subnet["id"], "ip_address": "10.30.0.50"}]}]
    assert pid in [r["ID"] for r in osc_json(net, ADMIN, "port", "list", "--fixed-ip", "ip-address=10.30.0.50")]

    osc(net, ADMIN, "port", "set", "--name", p + "-b", "--description", "changed",
        "--fixed-ip", f"subnet={subnet['id']},ip-address=10.30.0.51", "--tag", "yellow", pid)
    shown = osc_json(net, ADMIN, "port", "show", pid)
    assert shown["name"] == p + "-b" and shown["description"] == "changed"
    assert sorted(ip["ip_address"] for ip in shown["fixed_ips"]) == ["10.30.0.50", "10.30.0.51"]
    assert sorted(shown["tags"]) == ["green", "yellow"]
    assert as_list(lsp(net, pid)["addresses"]) == [f"{mac} 10.30.0.50 10.30.0.51"]

    osc(net, ADMIN, "port", "unset", "--fixed-ip", f"subnet={subnet['id']},ip-address=10.30.0.50",
        "--security-group", sg["id"], "--allowed-address", f"ip-address=10.30.0.200,mac-address={mac}",
        "--tag", "green", pid)
    shown = osc_json(net, ADMIN, "port", "show", pid)
    assert shown["fixed_ips"] == [{"subnet_id": subnet["id"], "ip_address": "10.30.0.51"}]
    assert shown["security_group_ids"] == [] and shown["allowed_address_pairs"] == []
    assert shown["tags"] == ["yellow"]
    assert as_list(lsp(net, pid)["addresses"]) == [f"{mac} 10.30.0.51"]

    osc(net, ADMIN, "port", "set", "--security-group", sg["id"], "--disable", pid)
    shown = osc_json(net, ADMIN, "port", "show", pid)
    assert shown["security_group_ids"] == [sg["id"]] and shown["admin_state_up"] is False
    assert lsp(net, pid)["enabled"] in (False, [False]), lsp(net, pid)["enabled"]
    osc(net, ADMIN, "port", "set", "--no-security-group", "--enable", pid)
    shown = osc_json(net, ADMIN, "port", "show", pid)
    assert shown["security_group_ids"] == [] and shown["admin_state_up"] is True

    osc(net, ADMIN, "port", "delete", pid)
    assert f"No Port found for {pid}" in osc_fails(net, ADMIN, "port", "show", pid)
    assert lsp(net, pid) is None, "Logical_Switch_Port still in the NB after port delete"
    osc(net, ADMIN, "security", "group", "delete", sg["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


def test_port_gets_the_project_default_security_group(net, admin):
    network = make_network(net)
    make_subnet(net, network["id"], "10.31.0.0/24")
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("port"))
    groups = osc_json(net, ADMIN, "security", "group", "list", "--project", admin[1]["project"]["id"])
    default = [g for g in groups if g["Name"] == "default"]
    assert len(default) == 1, groups
    assert port["security_group_ids"] == [default[0]["ID"]]
    assert port["fixed_ips"][0]["ip_address"].startswith("10.31.0.")
    sg = osc_json(net, ADMIN, "security", "group", "show", default[0]["ID"])
    rules = sorted((r["direction"], r["ethertype"], r.get("remote_group_id")) for r in sg["rules"])
    assert rules == [("egress", "IPv4", None), ("egress", "IPv6", None),
                     ("ingress", "IPv4", sg["id"]), ("ingress", "IPv6", sg["id"])], sg["rules"]
    osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


def test_port_without_security(net):
    network = make_network(net)
    make_subnet(net, network["id"], "10.32.0.0/24")
    open_port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--disable-port-security",
                         "--no-security-group", name("open"))
    assert open_port["port_security_enabled"] is False and open_port["security_group_ids"] == []
    row = lsp(net, open_port["id"])
    assert row is not None
    assert as_list(row["port_security"]) in ([], [""]), row["port_security"]
    assert "unknown" in as_list(row["addresses"]), row["addresses"]

    no_sg = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--no-security-group", name("nosg"))
    assert no_sg["security_group_ids"] == [] and no_sg["port_security_enabled"] is True
    assert "unknown" not in as_list(lsp(net, no_sg["id"])["addresses"])

    sg = osc_json(net, ADMIN, "security", "group", "create", name("sg"))
    stderr = osc_fails(net, ADMIN, "port", "create", "--network", network["id"], "--disable-port-security",
                       "--security-group", sg["id"], name("bad"))
    assert "400" in stderr, stderr   # PortSecurityAndIPRequiredForSecurityGroups

    osc(net, ADMIN, "port", "set", "--enable-port-security", open_port["id"])
    assert osc_json(net, ADMIN, "port", "show", open_port["id"])["port_security_enabled"] is True
    assert "unknown" not in as_list(lsp(net, open_port["id"])["addresses"])
    for port in (open_port, no_sg):
        osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "security", "group", "delete", sg["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


def test_port_duplicate_ip_is_409_ip_address_already_allocated(net, admin):
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.33.0.0/24")
    first = osc_json(net, ADMIN, "port", "create", "--network", network["id"],
                     "--fixed-ip", f"subnet={subnet['id']},ip-address=10.33.0.60", name("first"))
    assert first["fixed_ips"] == [{"subnet_id": subnet["id"], "ip_address": "10.33.0.60"}]
    stderr = osc_fails(net, ADMIN, "port", "create", "--network", network["id"],
                       "--fixed-ip", f"subnet={subnet['id']},ip-address=10.33.0.60", name("second"))
    assert "409" in stderr and "10.33.0.60" in stderr, stderr
    r = api(net, admin[0], "POST", "/v2.0/ports", {"port": {
        "network_id": network["id"], "fixed_ips": [{"subnet_id": subnet["id"], "ip_address": "10.33.0.60"}]}})
    assert r.status_code == 409 and neutron_error(r) == "IpAddressAlreadyAllocated", r.text
    # An address outside the subnet is a 400.
    r = api(net, admin[0], "POST", "/v2.0/ports", {"port": {
        "network_id": network["id"], "fixed_ips": [{"subnet_id": subnet["id"], "ip_address": "10.99.0.5"}]}})
    assert r.status_code == 400 and neutron_error(r) == "InvalidIpForSubnet", r.text
    ports = [p for p in osc_json(net, ADMIN, "port", "list", "--network", network["id"]) if p["Name"]]
    assert [p["ID"] for p in ports] == [first["id"]]
    osc(net, ADMIN, "port", "delete", first["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


def test_port_binding_profile_and_host(net, extensions):
    if "binding" not in extensions:
        pytest.skip(f"binding not in GET /v2.0/extensions: {sorted(extensions)}")
    network = make_network(net)
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("port"))
    osc(net, ADMIN, "port", "set", "--binding-profile", "foo=bar", "--binding-profile", "n=1", port["id"])
    assert osc_json(net, ADMIN, "port", "show", port["id"])["binding_profile"] == {"foo": "bar", "n": "1"}
    osc(net, ADMIN, "port", "unset", "--binding-profile", "foo", port["id"])
    assert osc_json(net, ADMIN, "port", "show", port["id"])["binding_profile"] == {"n": "1"}
    osc(net, ADMIN, "port", "set", "--host", "compute-1", port["id"])
    shown = osc_json(net, ADMIN, "port", "show", port["id"])
    assert shown["binding_host_id"] == "compute-1"
    assert lsp(net, port["id"])["options"].get("requested-chassis") == "compute-1"
    osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


# -- security groups ---------------------------------------------------------------------------------------------
def pg_name(sg_id):
    return "pg_" + sg_id.replace("-", "_")


def test_security_group_and_rules(net, admin):
    g = name("sg")
    sg = osc_json(net, ADMIN, "security", "group", "create", "--description", "web servers", g)
    sid = sg["id"]
    assert sg["name"] == g and sg["description"] == "web servers" and sg["project_id"] == admin[1]["project"]["id"]
    assert sorted((r["direction"], r["ethertype"]) for r in sg["rules"]) == [("egress", "IPv4"), ("egress", "IPv6")]
    row = next(r for r in osc_json(net, ADMIN, "security", "group", "list") if r["ID"] == sid)
    assert (row["Name"], row["Description"], row["Project"], row["Tags"]) == \
        (g, "web servers", admin[1]["project"]["id"], [])
    other = osc_json(net, ADMIN, "security", "group", "create", name("peer"))

    ssh = osc_json(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "tcp",
                   "--dst-port", "22", sid)
    assert (ssh["direction"], ssh["ether_type"], ssh["protocol"]) == ("ingress", "IPv4", "tcp")
    assert (ssh["port_range_min"], ssh["port_range_max"]) == (22, 22)
    assert ssh["remote_ip_prefix"] == "0.0.0.0/0" and ssh["remote_group_id"] is None
    assert ssh["security_group_id"] == sid

    icmp = osc_json(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "icmp", sid)
    assert icmp["protocol"] == "icmp" and icmp["port_range_min"] is None and icmp["port_range_max"] is None

    peer = osc_json(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "tcp",
                    "--dst-port", "8000:8080", "--remote-group", other["id"], sid)
    assert peer["remote_group_id"] == other["id"] and peer["remote_ip_prefix"] is None
    assert (peer["port_range_min"], peer["port_range_max"]) == (8000, 8080)

    dns = osc_json(net, ADMIN, "security", "group", "rule", "create", "--egress", "--protocol", "udp",
                   "--dst-port", "53", "--remote-ip", "10.0.0.0/8", sid)
    assert dns["direction"] == "egress" and dns["remote_ip_prefix"] == "10.0.0.0/8"

    rows = osc_json(net, ADMIN, "security", "group", "rule", "list", sid)
    assert {r["ID"] for r in rows} >= {ssh["id"], icmp["id"], peer["id"], dns["id"]} and len(rows) == 6, rows
    ssh_row = next(r for r in rows if r["ID"] == ssh["id"])
    assert (ssh_row["IP Protocol"], ssh_row["Direction"], ssh_row["Port Range"], ssh_row["IP Range"]) == \
        ("tcp", "ingress", "22:22", "0.0.0.0/0")
    assert {r["ID"] for r in osc_json(net, ADMIN, "security", "group", "rule", "list", "--ingress",
                                      "--protocol", "tcp", sid)} == {ssh["id"], peer["id"]}
    shown = osc_json(net, ADMIN, "security", "group", "rule", "show", ssh["id"])
    assert shown["id"] == ssh["id"] and shown["port_range_min"] == 22
    assert {r["id"] for r in osc_json(net, ADMIN, "security", "group", "show", sid)["rules"]} >= {ssh["id"], dns["id"]}

    stderr = osc_fails(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "tcp",
                       "--dst-port", "22", sid)
    assert "409" in stderr, stderr
    r = api(net, admin[0], "POST", "/v2.0/security-group-rules", {"security_group_rule": {
        "security_group_id": sid, "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
        "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}})
    assert r.status_code == 409 and neutron_error(r) == "SecurityGroupRuleExists", r.text
    # The CLI itself refuses an inverted port range, so this one goes over HTTP.
    r = api(net, admin[0], "POST", "/v2.0/security-group-rules", {"security_group_rule": {
        "security_group_id": sid, "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
        "port_range_min": 30, "port_range_max": 20}})
    assert r.status_code == 400 and neutron_error(r) == "SecurityGroupInvalidPortRange", r.text

    osc(net, ADMIN, "security", "group", "set", "--name", g + "-b", "--description", "changed", "--tag", "t1", sid)
    shown = osc_json(net, ADMIN, "security", "group", "show", sid)
    assert (shown["name"], shown["description"], shown["tags"]) == (g + "-b", "changed", ["t1"])
    osc(net, ADMIN, "security", "group", "unset", "--tag", "t1", sid)
    assert osc_json(net, ADMIN, "security", "group", "show", sid)["tags"] == []

    osc(net, ADMIN, "security", "group", "rule", "delete", icmp["id"])
    assert f"No SecurityGroupRule found for {icmp['id']}" in \
        osc_fails(net, ADMIN, "security", "group", "rule", "show", icmp["id"])
    assert len(osc_json(net, ADMIN, "security", "group", "rule", "list", sid)) == 5

    # A group in use by a port cannot be deleted.
    network = make_network(net)
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--security-group", sid, name("p"))
    stderr = osc_fails(net, ADMIN, "security", "group", "delete", sid)
    assert "409" in stderr, stderr
    r = api(net, admin[0], "DELETE", f"/v2.0/security-groups/{sid}")
    assert r.status_code == 409 and neutron_error(r) == "SecurityGroupInUse", r.text
    osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "network", "delete", network["id"])

    osc(net, ADMIN, "security", "group", "delete", sid)
    assert f"No SecurityGroup found for {sid}" in osc_fails(net, ADMIN, "security", "group", "show", sid)
    r = api(net, admin[0], "GET", f"/v2.0/security-group-rules/{ssh['id']}")
    assert r.status_code == 404, "rules go with their group: " + r.text
    osc(net, ADMIN, "security", "group", "delete", other["id"])


# -- NB parity with Neutron's OVN driver ---------------------------------------------------------------------------
def test_nb_parity_security_group_port_group_and_acls(net):
    sg = osc_json(net, ADMIN, "security", "group", "create", name("sg"))
    pgs = net.nb.find("Port_Group", f"name={pg_name(sg['id'])}")
    assert len(pgs) == 1, f"no Port_Group {pg_name(sg['id'])}"
    assert pgs[0]["external_ids"].get("neutron:security_group_id") == sg["id"]
    assert len(as_list(pgs[0]["acls"])) == 2, "a new group has its two egress rules as ACLs"
    rule = osc_json(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "tcp",
                    "--dst-port", "22", sg["id"])
    acls = net.nb.find("ACL", f'external_ids:"neutron:security_group_rule_id"={rule["id"]}')
    assert len(acls) == 1, acls
    acl = acls[0]
    assert (acl["direction"], acl["action"], acl["priority"]) == ("to-lport", "allow-related", 1002), acl
    assert f"outport == @{pg_name(sg['id'])}" in acl["match"] and "tcp.dst == 22" in acl["match"], acl["match"]
    osc(net, ADMIN, "security", "group", "rule", "delete", rule["id"])
    assert net.nb.find("ACL", f'external_ids:"neutron:security_group_rule_id"={rule["id"]}') == []
    osc(net, ADMIN, "security", "group", "delete", sg["id"])
    assert net.nb.find("Port_Group", f"name={pg_name(sg['id'])}") == []


def test_nb_parity_port_rows(net, admin):
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.34.0.0/24")
    sg = osc_json(net, ADMIN, "security", "group", "create", name("sg"))
    p = name("port")
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--security-group", sg["id"],
                    "--fixed-ip", f"subnet={subnet['id']},ip-address=10.34.0.10",
                    "--allowed-address", "ip-address=10.34.0.200", p)
    row = lsp(net, port["id"])
    mac = port["mac_address"]
    assert as_list(row["port_security"]) == [f"{mac} 10.34.0.10 10.34.0.200"], row["port_security"]
    ext = row["external_ids"]
    assert ext.get("neutron:port_name") == p and ext.get("neutron:project_id") == admin[1]["project"]["id"], ext
    assert ext.get("neutron:network_name") == f"neutron-{network['id']}", ext
    assert ext.get("neutron:security_group_ids") == sg["id"], ext
    assert ext.get("neutron:cidrs") == "10.34.0.10/24", ext
    pg = net.nb.find("Port_Group", f"name={pg_name(sg['id'])}")[0]
    assert row["_uuid"] in as_list(pg["ports"]), "the port is not in its security group's Port_Group"
    osc(net, ADMIN, "port", "delete", port["id"])
    pg = net.nb.find("Port_Group", f"name={pg_name(sg['id'])}")[0]
    assert row["_uuid"] not in as_list(pg["ports"])
    osc(net, ADMIN, "security", "group", "delete", sg["id"])
    osc(net, ADMIN, "network", "delete", network["id"])


def test_nb_parity_subnet_dhcp_options(net):
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.35.0.0/24", ADMIN, "--dns-nameserver", "8.8.8.8")
    rows = net.nb.find("DHCP_Options", f"external_ids:subnet_id={subnet['id']}")
    assert len(rows) == 1, "no DHCP_Options row for a DHCP-enabled subnet"
    assert rows[0]["cidr"] == "10.35.0.0/24"
    options = rows[0]["options"]
    assert options.get("router") == "10.35.0.1" and options.get("server_id") == "10.35.0.1", options
    assert "8.8.8.8" in options.get("dns_server", ""), options
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("p"))
    assert lsp(net, port["id"])["dhcpv4_options"] == rows[0]["_uuid"]
    osc(net, ADMIN, "port", "delete", port["id"])
    osc(net, ADMIN, "subnet", "delete", subnet["id"])
    assert net.nb.find("DHCP_Options", f"external_ids:subnet_id={subnet['id']}") == []
    osc(net, ADMIN, "network", "delete", network["id"])


# -- projects ----------------------------------------------------------------------------------------------------
def test_demo_cannot_see_admin_private_network(net, admin, demo):
    private = make_network(net)
    make_subnet(net, private["id"], "10.40.0.0/24")
    admin_port = osc_json(net, ADMIN, "port", "create", "--network", private["id"], name("p"))

    demo_ids = [r["ID"] for r in osc_json(net, DEMO, "network", "list")]
    assert private["id"] not in demo_ids
    assert f"No Network found for {private['id']}" in osc_fails(net, DEMO, "network", "show", private["id"])
    r = api(net, demo[0], "GET", f"/v2.0/networks/{private['id']}")
    assert r.status_code == 404 and neutron_error(r) == "NetworkNotFound", r.text
    assert admin_port["id"] not in [r["ID"] for r in osc_json(net, DEMO, "port", "list")]
    assert all(s["Network"] != private["id"] for s in osc_json(net, DEMO, "subnet", "list"))
    r = api(net, demo[0], "POST", "/v2.0/ports", {"port": {"network_id": private["id"]}})
    assert r.status_code in (403, 404), f"demo created a port on admin's private network: {r.status_code} {r.text}"
    r = api(net, demo[0], "DELETE", f"/v2.0/networks/{private['id']}")
    assert r.status_code == 404, r.text

    # demo's own network: demo's project; admin sees it too.
    own = make_network(net, DEMO)
    assert own["project_id"] == demo[1]["project"]["id"]
    assert own["id"] in [r["ID"] for r in osc_json(net, DEMO, "network", "list")]
    assert own["id"] in [r["ID"] for r in osc_json(net, ADMIN, "network", "list")]
    # A shared network is visible to demo; sharing is admin-only.
    shared = make_network(net, ADMIN, "--share")
    assert shared["shared"] is True
    assert shared["id"] in [r["ID"] for r in osc_json(net, DEMO, "network", "list")]
    stderr = osc_fails(net, DEMO, "network", "create", "--share", name("x"))
    assert "403" in stderr, stderr

    osc(net, ADMIN, "port", "delete", admin_port["id"])
    for nid in (private["id"], shared["id"]):
        osc(net, ADMIN, "network", "delete", nid)
    osc(net, DEMO, "network", "delete", own["id"])


def test_demo_security_groups_are_separate(net, admin, demo):
    mine = osc_json(net, ADMIN, "security", "group", "create", name("adm"))
    theirs = osc_json(net, DEMO, "security", "group", "create", name("dem"))
    assert theirs["project_id"] == demo[1]["project"]["id"]
    demo_view = {g["ID"] for g in osc_json(net, DEMO, "security", "group", "list")}
    assert theirs["id"] in demo_view and mine["id"] not in demo_view
    r = api(net, demo[0], "POST", "/v2.0/security-group-rules", {"security_group_rule": {
        "security_group_id": mine["id"], "direction": "ingress", "ethertype": "IPv4"}})
    assert r.status_code == 404, r.text
    osc(net, DEMO, "security", "group", "delete", theirs["id"])
    osc(net, ADMIN, "security", "group", "delete", mine["id"])


def test_quota_set_show_usage_and_enforcement(net, admin, demo):
    """`openstack quota set/show --network` (quotas, quota_details): a limit the demo project reaches is enforced
    with Neutron's OverQuota; `quota delete --network` goes back to the defaults."""
    project = demo[1]["project"]["id"]
    shown = osc_json(net, ADMIN, "quota", "show", "--network", project)
    defaults = {row["Resource"]: row["Limit"] for row in shown} if isinstance(shown, list) else shown
    assert defaults.get("networks") == 100 and defaults.get("ports") == 500, shown
    used = len(osc_json(net, DEMO, "network", "list", "--project", project))
    osc(net, ADMIN, "quota", "set", "--networks", str(used + 1), project)
    try:
        usage = osc_json(net, ADMIN, "quota", "show", "--network", "--usage", project)
        networks = next(row for row in usage if row["Resource"] == "networks")
        assert networks["Limit"] == used + 1 and networks["In Use"] == used, usage
        make_network(net, DEMO)
        err = osc_fails(net, DEMO, "network", "create", name("over"))
        assert "Quota exceeded for resources: ['network']" in err, err
        r = api(net, demo[0], "POST", "/v2.0/networks", {"network": {"name": "over"}})
        assert r.status_code == 409 and neutron_error(r) == "OverQuota"
    finally:
        osc(net, ADMIN, "quota", "delete", "--network", project)
    assert {row["Resource"]: row["Limit"] for row in osc_json(net, ADMIN, "quota", "show", "--network", project)}["networks"] == 100


def test_ip_availability_and_agents(net, admin, demo):
    """`openstack ip availability list/show` (network-ip-availability) counts a subnet's pool and the addresses in
    use; without a Southbound there are no agents, and a member may not read availability."""
    network = make_network(net)
    subnet = make_subnet(net, network["id"], "10.99.0.0/24", ADMIN, "--allocation-pool", "start=10.99.0.10,end=10.99.0.19")
    osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("p"))
    shown = osc_json(net, ADMIN, "ip", "availability", "show", network["id"])
    assert shown["total_ips"] == 10, shown
    ports = osc_json(net, ADMIN, "port", "list", "--network", network["id"])
    assert shown["used_ips"] == sum(len(p["Fixed IP Addresses"]) for p in ports), (shown, ports)
    assert subnet["id"] in json.dumps(shown["subnet_ip_availability"])
    listed = osc_json(net, ADMIN, "ip", "availability", "list", "--ip-version", "4")
    assert network["id"] in [row["Network ID"] for row in listed]
    r = api(net, demo[0], "GET", "/v2.0/network-ip-availabilities")
    assert r.status_code == 403 and neutron_error(r) == "PolicyNotAuthorized"
    assert osc_json(net, ADMIN, "network", "agent", "list") == []


def test_address_groups_in_security_group_rules(net, admin):
    """`openstack address group create/set/unset` and a rule with `--remote-address-group`: the NB gets ML2/OVN's
    Address_Sets `ag_<id>_ip4/_ip6` and the rule's ACL matches the IPv4 one."""
    group = osc_json(net, ADMIN, "address", "group", "create", "--address", "10.0.0.0/24", "--address", "2001:db8::5",
                     name("ag"))
    assert sorted(group["addresses"]) == ["10.0.0.0/24", "2001:db8::5/128"], group
    set4 = f"ag_{group['id'].replace('-', '_')}_ip4"
    rows = net.nb.find("Address_Set", f"name={set4}")
    assert len(rows) == 1 and as_list(rows[0]["addresses"]) == ["10.0.0.0/24"], rows
    osc(net, ADMIN, "address", "group", "set", "--address", "192.0.2.7", group["id"])
    assert sorted(as_list(net.nb.find("Address_Set", f"name={set4}")[0]["addresses"])) == ["10.0.0.0/24", "192.0.2.7/32"]
    sg = osc_json(net, ADMIN, "security", "group", "create", name("sg"))
    rule = osc_json(net, ADMIN, "security", "group", "rule", "create", "--ingress", "--protocol", "tcp", "--dst-port", "80",
                    "--remote-address-group", group["id"], sg["id"])
    assert rule["remote_address_group_id"] == group["id"], rule
    acls = net.nb.find("ACL", f"external_ids:\"neutron:security_group_rule_id\"={rule['id']}")
    assert len(acls) == 1 and f"ip4.src == ${set4}" in acls[0]["match"], acls
    stderr = osc_fails(net, ADMIN, "address", "group", "delete", group["id"])
    assert "409" in stderr or "in use" in stderr.lower(), stderr
    osc(net, ADMIN, "security", "group", "rule", "delete", rule["id"])
    osc(net, ADMIN, "address", "group", "delete", group["id"])
    assert net.nb.find("Address_Set", f"name={set4}") == []


def test_service_types_and_dns_names(net, admin):
    """A subnet kept for floating IPs (`--service-type network:floatingip`) gives them their addresses and no other
    port any; with Neutron's default dns_domain a port's `--dns-name` is checked but not kept, and its addresses go by
    host-<ip> with no NB DNS records (`DNSTests` and the DNS real-packet test cover a configured domain)."""
    ext = make_network(net, ADMIN, "--external")
    fip_subnet = make_subnet(net, ext["id"], "198.51.100.0/24", ADMIN, "--service-type", "network:floatingip")
    general = make_subnet(net, ext["id"], "192.0.2.0/24")
    assert fip_subnet["service_types"] == ["network:floatingip"], fip_subnet
    fip = osc_json(net, ADMIN, "floating", "ip", "create", ext["id"])
    assert fip["floating_ip_address"].startswith("198.51.100."), fip
    port = osc_json(net, ADMIN, "port", "create", "--network", ext["id"], "--device-owner", "compute:nova",
                    "--device", "server-1", "--dns-name", "web", name("p"))
    assert [ip["subnet_id"] for ip in port["fixed_ips"]] == [general["id"]], port
    address = port["fixed_ips"][0]["ip_address"]
    host = "host-" + address.replace(".", "-")
    assert port["dns_name"] == "" and port["dns_assignment"][0]["hostname"] == host, port
    assert port["dns_assignment"][0]["fqdn"] == f"{host}.openstacklocal.", port
    assert net.nb.find("DNS", f"external_ids:ls_name=neutron-{ext['id']}") == []
    stderr = osc_fails(net, ADMIN, "port", "set", "--dns-name", "bad_name", port["id"])
    assert "400" in stderr or "not a valid" in stderr, stderr
    osc(net, ADMIN, "port", "delete", port["id"])


def test_rbac_shares_a_network_with_one_project(net, admin, demo):
    """`openstack network rbac create --type network --action access_as_shared --target-project`: the member project
    sees the admin's network (shared, as it sees it) and makes a port on it; while that port is there the policy stays."""
    network = make_network(net)
    assert osc_fails(net, DEMO, "network", "show", network["id"])
    demo_project = demo[1]["project"]["id"]
    policy = osc_json(net, ADMIN, "network", "rbac", "create", "--type", "network", "--action", "access_as_shared",
                      "--target-project", demo_project, network["id"])
    assert policy["object_id"] == network["id"] and policy["target_project_id"] == demo_project, policy
    assert osc_json(net, DEMO, "network", "show", network["id"])["shared"] is True
    make_subnet(net, network["id"], "10.123.0.0/24")
    port = osc_json(net, DEMO, "port", "create", "--network", network["id"], name("p"))
    stderr = osc_fails(net, ADMIN, "network", "rbac", "delete", policy["id"])
    assert "409" in stderr or "depend" in stderr.lower(), stderr
    osc(net, DEMO, "port", "delete", port["id"])
    osc(net, ADMIN, "network", "rbac", "delete", policy["id"])
    assert osc_fails(net, DEMO, "network", "show", network["id"])


def test_address_scope_subnet_pool_and_network(net, admin):
    """`openstack address scope create` and a subnet pool in it: the network of a subnet from the pool shows the scope."""
    scope = osc_json(net, ADMIN, "address", "scope", "create", "--ip-version", "4", name("as"))
    pool = osc_json(net, ADMIN, "subnet", "pool", "create", "--pool-prefix", "10.124.0.0/16", "--address-scope", scope["id"],
                    "--default-prefix-length", "26", name("pool"))
    assert pool["address_scope_id"] == scope["id"], pool
    network = make_network(net)
    osc_json(net, ADMIN, "subnet", "create", "--network", network["id"], "--subnet-pool", pool["id"], name("sub"))
    assert osc_json(net, ADMIN, "network", "show", network["id"])["ipv4_address_scope"] == scope["id"]
    stderr = osc_fails(net, ADMIN, "address", "scope", "delete", scope["id"])
    assert "409" in stderr or "in use" in stderr.lower(), stderr


def test_trunk_subports_are_vlan_children_in_the_nb(net, admin):
    """`openstack network trunk create --parent-port --subport`: the subport's Logical_Switch_Port gets the parent as
    `parent_name` and the VLAN as `tag` (ML2/OVN's trunk driver); `trunk unset --subport` clears them."""
    network = make_network(net)
    make_subnet(net, network["id"], "10.125.0.0/24")
    parent = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("parent"))
    sub = osc_json(net, ADMIN, "port", "create", "--network", network["id"], name("sub"))
    trunk = osc_json(net, ADMIN, "network", "trunk", "create", "--parent-port", parent["id"],
                     "--subport", f"port={sub['id']},segmentation-type=vlan,segmentation-id=42", name("trunk"))
    assert trunk["status"] == "ACTIVE" and trunk["sub_ports"][0]["segmentation_id"] == 42, trunk
    row = lsp(net, sub["id"])
    assert row["parent_name"] == parent["id"] and row["tag"] == 42, row
    osc(net, ADMIN, "network", "trunk", "unset", "--subport", sub["id"], trunk["id"])
    row = lsp(net, sub["id"])
    assert as_list(row["parent_name"]) == [] and as_list(row["tag"]) == [], row
    osc(net, ADMIN, "network", "trunk", "delete", trunk["id"])


def test_qos_policy_on_a_port_is_an_nb_qos_row(net, admin):
    """`openstack network qos policy create` with a bandwidth limit and a DSCP mark, on a port: its switch gets one
    from-lport QoS row `inport == "<port>"` at priority 2002 with both."""
    policy = osc_json(net, ADMIN, "network", "qos", "policy", "create", name("qos"))
    osc(net, ADMIN, "network", "qos", "rule", "create", "--type", "bandwidth-limit", "--max-kbps", "3000",
        "--max-burst-kbits", "2400", "--egress", policy["id"])
    osc(net, ADMIN, "network", "qos", "rule", "create", "--type", "dscp-marking", "--dscp-mark", "26", policy["id"])
    network = make_network(net)
    make_subnet(net, network["id"], "10.126.0.0/24")
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--qos-policy", policy["id"], name("p"))
    assert port["qos_policy_id"] == policy["id"], port
    rows = net.nb.find("QoS", f"external_ids:\"neutron:port_id\"={port['id']}")
    assert len(rows) == 1 and rows[0]["match"] == f'inport == "{port["id"]}"' and rows[0]["priority"] == 2002, rows
    assert rows[0]["direction"] == "from-lport", rows
    stderr = osc_fails(net, ADMIN, "network", "qos", "policy", "delete", policy["id"])
    assert "409" in stderr or "in use" in stderr.lower(), stderr
    osc(net, ADMIN, "port", "unset", "--qos-policy", port["id"])
    assert net.nb.find("QoS", f"external_ids:\"neutron:port_id\"={port['id']}") == []


def test_port_forwarding_and_auto_allocated_topology(net, admin):
    """`openstack floating ip port forwarding create` gives the router ML2/OVN's `pf-floatingip-<id>-tcp`
    Load_Balancer; `openstack network auto allocated topology create --check-resources` names what is missing."""
    ext = make_network(net, ADMIN, "--external")
    make_subnet(net, ext["id"], "198.51.101.0/24")
    inner = make_network(net)
    subnet = make_subnet(net, inner["id"], "10.127.0.0/24")
    router = osc_json(net, ADMIN, "router", "create", "--external-gateway", ext["id"], name("r"))
    osc(net, ADMIN, "router", "add", "subnet", router["id"], subnet["id"])
    port = osc_json(net, ADMIN, "port", "create", "--network", inner["id"], name("vm"))
    fip = osc_json(net, ADMIN, "floating", "ip", "create", ext["id"])
    forwarding = osc_json(net, ADMIN, "floating", "ip", "port", "forwarding", "create", "--internal-ip-address",
                          port["fixed_ips"][0]["ip_address"], "--port", port["id"], "--internal-protocol-port", "22",
                          "--external-protocol-port", "2222", "--protocol", "tcp", fip["id"])
    assert forwarding["external_port"] == 2222 and forwarding["internal_port"] == 22, forwarding
    rows = net.nb.find("Load_Balancer", f"name=pf-floatingip-{fip['id']}-tcp")
    assert len(rows) == 1 and f"{fip['floating_ip_address']}:2222" in str(rows[0]["vips"]), rows
    osc(net, ADMIN, "floating", "ip", "port", "forwarding", "delete", fip["id"], forwarding["id"])
    assert net.nb.find("Load_Balancer", f"name=pf-floatingip-{fip['id']}-tcp") == []
    stderr = osc_fails(net, DEMO, "network", "auto", "allocated", "topology", "create", "--check-resources")
    assert "No default router:external network" in stderr or "Deployment error" in stderr, stderr


def test_sdk_port_bindings_as_nova_live_migrates(net, admin):
    """openstacksdk's port binding calls, in the order Nova's live migration makes them: the port's profile names the
    destination (OVN's `requested-chassis` lists both, `activation-strategy=rarp`), an INACTIVE binding on the
    destination, its activation (the port and `requested-chassis` move), the source's binding deleted."""
    import openstack.config
    import openstack.connection
    import openstack.exceptions
    config = openstack.config.OpenStackConfig(config_files=[str(net.clouds_yaml)])
    conn = openstack.connection.Connection(config=config.get_one(ADMIN))
    network = make_network(net)
    make_subnet(net, network["id"], "10.128.0.0/24")
    port = osc_json(net, ADMIN, "port", "create", "--network", network["id"], "--device-owner", "compute:nova",
                    "--host", "src-host", name("lm"))
    conn.network.update_port(port["id"], binding_profile={"migrating_to": "dst-host"})
    options = lsp(net, port["id"])["options"]
    assert options.get("requested-chassis") == "src-host,dst-host" and options.get("activation-strategy") == "rarp", options

    binding = conn.network.create_port_binding(port["id"], host="dst-host")
    assert binding.status == "INACTIVE" and binding.vif_type == "ovs", binding
    listed = {b.host: b.status for b in conn.network.port_bindings(port["id"])}
    assert listed == {"src-host": "ACTIVE", "dst-host": "INACTIVE"}, listed
    with pytest.raises(openstack.exceptions.ConflictException):
        conn.network.create_port_binding(port["id"], host="dst-host")

    conn.network.activate_port_binding(port["id"], host="dst-host")
    shown = osc_json(net, ADMIN, "port", "show", port["id"])
    assert shown["binding_host_id"] == "dst-host" and shown["binding_profile"] == {}, shown
    options = lsp(net, port["id"])["options"]
    assert options.get("requested-chassis") == "dst-host" and "activation-strategy" not in options, options
    listed = {b.host: (b.status, b.vif_type) for b in conn.network.port_bindings(port["id"])}
    assert listed == {"dst-host": ("ACTIVE", "ovs"), "src-host": ("INACTIVE", "unbound")}, listed

    conn.network.delete_port_binding(port["id"], "src-host")
    assert [b.host for b in conn.network.port_bindings(port["id"])] == ["dst-host"]
    response = api(net, admin[0], "PUT", f"/v2.0/ports/{port['id']}/bindings/src-host/activate")
    assert response.status_code == 404 and neutron_error(response) == "PortBindingNotFound", response.text
