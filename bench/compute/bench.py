"""Compute benchmark: boots on a fresh `ovnstack up` cluster, timed from the client like a user would see them.

Usage: .venv/bin/python bench/compute/bench.py [--boots 20] [--concurrent 20] [--out FILE]   (root; builds nothing)
OVNSTACK_BIN picks the binary (default .build/release/ovnstack, else .build/debug/ovnstack).

Measures, through the real APIs with one keep-alive session (requests, admin on the demo network):
- `up` wall time (from `ovnstack up` start to its exit, image and networks included);
- sequential boots: POST /servers → ACTIVE, → its fixed IP answers ping from a reference instance's namespace,
  → a new floating IP answers ping from the `ext` namespace (p50/p95 over --boots);
- --concurrent boots at once, spread over the compute nodes: time until every one answers ping on its fixed IP;
- RSS of the processes in an idle instance's namespace (its guest), and of each compute and metadata agent;
- metadata latency: GET meta_data.json from an instance's network namespace through the OVN metadata path (p50/p95);
- `ovnstack launch` on the running cloud until the server answers ssh through its floating IP.
Writes bench/compute/results-<UTC time>-<build>.json (or --out).
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def binary():
    if os.environ.get("OVNSTACK_BIN"):
        return Path(os.environ["OVNSTACK_BIN"]).resolve()
    release = ROOT / ".build/release/ovnstack"
    return release if release.exists() else ROOT / ".build/debug/ovnstack"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] if values else None


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Cloud:
    def __init__(self, state, name):
        self.state, self.name = state, name
        ports = json.loads((state / "cluster.json").read_text())["apiPorts"]
        self.compute = f"http://127.0.0.1:{ports['compute']}/v2.1"
        self.network = f"http://127.0.0.1:{ports['network']}/v2.0"
        self.image_url = f"http://127.0.0.1:{ports['image']}/v2"
        self.identity = f"http://127.0.0.1:{ports['identity']}/v3"
        token, self.project = self.login("demo")
        self.s = requests.Session()
        self.s.headers["X-Auth-Token"] = token
        self.image = self.s.get(f"{self.image_url}/images?name=cirros", timeout=30).json()["images"][0]["id"]
        self.net = self.s.get(f"{self.network}/networks?name=demo-net", timeout=30).json()["networks"][0]["id"]
        self.public = self.s.get(f"{self.network}/networks?name=public", timeout=30).json()["networks"][0]["id"]

    def login(self, user):
        password = (self.state / f"ctl/identity/{user}-password").read_text().strip()
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"}, "password": password}}},
            "scope": {"project": {"name": user, "domain": {"name": "Default"}}}}}
        r = requests.post(f"{self.identity}/auth/tokens", json=auth, timeout=30)
        return r.headers["X-Subject-Token"], r.json()["token"]["project"]["id"]

    def raise_quota(self, instances):
        """As admin, room for `instances` m1.tiny servers in the demo project (the default quota is 10)."""
        admin, _ = self.login("admin")
        r = requests.put(f"{self.compute}/os-quota-sets/{self.project}", headers={"X-Auth-Token": admin}, timeout=30,
                         json={"quota_set": {"instances": instances, "cores": instances, "ram": 512 * instances}})
        r.raise_for_status()

    def boot(self, name, hints=None):
        body = {"server": {"name": name, "imageRef": self.image, "flavorRef": "1", "networks": [{"uuid": self.net}]}}
        if hints:
            body["os:scheduler_hints"] = hints
        r = self.s.post(f"{self.compute}/servers", json=body, timeout=60)
        r.raise_for_status()
        return r.json()["server"]["id"]

    def wait_active(self, sid, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.s.get(f"{self.compute}/servers/{sid}", timeout=30).json()["server"]
            if server["status"] == "ACTIVE":
                return server
            if server["status"] == "ERROR":
                raise RuntimeError(f"{sid} ERROR: {server.get('fault')}")
            time.sleep(0.02)
        raise TimeoutError(f"{sid} not ACTIVE in {timeout} s")

    def fixed_ip(self, sid):
        ports = self.s.get(f"{self.network}/ports?device_id={sid}", timeout=30).json()["ports"]
        return ports[0]["fixed_ips"][0]["ip_address"], ports[0]["id"]

    def delete(self, sid):
        self.s.delete(f"{self.compute}/servers/{sid}", timeout=30)


def ping_until(netns, address, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["ip", "netns", "exec", netns, "ping", "-c1", "-W1", "-i0.2", address], capture_output=True).returncode == 0:
            return time.monotonic()
        time.sleep(0.02)
    raise TimeoutError(f"{address} not pingable from {netns} in {timeout} s")


def metadata_latency(netns, requests_count):
    """GET meta_data.json from an instance's network namespace (guest → br-int → metadata namespace → agent →
    nova-metadata), each a new connection as cirros' curl makes them; p50/p95 in ms, the first (uncached) apart."""
    times = []
    for _ in range(requests_count):
        out = subprocess.run(["ip", "netns", "exec", netns, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                              "http://169.254.169.254/openstack/latest/meta_data.json"], capture_output=True, text=True).stdout.split()
        if len(out) != 2 or out[0] != "200":
            raise RuntimeError(f"metadata from {netns}: {out}")
        times.append(float(out[1]) * 1000)
    rest = times[1:] or times
    return {"metadata_first_ms": round(times[0], 2), "metadata_p50_ms": round(pct(rest, 50), 2),
            "metadata_p95_ms": round(pct(rest, 95), 2), "metadata_requests": len(times)}


def instance_netns(cloud, sid):
    hits = [ns for ns in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split() if ns.endswith(sid)]
    return hits[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--boots", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--metadata-requests", type=int, default=200)
    parser.add_argument("--out")
    args = parser.parse_args()
    ovnstack = binary()
    os.environ["OVNSTACK_BIN"] = str(ovnstack)  # absolute: the services' containers exec it
    tmp = Path(tempfile.mkdtemp(prefix="ovnstack-bench-compute-"))
    name = "bc" + uuid.uuid4().hex[:5]
    state = tmp / "state"
    # Room for the reference and the concurrent boots: 16 vCPUs per compute node (Nova would overcommit its CPUs).
    spec = tmp / "cluster.yaml"
    spec.write_text("nodes:\n  - {name: ctl, roles: [control, gateway]}\n"
                    + "".join(f"  - {{name: c{i}, roles: [compute], capacity: {{vcpus: 16}}}}\n" for i in (1, 2)))
    options = ["--name", name, "--state-dir", str(state), "--clouds-yaml", str(tmp / "clouds.yaml")]
    started = time.monotonic()
    up = subprocess.run([str(ovnstack), "up", "-f", str(spec), *options], capture_output=True, text=True, timeout=300)
    up_seconds = time.monotonic() - started
    if up.returncode != 0:
        subprocess.run([str(ovnstack), "down", "--purge", *options], capture_output=True, text=True, timeout=300)
        raise SystemExit(up.stdout + up.stderr)
    shown = ovnstack.relative_to(ROOT) if ovnstack.is_relative_to(ROOT) else ovnstack.name  # no machine path in results
    result = {"binary": str(shown), "build": "release" if "/release/" in str(ovnstack) else "debug",
              "commit": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "nproc": os.cpu_count(), "up_seconds": round(up_seconds, 2)}
    try:
        cloud = Cloud(state, name)
        cloud.raise_quota(args.concurrent + 2)  # the reference, the burst, and the launch while the burst is deleted
        for rule in ({"protocol": "icmp"}, {"protocol": "tcp", "port_range_min": 22, "port_range_max": 22}):
            sg = cloud.s.get(f"{cloud.network}/security-groups?name=default", timeout=30).json()["security_groups"][0]["id"]
            cloud.s.post(f"{cloud.network}/security-group-rules", json={"security_group_rule": {
                "security_group_id": sg, "direction": "ingress", "ethertype": "IPv4", **rule}}, timeout=30)
        reference = cloud.boot("bench-ref")
        cloud.wait_active(reference)
        ref_ns = instance_netns(cloud, reference)
        ping_until(ref_ns, "10.0.0.1")
        active, fixed, floating = [], [], []
        for i in range(args.boots):
            t0 = time.monotonic()
            sid = cloud.boot(f"bench-{i}")
            cloud.wait_active(sid)
            active.append(time.monotonic() - t0)
            ip, port = cloud.fixed_ip(sid)
            fixed.append(ping_until(ref_ns, ip) - t0)
            fip = cloud.s.post(f"{cloud.network}/floatingips", json={"floatingip": {
                "floating_network_id": cloud.public, "port_id": port}}, timeout=30).json()["floatingip"]
            floating.append(ping_until(f"{name}-ext", fip["floating_ip_address"]) - t0)
            cloud.s.delete(f"{cloud.network}/floatingips/{fip['id']}", timeout=30)
            if i == args.boots - 1:
                time.sleep(2)
                pids = subprocess.run(["ip", "netns", "pids", instance_netns(cloud, sid)], capture_output=True, text=True).stdout.split()
                result["idle_instance_rss_kib"] = sum(rss_kib(p) for p in pids)
                result["idle_instance_processes"] = len(pids)
            cloud.delete(sid)
        for label, values in (("active", active), ("fixed_ip_pingable", fixed), ("floating_ip_pingable", floating)):
            result[f"{label}_p50_s"] = round(pct(values, 50), 3)
            result[f"{label}_p95_s"] = round(pct(values, 95), 3)
        time.sleep(3)
        t0 = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.concurrent) as pool:
            sids = list(pool.map(lambda i: cloud.boot(f"burst-{i}"), range(args.concurrent)))
            list(pool.map(cloud.wait_active, sids))
            list(pool.map(lambda sid: ping_until(ref_ns, cloud.fixed_ip(sid)[0], timeout=120), sids))
        result["concurrent"] = args.concurrent
        result["concurrent_all_pingable_s"] = round(time.monotonic() - t0, 2)
        for node in ("c1", "c2"):
            for agent in ("compute-agent", "metadata-agent"):
                pid = int((state / node / f"run/{agent}.pid").read_text())
                result[f"{agent.split('-')[0]}_agent_{node}_rss_kib"] = rss_kib(pid)
        result.update(metadata_latency(ref_ns, args.metadata_requests))
        for sid in sids:
            cloud.delete(sid)
        cloud.delete(reference)
        # `ovnstack launch` on the running cloud: keypair, rules, boot, floating IP, until ssh answers.
        t0 = time.monotonic()
        launch = subprocess.run([str(ovnstack), "launch", "--name", name, "--state-dir", str(state), "bench-launch"],
                                capture_output=True, text=True, timeout=300)
        if launch.returncode != 0:
            raise SystemExit(launch.stdout + launch.stderr)
        result["launch_to_sshable_s"] = round(time.monotonic() - t0, 2)
    finally:
        subprocess.run([str(ovnstack), "down", "--purge", *options], capture_output=True, text=True, timeout=300)
    out = Path(args.out) if args.out else ROOT / "bench/compute" / f"results-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{result['build']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
