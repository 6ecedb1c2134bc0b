"""Benchmark of `ovnstack serve identity`: token issue (password, token method), validation, and RSS.

Starts a fresh service on 127.0.0.1 (production PBKDF2 work factor) from OVNSTACK_BIN (default
.build/debug/ovnstack), measures sequentially over one keep-alive session like the reference Keystone
measurement (reference/keystone/tools/bench.py), prints a table and writes JSON to BENCH_OUT if set.

Usage: .venv/bin/python bench/identity_bench.py [N]      (default N=200; password issue uses N//2)
"""
import json
import os
import statistics
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from identity_server import IdentityServer  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(n, call, warmup=3):
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return {"n": n, "median_ms": round(statistics.median(samples), 3), "p95_ms": round(percentile(samples, 95), 3),
            "mean_ms": round(statistics.mean(samples), 3), "req_per_s": round(1000 / statistics.mean(samples), 1)}


def rss_kib(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with IdentityServer(cluster="bench") as server:
        base = server.url
        session = requests.Session()
        password = server.password("admin")
        scope = {"project": {"name": "admin", "domain": {"name": "Default"}}}
        password_body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"name": "Default"}, "password": password}}}, "scope": scope}}

        def issue_password():
            r = session.post(f"{base}/v3/auth/tokens", json=password_body)
            assert r.status_code == 201, r.text
            return r.headers["X-Subject-Token"]

        unscoped = session.post(f"{base}/v3/auth/tokens", json={"auth": {"identity": password_body["auth"]["identity"]}})
        parent = unscoped.headers["X-Subject-Token"]
        admin = issue_password()
        subject = issue_password()
        rss_start = rss_kib(server.proc.pid)

        def issue_token():
            r = session.post(f"{base}/v3/auth/tokens", json={"auth": {
                "identity": {"methods": ["token"], "token": {"id": parent}}, "scope": scope}})
            assert r.status_code == 201, r.text

        def validate(path):
            def call():
                r = session.get(f"{base}{path}", headers={"X-Auth-Token": admin, "X-Subject-Token": subject})
                assert r.status_code == 200, r.text
            return call

        def version():
            assert session.get(f"{base}/v3").status_code == 200

        results = {
            "password_issue": measure(max(10, n // 2), issue_password),
            "token_method_issue": measure(n, issue_token),
            "validate": measure(n, validate("/v3/auth/tokens")),
            "validate_nocatalog": measure(n, validate("/v3/auth/tokens?nocatalog")),
            "get_v3": measure(n, version),
        }
        results["rss_kib_after_start"] = rss_start
        results["rss_kib_after_bench"] = rss_kib(server.proc.pid)
        results["password_hash"] = "PBKDF2-HMAC-SHA256, 600000 iterations, 16-byte salt, 32-byte key"
        results["binary"] = str(server.proc.args[0])
        print(f"{'operation':24} {'median ms':>10} {'p95 ms':>10} {'req/s':>8}")
        for key in ("password_issue", "token_method_issue", "validate", "validate_nocatalog", "get_v3"):
            r = results[key]
            print(f"{key:24} {r['median_ms']:>10.3f} {r['p95_ms']:>10.3f} {r['req_per_s']:>8.1f}")
        print(f"RSS: {results['rss_kib_after_bench']['VmRSS'] / 1024:.1f} MiB (peak {results['rss_kib_after_bench']['VmHWM'] / 1024:.1f} MiB); "
              f"{results['password_hash']}")
        if os.environ.get("BENCH_OUT"):
            Path(os.environ["BENCH_OUT"]).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
