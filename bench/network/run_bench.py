"""Drive the Neutron micro-benchmark (neutron-ovn/bench.py) against a fresh `ovnstack serve network`.

Started by bench/network/run.sh. Starts network_server.NetworkServer (private OVN NB + identity + serve network, all
on 127.0.0.1), issues an admin token from our identity, runs bench.py with `--auth token`, `--server-pid` (the
network service: its RSS tree is recorded) and `--watch` for the NB ovsdb-server and the identity service (CPU seconds
per phase), then adds what was measured (binary, build, commit, machine) to the JSON file bench.py wrote.

Usage: run_bench.py [--out FILE] [bench.py options such as --ports 200 --nets 20 --list-reps 20 --no-cleanup]
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "e2e"))
from network_server import NetworkServer  # noqa: E402

# The reference client sits in the shared folder beside the repository (`../shared`).
BENCH_PY = Path(os.environ.get("BENCH_PY", REPO.parent / "shared" / "reference" / "neutron-ovn" / "bench.py"))


def status_kib(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="results file (default bench/network/results-<UTC time>-<build>.json)")
    args, bench_args = parser.parse_known_args()
    if not BENCH_PY.exists():
        sys.exit(f"{BENCH_PY} is missing (set BENCH_PY)")
    with NetworkServer(cluster="benchnet", identity_args=["--token-lifetime", "14400"]) as net:
        build = "release" if "/release/" in str(net.binary.resolve()) else "debug" if "/debug/" in str(
            net.binary.resolve()) else "unknown"
        out = Path(args.out) if args.out else HERE / f"results-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{build}.json"
        token = net.admin_token()
        start_status = status_kib(net.pid)
        # The token goes in $OS_TOKEN (bench.py's default): not on a command line, and it may start with "-".
        cmd = [sys.executable, str(BENCH_PY), net.url, "--auth", "token",
               "--server-pid", str(net.pid), "--watch", f"ovsdb-nb={net.nb.pid}",
               "--watch", f"identity={net.identity.proc.pid}", "--out", str(out), *bench_args]
        print(f"== bench: {BENCH_PY.name} against {net.url} ({build} build {net.binary}, pid {net.pid})", flush=True)
        proc = subprocess.run(cmd, env=dict(os.environ, OS_TOKEN=token))
        end_status = status_kib(net.pid)
        if proc.returncode != 0:
            print(f"bench.py failed (exit {proc.returncode}); network service log: {net.log_path}")
            tail = net.log_path.read_text().splitlines()[-40:] if net.log_path.exists() else []
            print("\n".join(tail))
            return proc.returncode
        results = json.loads(out.read_text())
        results["ovnstack"] = {
            "binary": str(net.binary), "build": build,
            "commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--", "Sources")),
            "command": net.command,
            "network_vm_kib_after_start": start_status, "network_vm_kib_end": end_status,
            "nb_db_bytes_end": net.nb.db.stat().st_size,
            "machine": {"nproc": os.cpu_count(), "platform": platform.platform(),
                        "loadavg_end": open("/proc/loadavg").read().split()[:3]},
            "bench_args": bench_args,
        }
        out.write_text(json.dumps(results, indent=1))
        print(f"network service RSS {end_status['VmRSS'] / 1024:.1f} MiB (peak {end_status['VmHWM'] / 1024:.1f} MiB)")
        print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
