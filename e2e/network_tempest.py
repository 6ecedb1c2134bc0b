"""Run tempest's `tempest.api.network` tests against a fresh `ovnstack serve network` (dynamic credentials).

Usage: .venv/bin/python e2e/network_tempest.py [--regex R] [--concurrency N] [--no-ipv6] [--keep] [--debug]
                                                    [--report FILE]

The fixture (network_server.NetworkServer) runs a private OVN NB, `ovnstack serve identity` (its catalog names only the
network service) and `ovnstack serve network`. tempest.conf is written at run time from what the service says:
  [network-feature-enabled] api_extensions = exactly the aliases of GET /v2.0/extensions,
  ipv6 = true (IPv6 subnets, DHCPv6 and SLAAC, IPv6 router gateways) unless --no-ipv6, floating_ips only with the `router` extension,
  [network] public_network_id = an existing router:external network, else empty.
All of tempest.api.network runs (DEFAULT_REGEX). Tests that need APIs the service lacks are in network_tempest_exclude.txt, one
reason per entry; an entry whose reason starts with [alias,...] is dropped once the service lists all those aliases.
Prints passed/failed/skipped per module (and each failure's traceback tail); exit status 0 only when no test failed
and at least one passed.
"""
import argparse
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from network_server import NetworkServer  # noqa: E402
from tempest_support import auth_conf, init_workspace, read_excludes, report, results_from_stestr, run  # noqa: E402

HERE = Path(__file__).resolve().parent
EXCLUDE = HERE / "network_tempest_exclude.txt"

# The whole of tempest.api.network: what the service lacks is in network_tempest_exclude.txt, with the reason.
DEFAULT_REGEX = r"^tempest\.api\.network\."

CONF = """[identity-feature-enabled]
api_v3 = true
trust = false
security_compliance = false
access_rules = false
domain_specific_drivers = false
api_extensions =

[service_available]
neutron = true
nova = false
glance = false
cinder = false
swift = false
horizon = false

[network]
catalog_type = network
region = RegionOne
endpoint_type = publicURL
project_network_cidr = 10.100.0.0/16
project_network_mask_bits = 28
project_networks_reachable = false
public_network_id = {public_network_id}
floating_network_name = {floating_network_name}
shared_physical_network = false

[network-feature-enabled]
api_extensions = {api_extensions}
ipv6 = {ipv6}
ipv6_subnet_attributes = {ipv6}
port_security = {port_security}
floating_ips = {floating_ips}

[validation]
run_validation = false

[enforce_scope]
keystone = false
neutron = false
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regex", default=DEFAULT_REGEX)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--no-ipv6", action="store_true", help="set [network-feature-enabled] ipv6 = false")
    parser.add_argument("--keep", action="store_true", help="keep the workspace and the state directories")
    parser.add_argument("--report", help="write every failure's full traceback here")
    parser.add_argument("--debug", action="store_true", help="log every request and response body in tempest.log")
    parser.add_argument("--flat-network", help="pass --flat-network to serve network")
    args = parser.parse_args()
    server = NetworkServer(cluster="tempestnet", flat_network=args.flat_network).start()
    try:
        token = server.admin_token()
        aliases = server.extensions(token)
        r = requests.get(f"{server.url}/v2.0/networks", params={"router:external": "true"},
                         headers={"X-Auth-Token": token}, timeout=30)
        r.raise_for_status()
        external = [n for n in r.json()["networks"] if n.get("router:external")]
        if not external and "router" in aliases:
            # The public network `ovnstack up` makes: flat on physnet1, no DHCP; tempest's floating IPs come from it.
            headers = {"X-Auth-Token": token}
            public = requests.post(f"{server.url}/v2.0/networks", headers=headers, timeout=30, json={"network": {
                "name": "public", "router:external": True, "provider:network_type": "flat",
                "provider:physical_network": "physnet1"}})
            public.raise_for_status()
            external = [public.json()["network"]]
            requests.post(f"{server.url}/v2.0/subnets", headers=headers, timeout=30, json={"subnet": {
                "network_id": external[0]["id"], "ip_version": 4, "cidr": "203.0.113.0/24", "gateway_ip": "203.0.113.254",
                "enable_dhcp": False}}).raise_for_status()
        ipv6 = not args.no_ipv6
        values = {
            "api_extensions": ",".join(aliases),
            "ipv6": str(ipv6).lower(),
            "port_security": str("port-security" in aliases).lower(),
            "floating_ips": str("router" in aliases).lower(),
            "public_network_id": external[0]["id"] if external else "",
            "floating_network_name": external[0]["name"] if external else "",
        }
        print(f"network service {server.url}: extensions = {values['api_extensions'] or '(none)'}")
        print(f"tempest.conf: ipv6={values['ipv6']} port_security={values['port_security']} "
              f"floating_ips={values['floating_ips']} public_network_id={values['public_network_id'] or '(empty)'}")

        ws = init_workspace(server.workdir, auth_conf(server.workdir / "tempest-ws", server.identity.url, server.password("admin"),
                                                      args.debug) + CONF.format(**values))
        excludes, enabled = read_excludes(EXCLUDE, set(aliases))
        for entry in enabled:
            print(f"exclude entry dropped, its extensions are listed now: {entry}")
        code, out = run(ws, args.regex, args.concurrency, excludes, server.workdir)
        try:
            results = results_from_stestr(ws)
        except Exception as e:  # no stream: tempest failed before running anything
            print(out[-5000:])
            print(f"could not read the stestr results: {e}")
            return 1
        totals = report(results, "network", args.report)
        if args.keep:
            print(f"workspace kept at {ws} (logs/tempest.log has every request with --debug); "
                  f"network log {server.log_path}; identity state {server.identity.workdir} (remove both when done)")
        ok = totals["failed"] == 0 and totals["passed"] > 0 and code == 0
        if not ok and totals["failed"] == 0:
            print(out[-3000:])
        return 0 if ok else 1
    finally:
        if args.keep:
            server.stop()
        else:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
