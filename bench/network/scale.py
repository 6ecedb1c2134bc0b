"""Scale benchmark of `ovnstack serve network`: latency of port create from the first to the 10,000th port
(p50/p95 per block of 1,000 — it should stay flat), listing 1,000 ports, and the service's RSS afterwards.

Runs the same private fixture as run_bench.py (e2e/network_server.py: NB ovsdb-server, identity, the
network service on 127.0.0.1). Usage: OVNSTACK_BIN=.build/release/ovnstack .venv/bin/python bench/network/scale.py [--ports 10000]
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


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ports", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=1_000)
    parser.add_argument("--out", default=str(HERE / f"scale-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"))
    args = parser.parse_args()
    with NetworkServer(cluster="benchscale", identity_args=["--token-lifetime", "14400"]) as net:
        s = requests.Session()
        s.headers["X-Auth-Token"] = net.admin_token()
        api = net.url + "/v2.0"
        created = s.post(f"{api}/networks", json={"network": {"name": "scale"}}).json()["network"]
        network = created["id"]
        # The default port quota (500 per project, as Neutron's) would stop the run: lift it for this project.
        r = s.put(f"{api}/quotas/{created['project_id']}", json={"quota": {"port": -1}})
        assert r.status_code == 200, r.text
        r = s.post(f"{api}/subnets", json={"subnet": {"network_id": network, "ip_version": 4, "cidr": "10.128.0.0/16"}})
        assert r.status_code == 201, r.text
        rss_start = rss_mib(net.pid)
        blocks, times = [], []
        for n in range(args.ports):
            t = time.perf_counter()
            r = s.post(f"{api}/ports", json={"port": {"network_id": network, "name": f"p{n}"}})
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 201, r.text
            if len(times) == args.block:
                blocks.append({"ports": n + 1, "p50_ms": round(percentile(times, 0.5), 2), "p95_ms": round(percentile(times, 0.95), 2)})
                print(f"ports {n + 1:6d}: create p50 {blocks[-1]['p50_ms']:.2f} ms p95 {blocks[-1]['p95_ms']:.2f} ms", flush=True)
                times = []
        lists = []
        for _ in range(10):
            t = time.perf_counter()
            r = s.get(f"{api}/ports", params={"limit": 1000})
            lists.append((time.perf_counter() - t) * 1000)
            assert len(r.json()["ports"]) == 1000
        by_network = []
        for _ in range(10):
            t = time.perf_counter()
            r = s.get(f"{api}/ports", params={"network_id": network, "limit": 1000})
            by_network.append((time.perf_counter() - t) * 1000)
            assert len(r.json()["ports"]) == 1000
        full = time.perf_counter()
        count = len(s.get(f"{api}/ports").json()["ports"])
        full = (time.perf_counter() - full) * 1000
        result = {
            "ports": args.ports, "blocks": blocks,
            "list_1000_p50_ms": round(percentile(lists, 0.5), 2), "list_1000_p95_ms": round(percentile(lists, 0.95), 2),
            "list_1000_of_network_p50_ms": round(percentile(by_network, 0.5), 2),
            "list_1000_of_network_p95_ms": round(percentile(by_network, 0.95), 2),
            "list_all_ms": round(full, 1), "listed": count,
            "rss_mib_start": round(rss_start, 1), "rss_mib_end": round(rss_mib(net.pid), 1),
            "nb_db_bytes": net.nb.db.stat().st_size, "binary": str(net.binary),
        }
        print(json.dumps({k: v for k, v in result.items() if k != "blocks"}, indent=1))
        Path(args.out).write_text(json.dumps(result, indent=1))
        print(f"results: {args.out}")


if __name__ == "__main__":
    main()
