"""The same install on every machine: requirements/*.lock pin, with hashes, a version of
every requirement the pyproject files name, within the ranges they allow; and this
environment (made by `make install` from the lock) holds exactly the locked versions."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

_PIN = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$"
)


def pins(lock: Path) -> dict[str, tuple[str, str | None, int]]:
    """name -> (version, marker, number of hashes) for each pin of a uv/pip-compile lock."""
    found: dict[str, tuple[str, str | None, int]] = {}
    current = ""
    for line in lock.read_text().splitlines():
        if match := _PIN.match(line):
            current = canonicalize_name(match[1])
            found[current] = (match[2], match[3], 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, marker, hashes = found[current]
            found[current] = (version, marker, hashes + 1)
    return found


def requirements(pyproject: Path, *, extras: bool) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text())["project"]
    named = list(project.get("dependencies", []))
    if extras:
        named += [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in named]


LOCKS = {
    "runtime": (ROOT / "requirements" / "runtime.lock", [(ROOT / "pyproject.toml", False)]),
    "dev": (
        ROOT / "requirements" / "dev.lock",
        [(ROOT / "pyproject.toml", True), (ROOT / "client" / "pyproject.toml", True)],
    ),
}


@pytest.mark.parametrize("name", LOCKS)
def test_every_requirement_is_pinned_within_its_range_with_hashes(name: str) -> None:
    lock, sources = LOCKS[name]
    locked = pins(lock)
    assert locked and all(hashes for _, _, hashes in locked.values()), f"{lock} lacks hashes"
    for pyproject, extras in sources:
        for req in requirements(pyproject, extras=extras):
            if req.marker and not req.marker.evaluate(default_environment()):
                continue
            key = canonicalize_name(req.name)
            assert key in locked, f"{req} ({pyproject.name}) is not in {lock.name}: run make lock"
            version = locked[key][0]
            assert req.specifier.contains(version, prereleases=True), (
                f"{lock.name} pins {req.name}=={version}, outside {req} in {pyproject}: "
                "run make lock"
            )


def test_this_environment_holds_exactly_the_locked_versions() -> None:
    for name, (version, marker, _) in pins(LOCKS["dev"][0]).items():
        if marker and not Requirement(f"x; {marker}").marker.evaluate():  # type: ignore[union-attr]
            continue
        installed = metadata.version(name)
        assert installed == version, f"{name} {installed} is installed; the lock says {version}"
