"""The pinned Neo4j distribution: a lock file of Maven Central jars, and its download cache.

The lock (``artifacts.lock.json``) lists every jar the Neo4j server, its community
edition and Neo4j Browser need, each with its repository path, size and SHA-256. It is
made once with Maven (``python -m neo4j_local lock``) and committed; after that a user
needs nothing but Java and Python: jars are fetched straight from the repository and
verified against the lock, so a tampered or truncated download is never run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from neo4j_local.errors import ProvisioningError

LOCK_FILE = Path(__file__).with_name("artifacts.lock.json")
DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2"

#: What the lock pins. The newest 5.26 LTS patch and the newest Browser jar published.
NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
ROOT_ARTIFACTS = (
    f"org.neo4j.app:neo4j-server:{NEO4J_VERSION}",
    f"org.neo4j:neo4j:{NEO4J_VERSION}",
    f"org.neo4j.client:neo4j-browser:{BROWSER_VERSION}",
)


@dataclass(frozen=True)
class Artifact:
    path: str  # relative to the repository root, e.g. org/neo4j/neo4j/5.26.30/neo4j-5.26.30.jar
    sha256: str
    size: int

    @property
    def file_name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Lock:
    neo4j_version: str
    browser_version: str
    artifacts: tuple[Artifact, ...]


def read_lock(path: Path = LOCK_FILE) -> Lock:
    data = json.loads(path.read_text())
    return Lock(
        neo4j_version=data["neo4j_version"],
        browser_version=data["browser_version"],
        artifacts=tuple(Artifact(**a) for a in data["artifacts"]),
    )


def cache_root() -> Path:
    """Where downloaded jars live: shared by every clone on the machine, outside git."""
    override = os.environ.get("KG_NEO4J_CACHE")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "kg-neo4j"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(artifact: Artifact, target: Path, repository: str) -> None:
    url = f"{repository.rstrip('/')}/{artifact.path}"
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:
            shutil.copyfileobj(resp, out, 1 << 20)
        actual = _sha256(tmp)
        if actual != artifact.sha256:
            raise ProvisioningError(
                f"checksum mismatch for {url}: expected sha256 {artifact.sha256}, got {actual}; "
                "the download was discarded"
            )
        tmp.replace(target)
    except OSError as exc:
        raise ProvisioningError(f"could not download {url}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def ensure_distribution(
    lock: Lock | None = None,
    repository: str | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
) -> Path:
    """Download what is missing from the lock into the cache; return the folder of jars.

    A complete, verified cache is recognised by a marker naming the lock's digest, so a
    second call downloads and re-hashes nothing.

    Example:
        >>> lib = ensure_distribution()          # doctest: +SKIP
        >>> (lib / "neo4j-5.26.30.jar").exists()  # doctest: +SKIP
        True
    """
    lock = lock or read_lock()
    repository = repository or os.environ.get("KG_MAVEN_REPOSITORY", DEFAULT_REPOSITORY)
    lib = cache_root() / lock.neo4j_version / "lib"
    marker = lib / ".verified"
    lock_digest = hashlib.sha256(
        "\n".join(f"{a.path} {a.sha256}" for a in lock.artifacts).encode()
    ).hexdigest()
    if marker.exists() and marker.read_text() == lock_digest:
        return lib
    lib.mkdir(parents=True, exist_ok=True)
    missing = [
        a
        for a in lock.artifacts
        if not (lib / a.file_name).exists() or _sha256(lib / a.file_name) != a.sha256
    ]
    if missing:
        total_mb = sum(a.size for a in missing) / 1e6
        progress(f"downloading {len(missing)} Neo4j jars ({total_mb:.0f} MB) from {repository}")
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda a: _fetch(a, lib / a.file_name, repository), missing))
    expected = {a.file_name for a in lock.artifacts}
    for stray in lib.glob("*.jar"):
        if stray.name not in expected:
            stray.unlink()
    marker.write_text(lock_digest)
    return lib


def generate_lock(path: Path = LOCK_FILE) -> Lock:
    """Resolve ROOT_ARTIFACTS and their runtime dependencies with Maven; write the lock."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ProvisioningError("making the lock needs Maven ('mvn') on PATH")
    deps = "".join(
        "<dependency><groupId>{}</groupId><artifactId>{}</artifactId><version>{}</version>"
        "</dependency>".format(*coords.split(":"))
        for coords in ROOT_ARTIFACTS
    )
    pom = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>local</groupId><artifactId>kg-neo4j-runtime</artifactId><version>1</version>"
        f"<dependencies>{deps}</dependencies></project>"
    )
    with tempfile.TemporaryDirectory() as work:
        repo = Path(work) / "repository"
        (Path(work) / "pom.xml").write_text(pom)
        listing = Path(work) / "deps.txt"
        subprocess.run(
            [
                mvn,
                "-B",
                "-q",
                "-C",
                f"-Dmaven.repo.local={repo}",
                "dependency:list",
                "-DincludeScope=runtime",
                "-DoutputAbsoluteArtifactFilename=true",
                f"-DoutputFile={listing}",
            ],
            cwd=work,
            check=True,
        )
        artifacts = []
        for line in listing.read_text().splitlines():
            jar = line.strip().rsplit(":", 1)[-1]
            if not jar.endswith(".jar"):
                continue
            # the path inside the repository is the same on Maven Central
            rel = Path(jar).relative_to(repo).as_posix()
            artifacts.append(Artifact(rel, _sha256(Path(jar)), Path(jar).stat().st_size))
    artifacts.sort(key=lambda a: a.path)
    lock = Lock(NEO4J_VERSION, BROWSER_VERSION, tuple(artifacts))
    path.write_text(
        json.dumps(
            {
                "neo4j_version": lock.neo4j_version,
                "browser_version": lock.browser_version,
                "roots": list(ROOT_ARTIFACTS),
                "artifacts": [a.__dict__ for a in artifacts],
            },
            indent=1,
        )
        + "\n"
    )
    return lock
