"""Regenerate the client's wire models from the service's OpenAPI document.

    make client-models                               # rewrite client/kg_client/models.py
    .venv/bin/python -m scripts.client_models --check  # exit 1 when the file is stale

The document is ``api.main.create_app().openapi()`` (building the app connects to nothing);
datamodel-code-generator, pinned in the dev extras, turns it into pydantic models. The
output depends only on the document and the pinned generator: no timestamp, the
generator's built-in formatter (not whichever black or ruff happens to be installed).
``tests/end_to_end/test_client.py`` fails when the committed file differs from what this makes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "client" / "kg_client" / "models.py"

HEADER = '''"""The kg-service's wire models, generated from its OpenAPI document: do not edit.

Regenerate with ``make client-models`` (scripts/client_models.py) after the API changes.
"""
# ruff: noqa
# mypy: disable-error-code="assignment"
# (the generator writes a nested model's default as a dict, which pydantic validates)'''

#: Two schemas would both be called ``Stance``: the relationship's free-text qualifier
#: (a root model) and the stance answer (a component). The component keeps the name.
NAME_MAP = {"#/components/schemas/Stance": "Stance", "Stance": "StanceQualifier"}

GENERATOR_ARGS = [
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.11",
    "--disable-timestamp",
    "--use-annotated",
    "--enum-field-as-literal", "all",
    "--use-schema-description",
    "--collapse-root-models",
    # a newer server may add fields: keep them rather than refuse the answer
    "--extra-fields", "allow",
    "--formatters", "builtin",
    "--model-name-map", json.dumps(NAME_MAP),
    "--custom-file-header", HEADER,
]  # fmt: skip


def openapi_document() -> dict[str, Any]:
    """The service's OpenAPI document, without reaching Neo4j."""
    from api.main import create_app
    from api.settings import ApiSettings as Settings

    settings = Settings(_env_file=None, neo4j_password="unused-openapi-only", environment="test")
    return create_app(settings).openapi()


def generate(document: dict[str, Any]) -> str:
    """The models module datamodel-code-generator makes from ``document``."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "openapi.json", Path(tmp) / "models.py"
        source.write_text(json.dumps(document, indent=2), encoding="utf-8")
        done = subprocess.run(
            [
                *(sys.executable, "-m", "datamodel_code_generator"),
                *("--input", str(source), "--output", str(target)),
                *GENERATOR_ARGS,
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"datamodel-codegen failed:\n{done.stderr}")
        return target.read_text(encoding="utf-8")


def entity_alias(document: dict[str, Any]) -> str:
    """``EntityPublic``: the one-model-per-kind union the entity answers use, named, so
    that client code can say what it returns (OpenAPI inlines it in each answer)."""
    field = document["components"]["schemas"]["EntityWritten"]["properties"]["entity"]
    names = [ref["$ref"].rsplit("/", 1)[1] for ref in field["oneOf"]]
    return (
        "\n\n#: An entity answer: one model per declared kind (told apart by ``kind``), and\n"
        "#: an untyped one for a kind stored under another declaration.\n"
        f"EntityPublic = {' | '.join(names)}\n"
    )


def models_text(document: dict[str, Any]) -> str:
    """The whole models module: the generated models and the entity union's name."""
    return generate(document) + entity_alias(document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = models_text(openapi_document())
    if args.check:
        if MODELS.read_text(encoding="utf-8") != text:
            print(f"{MODELS.relative_to(ROOT)} is stale: run make client-models", file=sys.stderr)
            return 1
        return 0
    MODELS.write_text(text, encoding="utf-8")
    print(f"wrote {MODELS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
