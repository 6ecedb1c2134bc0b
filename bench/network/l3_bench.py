"""L3 latency of `ovnstack serve network`: router create, add interface, set gateway, floating IP create and
associate (p50/p95 over N rounds), against the reference's real-Neutron latencies (NOTES.md).

Same private fixture as run_bench.py. Usage: OVNSTACK_BIN=.build/release/ovnstack .venv/bin/python bench/network/l3_bench.py [--rounds 50]
"""
import argparse
import json
import sys
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "e2e"))
from network_server import NetworkServer  # noqa: E402

REFERENCE_MS = {"router_create": 295, "add_interface": 812, "set_gateway": 1208, "fip_create": 830, "fip_associate": 539}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--out", default=str(HERE / "l3-results.json"))
    args = parser.parse_args()
    with NetworkServer(cluster="benchl3", identity_args=["--token-lifetime", "14400"]) as net:
        s = requests.Session()
        s.headers["X-Auth-Token"] = net.admin_token()
        api = net.url + "/v2.0"

        def call(method, path, body=None, expect=(200, 201)):
            t = time.perf_counter()
            r = s.request(method, api + path, json=body)
            elapsed = (time.perf_counter() - t) * 1000
            assert r.status_code in expect, f"{method} {path}: {r.status_code} {r.text}"
            return r.json() if r.content else None, elapsed

        public = call("POST", "/networks", {"network": {"name": "public", "router:external": True, "provider:network_type": "flat",
                                                        "provider:physical_network": "physnet1"}})[0]["network"]["id"]
        call("POST", "/subnets", {"subnet": {"network_id": public, "ip_version": 4, "cidr": "198.51.0.0/16", "enable_dhcp": False}})
        times = {k: [] for k in REFERENCE_MS}
        for n in range(args.rounds):
            net_id = call("POST", "/networks", {"network": {"name": f"l3-{n}"}})[0]["network"]["id"]
            subnet = call("POST", "/subnets", {"subnet": {"network_id": net_id, "ip_version": 4, "cidr": f"10.{n // 256}.{n % 256}.0/24"}})[0]["subnet"]["id"]
            port = call("POST", "/ports", {"port": {"network_id": net_id}})[0]["port"]["id"]
            router, t = call("POST", "/routers", {"router": {"name": f"r{n}"}})
            times["router_create"].append(t)
            rid = router["router"]["id"]
            times["add_interface"].append(call("PUT", f"/routers/{rid}/add_router_interface", {"subnet_id": subnet})[1])
            times["set_gateway"].append(call("PUT", f"/routers/{rid}", {"router": {"external_gateway_info": {"network_id": public}}})[1])
            fip, t = call("POST", "/floatingips", {"floatingip": {"floating_network_id": public}})
            times["fip_create"].append(t)
            times["fip_associate"].append(call("PUT", f"/floatingips/{fip['floatingip']['id']}", {"floatingip": {"port_id": port}})[1])
        result = {}
        for k, v in times.items():
            v.sort()
            result[k] = {"p50_ms": round(v[len(v) // 2], 2), "p95_ms": round(v[int(len(v) * 0.95)], 2), "reference_ms": REFERENCE_MS[k]}
            print(f"{k:15s} p50 {result[k]['p50_ms']:6.2f} ms  p95 {result[k]['p95_ms']:6.2f} ms   real Neutron {REFERENCE_MS[k]} ms")
        Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
