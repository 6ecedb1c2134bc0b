"""End-to-end: the real `openstack` CLI (and plain HTTP for what the CLI hides) against `ovnstack serve image`.

`e2eimg` is the admin cloud, `e2eimg-demo` the demo member. Each test checks what the CLI prints and, where it
matters, the bytes and hashes the service keeps.
"""
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from image_server import ImageServer  # noqa: E402

OPENSTACK = Path(sys.executable).parent / "openstack"
ADMIN, DEMO = "e2eimg", "e2eimg-demo"


@pytest.fixture(scope="module")
def img():
    with ImageServer(cluster=ADMIN) as s:
        yield s


def osc(img, cloud, *args, check=True):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(img.clouds_yaml))
    env.pop("OS_CLOUD", None)
    proc = subprocess.run([str(OPENSTACK), "--os-cloud", cloud, *args], env=env, capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"openstack {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


def osc_json(img, cloud, *args):
    return json.loads(osc(img, cloud, *args, "-f", "json").stdout)


def name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def payload(tmp_path):
    # Larger than the 1 MiB cap on JSON bodies: an upload streams to its file, it is never collected whole.
    data = os.urandom(3_000_000) + b"ovnstack"
    path = tmp_path / "disk.raw"
    path.write_bytes(data)
    return path, data


def test_create_with_file_lists_shows_and_downloads(img, payload, tmp_path):
    path, data = payload
    n = name("img")
    created = osc_json(img, DEMO, "image", "create", "--file", str(path), "--disk-format", "raw", "--container-format", "bare", n)
    assert created["name"] == n
    shown = osc_json(img, DEMO, "image", "show", n)
    assert shown["status"] == "active"
    assert shown["size"] == len(data)
    assert shown["checksum"] == hashlib.md5(data).hexdigest()
    assert any(i["Name"] == n for i in osc_json(img, DEMO, "image", "list"))
    out = tmp_path / "back.raw"
    osc(img, DEMO, "image", "save", "--file", str(out), n)
    assert out.read_bytes() == data
    r = requests.get(f"{img.url}/v2/images/{shown['id']}", headers={"X-Auth-Token": img.token("demo")}, timeout=30)
    assert r.json()["os_hash_value"] == hashlib.sha512(data).hexdigest()
    osc(img, DEMO, "image", "delete", n)
    assert not any(i["Name"] == n for i in osc_json(img, DEMO, "image", "list"))


def test_set_properties_and_name(img, payload):
    path, _ = payload
    n = name("img")
    image = osc_json(img, DEMO, "image", "create", "--file", str(path), n)
    osc(img, DEMO, "image", "set", "--property", "hw_disk_bus=virtio", "--min-ram", "64", "--name", n + "-renamed", image["id"])
    shown = osc_json(img, DEMO, "image", "show", image["id"])
    assert shown["name"] == n + "-renamed"
    assert shown["min_ram"] == 64
    props = shown.get("properties") or {}
    assert props.get("hw_disk_bus") == "virtio"
    osc(img, DEMO, "image", "delete", image["id"])


def test_private_images_are_invisible_to_other_projects_and_public_needs_admin(img, payload):
    path, _ = payload
    n = name("private")
    image = osc_json(img, ADMIN, "image", "create", "--file", str(path), "--private", n)
    assert osc(img, DEMO, "image", "show", image["id"], check=False).returncode != 0
    assert not any(i["ID"] == image["id"] for i in osc_json(img, DEMO, "image", "list"))
    refused = osc(img, DEMO, "image", "create", "--public", name("pub"), check=False)
    assert refused.returncode != 0 and "403" in refused.stderr
    osc(img, ADMIN, "image", "set", "--public", image["id"])
    assert any(i["ID"] == image["id"] for i in osc_json(img, DEMO, "image", "list"))
    osc(img, ADMIN, "image", "delete", image["id"])


def test_protected_image_is_not_deleted(img, payload):
    path, _ = payload
    image = osc_json(img, DEMO, "image", "create", "--file", str(path), "--protected", name("prot"))
    refused = osc(img, DEMO, "image", "delete", image["id"], check=False)
    assert refused.returncode != 0
    assert osc_json(img, DEMO, "image", "show", image["id"])["status"] == "active"
    osc(img, DEMO, "image", "set", "--unprotected", image["id"])
    osc(img, DEMO, "image", "delete", image["id"])


def test_bad_input_gets_glance_errors(img):
    token = img.token("demo")
    h = {"X-Auth-Token": token, "Content-Type": "application/json"}
    cases = [
        ({"name": "x", "min_ram": 18446744073709551616}, 400),
        ({"name": "x", "min_disk": -1}, 400),
        ({"name": "x", "disk_format": "floppy"}, 400),
        ({"name": "x", "status": "active"}, 403),
        ({"name": "x", "visibility": "everyone"}, 400),
        ({"name": "x", "id": "not-a-uuid"}, 400),
    ]
    for body, status in cases:
        r = requests.post(f"{img.url}/v2/images", json=body, headers=h, timeout=30)
        assert r.status_code == status, (body, r.status_code, r.text)
        assert set(r.json()) == {"code", "title", "message"}, r.text
    r = requests.post(f"{img.url}/v2/images", data="{not json", headers=h, timeout=30)
    assert r.status_code == 400
    missing = str(uuid.uuid4())
    r = requests.get(f"{img.url}/v2/images/{missing}", headers=h, timeout=30)
    assert r.status_code == 404 and missing in r.json()["message"]
    # Data for an image twice is a conflict; a patch with the wrong content type is 415.
    image = requests.post(f"{img.url}/v2/images", json={"name": "twice", "disk_format": "raw", "container_format": "bare"},
                          headers=h, timeout=30).json()
    up = {"X-Auth-Token": token, "Content-Type": "application/octet-stream"}
    assert requests.put(f"{img.url}/v2/images/{image['id']}/file", data=b"abc", headers=up, timeout=30).status_code == 204
    assert requests.put(f"{img.url}/v2/images/{image['id']}/file", data=b"abc", headers=up, timeout=30).status_code == 409
    assert requests.patch(f"{img.url}/v2/images/{image['id']}", json=[], headers=h, timeout=30).status_code == 415
    assert requests.delete(f"{img.url}/v2/images/{image['id']}", headers=h, timeout=30).status_code == 204


def test_paging_and_filters(img):
    token = img.token("demo")
    h = {"X-Auth-Token": token, "Content-Type": "application/json"}
    tag = name("page")
    ids = {requests.post(f"{img.url}/v2/images", json={"name": f"{tag}-{i}", "tags": [tag]}, headers=h, timeout=30).json()["id"]
           for i in range(5)}
    # The next links keep the filter and the sort: following them returns each image once, in order.
    seen, url = [], f"{img.url}/v2/images?tag={tag}&limit=2&sort=name:asc"
    while url:
        page = requests.get(url, headers=h, timeout=30).json()
        assert len(page["images"]) <= 2
        seen += [i["id"] for i in page["images"]]
        url = img.url + page["next"] if "next" in page else None
    assert sorted(seen) == sorted(ids) and len(seen) == len(ids)
    names = [requests.get(f"{img.url}/v2/images/{i}", headers=h, timeout=30).json()["name"] for i in seen]
    assert names == sorted(names)
    # limit=0 is an empty page, and a filter on a property no image has matches none.
    assert requests.get(f"{img.url}/v2/images?limit=0", headers=h, timeout=30).json()["images"] == []
    assert requests.get(f"{img.url}/v2/images?tag={tag}&hw_nothing=x", headers=h, timeout=30).json()["images"] == []
    one = sorted(ids)[0]
    r = requests.get(f"{img.url}/v2/images?id=in:{one}", headers=h, timeout=30).json()
    assert [i["id"] for i in r["images"]] == [one]
    for i in ids:
        requests.delete(f"{img.url}/v2/images/{i}", headers=h, timeout=30)


def test_restart_keeps_images_and_data(img, payload, tmp_path):
    path, data = payload
    image = osc_json(img, DEMO, "image", "create", "--file", str(path), name("keep"))
    img.restart()
    shown = osc_json(img, DEMO, "image", "show", image["id"])
    assert shown["status"] == "active" and shown["checksum"] == hashlib.md5(data).hexdigest()
    out = tmp_path / "after.raw"
    osc(img, DEMO, "image", "save", "--file", str(out), image["id"])
    assert out.read_bytes() == data
    osc(img, DEMO, "image", "delete", image["id"])
