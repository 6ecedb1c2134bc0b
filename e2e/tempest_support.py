"""What the tempest runners share: exclude lists with reasons, a private tempest workspace, the stestr results of
the last run, and the passed/failed/skipped table per module."""
import io
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent
TEMPEST, STESTR = BIN / "tempest", BIN / "stestr"


def auth_conf(ws, identity_url, admin_password, debug=False, isolated_networks=False):
    """tempest.conf's [DEFAULT], [auth] and [identity] sections every runner shares: dynamic credentials made by the
    admin of the cloud's Keystone v3 at `identity_url` (each runner appends its service's sections)."""
    return f"""[DEFAULT]
log_dir = {ws}/logs
log_file = tempest.log
debug = {str(debug).lower()}

[auth]
use_dynamic_credentials = true
create_isolated_networks = {str(isolated_networks).lower()}
default_credentials_domain_name = Default
admin_username = admin
admin_password = {admin_password}
admin_project_name = admin
admin_domain_name = Default
tempest_roles =

[identity]
auth_version = v3
uri_v3 = {identity_url}/v3
region = RegionOne
v3_endpoint_type = public
# neutron-tempest-plugin's projects client asks for this type; a cluster's admin endpoint is inside it.
v2_admin_endpoint_type = public
catalog_type = identity
admin_role = admin
default_domain_id = default
"""


def read_excludes(path, aliases=frozenset()):
    """(regexes to exclude, entries re-enabled because their [aliases] are all listed now)."""
    kept, enabled, reason = [], [], None
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("#"):
            reason = line.lstrip("# ")
            continue
        if not line:
            continue
        needs = re.match(r"\[([^\]]+)\]", reason or "")
        if needs and all(a.strip() in aliases for a in needs.group(1).split(",")):
            enabled.append(line)
        else:
            kept.append(line)
        reason = None
    return kept, enabled


def module_of(test_id):
    """tempest.api.network.test_ports.PortsTestJSON.test_x[id-..] -> tempest.api.network.test_ports (also setUpClass ids)."""
    inner = re.search(r"\(([^)]+)\)", test_id)
    name = inner.group(1) if inner and not test_id.startswith("tempest.") else test_id
    parts = re.sub(r"\[.*$", "", name).split(".")
    module = []
    for part in parts:
        if part[:1].isupper():
            break
        module.append(part)
    return ".".join(module)


def init_workspace(workdir, conf_text):
    """A tempest workspace in `workdir` registered in a private workspace.yaml, with `conf_text` as tempest.conf."""
    ws = workdir / "tempest-ws"
    subprocess.run([str(TEMPEST), "init", "--workspace-path", str(workdir / "workspace.yaml"), "--name", workdir.name, str(ws)],
                   check=True, capture_output=True)
    (ws / "etc" / "tempest.conf").write_text(conf_text)
    return ws


def run(ws, regex, concurrency, excludes, workdir, netns=None):
    """Runs tempest in `ws` (inside namespace `netns` if given); (return code, combined output) — the output is
    also kept in workdir/tempest-output.txt."""
    exclude_file = workdir / "exclude.txt"
    exclude_file.write_text("\n".join(excludes) + "\n")
    cmd = (["ip", "netns", "exec", netns] if netns else []) + [str(TEMPEST), "run", "--regex", regex, "--concurrency", str(concurrency), "--exclude-list", str(exclude_file)]
    proc = subprocess.run(cmd, cwd=ws, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    (workdir / "tempest-output.txt").write_text(out)
    return proc.returncode, out


def results_from_stestr(ws):
    """{test id: (status, details text)} of the last run in workspace `ws`, from its subunit stream."""
    import subunit
    import testtools
    stream = subprocess.run([str(STESTR), "last", "--subunit"], cwd=ws, capture_output=True, check=True).stdout
    results = {}

    def on_test(test):
        details = "".join(d.as_text() for k, d in test["details"].items() if k in ("traceback", "reason"))
        results[test["id"]] = (test["status"], details)

    summary = testtools.StreamToDict(on_test)
    summary.startTestRun()
    subunit.ByteStreamToStreamResult(io.BytesIO(stream), non_subunit_name="stdout").run(summary)
    summary.stopTestRun()
    return {k: v for k, v in results.items() if v[0] not in ("exists", "inprogress")}


def report(results, label, report_file=None, per_test=False):
    """Prints passed/failed/skipped per module (and each test's result when `per_test`) and each failure's
    traceback tail; returns the totals."""
    per_module = defaultdict(lambda: defaultdict(int))
    failures = []
    for test_id, (status, details) in sorted(results.items()):
        kind = {"success": "passed", "fail": "failed", "skip": "skipped", "xfail": "passed", "uxsuccess": "failed"}.get(status, "failed")
        per_module[module_of(test_id)][kind] += 1
        if kind == "failed":
            failures.append((test_id, details))
    width = max([len(m) for m in per_module] + [10])
    print(f"{'module':{width}}  passed  failed  skipped")
    totals = defaultdict(int)
    for module in sorted(per_module):
        c = per_module[module]
        for k in ("passed", "failed", "skipped"):
            totals[k] += c[k]
        print(f"{module:{width}}  {c['passed']:6d}  {c['failed']:6d}  {c['skipped']:7d}")
    print(f"{'total':{width}}  {totals['passed']:6d}  {totals['failed']:6d}  {totals['skipped']:7d}")
    if per_test:
        for test_id, (status, details) in sorted(results.items()):
            reason = details.strip().splitlines()[-1][:120] if status == "skip" and details.strip() else ""
            print(f"  {status:8} {test_id.split('[')[0]}{'  (' + reason + ')' if reason else ''}")
    for test_id, details in failures:
        tail = "\n    ".join(details.strip().splitlines()[-12:])
        print(f"FAILED {test_id}\n    {tail}")
    if report_file:
        Path(report_file).write_text("".join(f"==== {t}\n{d}\n" for t, d in failures))
        print(f"failure details in {report_file}")
    print(f"tempest {label}: passed={totals['passed']} failed={totals['failed']} skipped={totals['skipped']}")
    return totals
