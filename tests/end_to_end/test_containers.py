"""The container path, run for real: the images `make images` built, docker-compose.yml
brought up by `scripts/compose.sh` (podman-compose), and the stack attacked as a user's
would be: missing secrets, a shared rate limit across replicas, read-your-writes from one
replica to another, Neo4j killed mid-load, a wrong password, down and up again.

Skipped, with one line saying how to get one, where no container engine runs or the
images are not built (`make test` builds them when podman is there, and installs podman
when it runs as root).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.conftest import ROOT, SESSION_LABEL, remove_abandoned_containers

ENGINE_CONF = str(ROOT / "containers" / "containers.conf")
IMAGES_ENV = ROOT / "build" / "images.env"
PROJECT = "kg-test-stack"
API_PORT, BROWSER_PORT, BOLT_PORT = 28000, 28474, 28687
API = f"http://127.0.0.1:{API_PORT}"
KEY = "compose-test-key-" + secrets.token_hex(8)
DIGEST = hashlib.sha256(KEY.encode()).hexdigest()
WRITE = {"Authorization": f"Bearer {KEY}"}
ARTICLE = "taiwan-us-tech-talks-article"
#: 50 requests in any 10 seconds per client, shared by the replicas
PER_MINUTE, BURST = 300, 50


def _engine_runs() -> bool:
    if shutil.which("podman") is None:
        return False
    env = {**os.environ, "CONTAINERS_CONF": ENGINE_CONF}
    return subprocess.run(["podman", "info"], env=env, capture_output=True).returncode == 0


pytestmark = [
    pytest.mark.containers,
    pytest.mark.skipif(
        not _engine_runs(),
        reason="no container engine: install Debian's podman and runc (make test does as root)",
    ),
    pytest.mark.skipif(
        not IMAGES_ENV.exists(), reason="the images are not built: run `make images`"
    ),
]


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONTAINERS_CONF": ENGINE_CONF}
    return subprocess.run(
        ["podman", *args], env=env, capture_output=True, text=True, check=check, timeout=300
    )


def stack_env(**changes: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "KG_")) and k not in ("DOCKER_HOST",)
    }
    env.update(
        KG_COMPOSE_PROJECT=PROJECT,
        NEO4J_PASSWORD="stack-" + secrets.token_hex(12),
        KG_API_KEY_HASHES=f"tester:{DIGEST}",
        KG_HTTP_PORT=str(API_PORT),
        NEO4J_HTTP_PORT=str(BROWSER_PORT),
        NEO4J_BOLT_PORT=str(BOLT_PORT),
        KG_RATE_LIMIT_PER_MINUTE=str(PER_MINUTE),
        KG_RATE_LIMIT_BURST=str(BURST),
    )
    env.update(changes)
    return env


def compose(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "compose.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )


def up(env: dict[str, str]) -> None:
    done = compose(env, "up")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def containers(service: str) -> list[str]:
    names = podman(
        "ps",
        "--format",
        "{{.Names}}",
        "--filter",
        f"label=com.docker.compose.project={PROJECT}",
        "--filter",
        f"label=com.docker.compose.service={service}",
    ).stdout.split()
    return sorted(names)


def inside(container: str, method: str, path: str, **request: Any) -> dict[str, Any]:
    """A request sent from inside one replica to itself: which replica answers is known."""
    script = (
        "import json, sys, urllib.request, urllib.error\n"
        "spec = json.loads(sys.argv[1])\n"
        "req = urllib.request.Request('http://127.0.0.1:8000' + spec['path'], method=spec['method'],"
        " data=spec['body'].encode() if spec['body'] is not None else None,"
        " headers=spec['headers'])\n"
        "try:\n"
        "    r = urllib.request.urlopen(req, timeout=30)\n"
        "except urllib.error.HTTPError as e:\n"
        "    r = e\n"
        "print(json.dumps({'status': r.status, 'headers': dict(r.headers), 'body': r.read().decode()}))\n"
    )
    spec = {
        "method": method,
        "path": path,
        "body": json.dumps(request["json"]) if "json" in request else None,
        "headers": {"content-type": "application/json", **request.get("headers", {})},
    }
    out = podman("exec", container, "python3", "-c", script, json.dumps(spec)).stdout
    answer: dict[str, Any] = json.loads(out)
    answer["headers"] = {k.lower(): v for k, v in answer["headers"].items()}
    return answer


def wait_ready(timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{API}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise AssertionError(f"the API was not ready through {API} after {timeout} s")


@pytest.fixture(scope="module")
def stack() -> Iterator[dict[str, str]]:
    env = stack_env()
    compose(env, "down", "-v")  # whatever an earlier, killed run left
    up(env)
    try:
        yield env
    finally:
        compose(env, "down", "-v")


def test_compose_refuses_to_start_without_each_secret() -> None:
    for missing in ("NEO4J_PASSWORD", "KG_API_KEY_HASHES"):
        env = stack_env(KG_COMPOSE_PROJECT="kg-test-nosecret")
        env.pop(missing)
        done = compose(env, "up")
        assert done.returncode == 2, done.stderr
        assert missing in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.count("\n") <= 2  # one line, naming what to set
    leftover = podman(
        "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=kg-test-nosecret"
    )
    assert leftover.stdout.strip() == ""  # nothing was started


def test_the_article_graph_is_served_through_the_published_port(stack: dict[str, str]) -> None:
    ready = httpx.get(f"{API}/readyz", timeout=30)
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    tsmc = httpx.get(f"{API}/entities/tsmc", timeout=30)
    assert tsmc.status_code == 200 and tsmc.json()["entity"]["name"] == "TSMC"
    assert "text/html" in httpx.get(f"{API}/", timeout=30).headers["content-type"]  # the page
    browser = httpx.get(f"http://127.0.0.1:{BROWSER_PORT}/browser/", timeout=30)
    assert browser.status_code == 200 and "Neo4j" in browser.text
    assert len(containers("api")) == 2
    # the seed ran once, as its own service, and is done
    seed = containers("seed")
    assert (
        seed == []
        or podman("inspect", "--format", "{{.State.ExitCode}}", seed[0]).stdout.strip() == "0"
    )


def test_writes_need_a_key_in_production(stack: dict[str, str]) -> None:
    body = {"title": "No key"}
    assert httpx.put(f"{API}/sources/no-key", json=body).status_code == 401


def test_two_replicas_share_one_rate_limit(stack: dict[str, str]) -> None:
    with httpx.Client(base_url=API, timeout=30) as http, ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        statuses = list(pool.map(lambda _: http.get("/stats").status_code, range(100)))
        assert time.monotonic() - started < 10  # within one window
    passed, limited = statuses.count(200), statuses.count(429)
    # each replica alone would let 50 through: nearly all 100 would pass if they did not share
    assert 0 < passed <= BURST, statuses
    assert limited >= 100 - BURST and passed + limited == len(statuses)
    # and both replicas answered: each counted requests of its own
    for replica in containers("api"):
        metrics = inside(replica, "GET", "/metrics")["body"]
        assert 'route="/stats"' in metrics, replica


def test_metrics_are_each_replicas_own(stack: dict[str, str]) -> None:
    assert httpx.get(f"{API}/metrics").status_code == 404  # not through the proxy
    pids = set()
    for replica in containers("api"):
        answer = inside(replica, "GET", "/metrics")
        assert answer["status"] == 200
        pids.update(
            line for line in answer["body"].splitlines() if line.startswith("process_start_time")
        )
    assert len(pids) == 2  # two processes, each its own numbers


def test_a_write_through_one_replica_is_read_through_the_other(stack: dict[str, str]) -> None:
    first, second = containers("api")
    source = {"title": "Written through one replica"}
    wrote = inside(first, "PUT", "/sources/via-replica-1", json=source, headers=WRITE)
    assert wrote["status"] == 201, wrote
    bookmark = wrote["headers"]["x-kg-bookmark"]
    read = inside(second, "GET", "/sources/via-replica-1", headers={"X-KG-Bookmark": bookmark})
    assert read["status"] == 200
    assert json.loads(read["body"])["source"]["title"] == source["title"]
    # the replicas share one signing key: a bookmark neither gave out is refused by both
    forged = bookmark[:-4] + ("AAAA" if not bookmark.endswith("AAAA") else "BBBB")
    refused = inside(second, "GET", "/sources/via-replica-1", headers={"X-KG-Bookmark": forged})
    assert refused["status"] == 422


def test_neo4j_killed_mid_load_loses_nothing_acknowledged(stack: dict[str, str]) -> None:
    (neo4j,) = containers("neo4j")
    acknowledged: list[str] = []
    refused: list[int] = []

    def write(i: int) -> None:
        entity = {"kind": "person", "name": f"Load {i}", "sources": [ARTICLE]}
        try:
            answer = httpx.put(f"{API}/entities/load-{i}", json=entity, headers=WRITE, timeout=60)
        except httpx.TransportError:
            refused.append(-1)
            return
        if answer.status_code in (200, 201):
            acknowledged.append(f"load-{i}")
        else:
            refused.append(answer.status_code)
            if answer.status_code not in (503, 504):
                print(i, answer.status_code, answer.text)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(30)))
        podman("kill", neo4j)
        list(pool.map(write, range(30, 40)))
    assert len(acknowledged) >= 30
    assert refused and set(refused) <= {503, 504, -1}, refused
    down = httpx.get(f"{API}/readyz", timeout=60)  # connecting gives up after 5 s
    assert down.status_code == 503 and down.headers["retry-after"]
    podman("start", neo4j)
    wait_ready()
    time.sleep(10)  # the key's window of 50 writes is over
    for i in range(40, 43):  # it writes again
        write(i)
    with httpx.Client(base_url=API, timeout=30) as http:
        missing = [e for e in acknowledged if http.get(f"/entities/{e}").status_code != 200]
    assert missing == [] and "load-42" in acknowledged


def _livez_count(replica: str) -> float:
    metrics = inside(replica, "GET", "/metrics")["body"]
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("kg_http_request_duration_seconds_count") and 'route="/livez"' in line
    )


def test_a_replica_killed_leaves_the_rotation_and_rejoins_when_started(
    stack: dict[str, str],
) -> None:
    """Found by the outside tester: nginx resolved `api` once, so a killed replica stalled
    requests for 40 s and, restarted on a new address, never got traffic again."""
    first, _second = containers("api")
    podman("kill", first)
    with httpx.Client(base_url=API, timeout=10) as http:
        started = time.monotonic()
        statuses = [http.get("/livez").status_code for _ in range(20)]
        assert statuses == [200] * 20 and time.monotonic() - started < 15
        podman("start", first)
        deadline = time.monotonic() + 60
        while podman("healthcheck", "run", first, check=False).returncode != 0:
            assert time.monotonic() < deadline, "the replica did not come back"
            time.sleep(1)
        deadline = time.monotonic() + 30
        while _livez_count(first) == 0:  # a new process: only traffic since its start
            assert time.monotonic() < deadline, "the started replica gets no traffic"
            for _ in range(10):
                assert http.get("/livez").status_code == 200
            time.sleep(0.5)


def test_a_wrong_neo4j_password_is_503_and_logged_without_it(stack: dict[str, str]) -> None:
    images = dict(
        line.split("=", 1)
        for line in IMAGES_ENV.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    wrong = "wrong-" + secrets.token_hex(10)
    name = f"{PROJECT}-wrong-password"
    podman("rm", "-f", name, check=False)
    podman(
        "run", "-d", "--name", name, "--network", f"{PROJECT}_default",
        "-p", "127.0.0.1:28001:8000",
        "-e", "NEO4J_URI=bolt://neo4j:7687", "-e", f"NEO4J_PASSWORD={wrong}",
        "-e", "KG_ENVIRONMENT=production", "-e", f"KG_API_KEY_HASHES={DIGEST}",
        images["KG_API_IMAGE"],
        "uvicorn", "--factory", "api.main:create_app", "--host", "0.0.0.0", "--port", "8000",
    )  # fmt: skip
    try:
        deadline, status = time.monotonic() + 60, 0
        while time.monotonic() < deadline:
            try:
                status = httpx.get("http://127.0.0.1:28001/readyz", timeout=5).status_code
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert status == 503
        logs = podman("logs", name).stdout + podman("logs", name).stderr
        assert "not ready" in logs and ("Unauthorized" in logs or "AuthError" in logs), logs[-2000:]
        assert wrong not in logs
    finally:
        podman("rm", "-f", name, check=False)


def test_down_then_up_keeps_the_data_and_down_v_resets_it(stack: dict[str, str]) -> None:
    entity = {"kind": "person", "name": "Kept across restarts", "sources": [ARTICLE]}
    assert httpx.put(f"{API}/entities/kept", json=entity, headers=WRITE).status_code in (200, 201)
    assert compose(stack, "down").returncode == 0
    assert containers("api") == []
    # the volume keeps the password it was made with: another one is refused, saying why
    other = compose({**stack, "NEO4J_PASSWORD": "another-" + secrets.token_hex(8)}, "up")
    assert other.returncode != 0
    assert "make compose-down ARGS=-v" in other.stderr, other.stderr[-2000:]
    assert compose(stack, "down").returncode == 0
    up(stack)
    assert httpx.get(f"{API}/entities/kept").status_code == 200  # the volume kept it
    done = compose(stack, "down", "-v")
    assert done.returncode == 0, done.stderr
    up(stack)
    assert httpx.get(f"{API}/entities/kept").status_code == 404  # a new, empty volume...
    assert httpx.get(f"{API}/entities/tsmc").status_code == 200  # ...seeded again


def test_abandoned_test_containers_are_removed(stack: dict[str, str]) -> None:
    """Ryuk's job, done by the fixture: a container of a session whose process is gone."""
    images = IMAGES_ENV.read_text()
    base = next(
        line.split("=", 1)[1] for line in images.splitlines() if line.startswith("KG_BASE_IMAGE=")
    )
    dead = subprocess.Popen(["true"])
    dead.wait()
    created = podman(
        "create", "--label", f"{SESSION_LABEL}={dead.pid}", base, "true"
    ).stdout.strip()
    assert created
    env_before = os.environ.get("DOCKER_HOST")
    if not env_before:
        pytest.skip("DOCKER_HOST is not set: scripts/test.sh starts podman's socket")
    remove_abandoned_containers()
    assert podman("container", "exists", created, check=False).returncode == 1
