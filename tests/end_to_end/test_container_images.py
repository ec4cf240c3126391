"""The pure parts of the container images, without an engine: the Neo4j entrypoint reads
the official image's variables, and the API image's lock applies to its own Python."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


entrypoint = load(ROOT / "containers" / "neo4j" / "entrypoint.py")
lock_for = load(ROOT / "containers" / "lock_for.py")


def test_settings_are_named_as_the_official_image_names_them() -> None:
    name = entrypoint.setting_name
    assert name("NEO4J_server_memory_heap_max__size") == "server.memory.heap.max_size"
    assert (
        name("NEO4J_dbms_security_http__access__control__allow__origin")
        == "dbms.security.http_access_control_allow_origin"
    )
    settings = entrypoint.settings_from(
        {"NEO4J_AUTH": "neo4j/x", "NEO4J_server_directories_data": "/elsewhere", "HOME": "/"}
    )
    assert "auth" not in settings  # NEO4J_AUTH is the password, not a setting
    assert settings["server.directories.data"] == "/data"  # the volume, whatever is asked
    assert settings["server.default_listen_address"] == "0.0.0.0"


@given(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=5))
def test_a_setting_name_survives_the_variable_spelling(parts: list[str]) -> None:
    setting = ".".join(parts)
    variable = "NEO4J_" + "_".join(part for part in parts)
    assert entrypoint.setting_name(variable) == setting


LOCK = """\
# a comment
async-timeout==5.0.1 ; python_full_version < '3.11.3' \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
    # via redis
deprecated==1.3.1 ; python_full_version < '3.12' \\
    --hash=sha256:cccc
deprecated==3.0.1 ; python_full_version >= '3.12' \\
    --hash=sha256:dddd
redis==8.2.0 \\
    --hash=sha256:eeee
"""


def test_the_lock_is_read_for_the_images_python_not_the_hosts() -> None:
    debian = lock_for.lock_for(LOCK, "3.11.2")
    assert debian.splitlines() == [
        "async-timeout==5.0.1 \\",
        "    --hash=sha256:aaaa \\",
        "    --hash=sha256:bbbb",
        "deprecated==1.3.1 \\",
        "    --hash=sha256:cccc",
        "redis==8.2.0 \\",
        "    --hash=sha256:eeee",
    ]
    newer = lock_for.lock_for(LOCK, "3.12.1")
    assert "async-timeout" not in newer and "deprecated==3.0.1 \\" in newer


def test_the_real_lock_keeps_every_hash_for_the_base_python() -> None:
    text = (ROOT / "requirements" / "runtime.lock").read_text()
    out = lock_for.lock_for(text, "3.11.2")
    names = [line.split("==")[0] for line in out.splitlines() if line and not line[0].isspace()]
    assert "fastapi" in names and "neo4j" in names and "async-timeout" in names
    assert all(";" not in line for line in out.splitlines())  # no marker left to evaluate
    assert out.count("--hash=sha256:") >= len(names)
