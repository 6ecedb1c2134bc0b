"""End-to-end: the real `openstack` CLI against `ovnstack serve identity`, with both clouds.yaml entries."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity_server import IdentityServer  # noqa: E402

OPENSTACK = Path(sys.executable).parent / "openstack"


@pytest.fixture(scope="module")
def server():
    with IdentityServer(cluster="e2e") as s:
        yield s


def run(server, cloud, *args, check=True):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(server.clouds_yaml))
    env.pop("OS_CLOUD", None)
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args], env=env, capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"openstack {' '.join(args)} failed rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def run_json(server, cloud, *args):
    return json.loads(run(server, cloud, *args, "-f", "json").stdout)


def test_clouds_yaml_has_both_entries(server):
    text = server.clouds_yaml.read_text()
    assert "e2e:" in text and "e2e-demo:" in text
    assert oct(server.clouds_yaml.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("cloud,project", [("e2e", "admin"), ("e2e-demo", "demo")])
def test_token_issue(server, cloud, project):
    token = run_json(server, cloud, "token", "issue")
    assert set(token) >= {"expires", "id", "project_id", "user_id"}
    assert len(token["id"]) >= 43
    projects = run_json(server, "e2e", "project", "list")
    assert token["project_id"] == next(p["ID"] for p in projects if p["Name"] == project)


@pytest.mark.parametrize("cloud", ["e2e", "e2e-demo"])
def test_catalog_list(server, cloud):
    catalog = run_json(server, cloud, "catalog", "list")
    types = {entry["Type"]: entry["Name"] for entry in catalog}
    assert types == {"identity": "keystone", "network": "neutron", "compute": "nova", "image": "glance"}
    identity = next(e for e in catalog if e["Type"] == "identity")
    assert {ep["interface"] for ep in identity["Endpoints"]} == {"public", "internal", "admin"}
    assert any(ep["url"] == f"{server.url}/v3/" for ep in identity["Endpoints"])


def test_project_create_list_delete(server):
    name = f"p-{uuid.uuid4().hex[:8]}"
    created = run_json(server, "e2e", "project", "create", "--description", "e2e project", name)
    assert created["name"] == name and created["domain_id"] == "default" and created["enabled"] is True
    assert name in {p["Name"] for p in run_json(server, "e2e", "project", "list")}
    dup = run(server, "e2e", "project", "create", name, check=False)
    assert dup.returncode != 0 and "409" in dup.stderr
    run(server, "e2e", "project", "delete", name)
    assert name not in {p["Name"] for p in run_json(server, "e2e", "project", "list")}


def test_user_create_role_add_and_assignment_list(server):
    project = f"p-{uuid.uuid4().hex[:8]}"
    user = f"u-{uuid.uuid4().hex[:8]}"
    run(server, "e2e", "project", "create", project)
    created = run_json(server, "e2e", "user", "create", "--password", "pw-e2e-123", "--email", f"{user}@example.org", user)
    assert created["name"] == user and created["email"] == f"{user}@example.org" and "password" not in created
    run(server, "e2e", "role", "add", "--user", user, "--project", project, "member")
    rows = run_json(server, "e2e", "role", "assignment", "list", "--user", user, "--project", project, "--names")
    assert [(r["Role"], r["User"], r["Project"]) for r in rows] == [("member", f"{user}@Default", f"{project}@Default")]
    everything = run_json(server, "e2e", "role", "assignment", "list", "--names")
    assert ("admin", "admin@Default", "admin@Default") in {(r["Role"], r["User"], r["Project"]) for r in everything}
    assert ("member", "demo@Default", "demo@Default") in {(r["Role"], r["User"], r["Project"]) for r in everything}
    run(server, "e2e", "role", "remove", "--user", user, "--project", project, "member")
    assert run_json(server, "e2e", "role", "assignment", "list", "--user", user, "--project", project) == []
    run(server, "e2e", "user", "delete", user)
    run(server, "e2e", "project", "delete", project)


def test_demo_is_a_member_not_an_admin(server):
    denied = run(server, "e2e-demo", "project", "create", f"x-{uuid.uuid4().hex[:6]}", check=False)
    assert denied.returncode != 0 and "403" in denied.stderr
    assert "identity:create_project" in denied.stderr
    mine = run_json(server, "e2e-demo", "project", "list", "--my-projects")
    assert [p["Name"] for p in mine] == ["demo"]
    rows = run_json(server, "e2e-demo", "role", "assignment", "list", "--auth-user", "--auth-project", "--names")
    assert {r["Role"] for r in rows} == {"member"}


def test_wrong_password_is_rejected(server):
    text = server.clouds_yaml.read_text().replace(server.password("demo"), "not-the-password")
    bad = server.workdir / "bad-clouds.yaml"
    bad.write_text(text)
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(bad))
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", "e2e-demo", "token", "issue"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "401" in proc.stderr
