"""Run tempest's `tempest.api.identity` tests against a fresh `ovnstack serve identity` (dynamic credentials).

Usage: .venv/bin/python e2e/identity_tempest.py [--regex R] [--concurrency N] [--keep]
Tests of APIs the service does not implement are listed, with the reason, in identity_tempest_exclude.txt.
Exit status 0 only when every test that ran passed (and at least one ran).
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity_server import IdentityServer  # noqa: E402

HERE = Path(__file__).resolve().parent
EXCLUDE = HERE / "identity_tempest_exclude.txt"
TEMPEST = Path(sys.executable).parent / "tempest"

CONF = """[DEFAULT]
log_dir = {ws}/logs
log_file = tempest.log

[auth]
use_dynamic_credentials = true
create_isolated_networks = false
default_credentials_domain_name = Default
admin_username = admin
admin_password = {admin_password}
admin_project_name = admin
admin_domain_name = Default
tempest_roles =

[identity]
auth_version = v3
uri_v3 = {url}/v3
region = RegionOne
v3_endpoint_type = public
catalog_type = identity
admin_role = admin
default_domain_id = default

[identity-feature-enabled]
api_v3 = true
trust = false
security_compliance = false
access_rules = false
domain_specific_drivers = false
api_extensions =

[service_available]
neutron = false
nova = false
glance = false
cinder = false
swift = false
horizon = false

[validation]
run_validation = false

[enforce_scope]
keystone = false
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regex", default=r"^tempest\.api\.identity\.")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the workspace and state directory")
    args = parser.parse_args()
    server = IdentityServer(cluster="tempest").start()
    try:
        ws = server.workdir / "tempest-ws"
        # A private workspace registry, so nothing is added to ~/.tempest/workspace.yaml.
        subprocess.run([str(TEMPEST), "init", "--workspace-path", str(server.workdir / "workspace.yaml"),
                        "--name", server.workdir.name, str(ws)], check=True, capture_output=True)
        (ws / "etc" / "tempest.conf").write_text(CONF.format(ws=ws, url=server.url, admin_password=server.password("admin")))
        cmd = [str(TEMPEST), "run", "--regex", args.regex, "--concurrency", str(args.concurrency)]
        if EXCLUDE.exists():
            cmd += ["--exclude-list", str(EXCLUDE)]
        proc = subprocess.run(cmd, cwd=ws, capture_output=True, text=True)
        out = proc.stdout + proc.stderr
        counts = {k: int(v) for k, v in re.findall(r"^\s*- (Passed|Failed|Skipped): (\d+)", out, re.M)}
        failed = [line for line in out.splitlines() if line.startswith("{") and "... FAILED" in line]
        for line in failed:
            print(line)
        print(f"tempest identity: passed={counts.get('Passed', 0)} failed={counts.get('Failed', 0)} skipped={counts.get('Skipped', 0)}")
        if args.keep:
            print(f"workspace kept at {ws}; server log {server.log_path}")
            (server.workdir / "tempest-output.txt").write_text(out)
        ok = proc.returncode == 0 and counts.get("Failed", 0) == 0 and counts.get("Passed", 0) > 0
        return 0 if ok else 1
    finally:
        if args.keep:
            server.stop()
        else:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
