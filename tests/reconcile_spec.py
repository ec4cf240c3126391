"""The reconciliation protocol's JSON schemas, version 0.2, written here from the
specification (https://reconciliation-api.github.io/specs/0.2/, appendix "JSON Schemas";
the published files are https://reconciliation-api.github.io/specs/0.2/schemas/*.json),
for tests that check the service's answers as a client receives them.

Each states what the specification's schema requires: the fields, their types, the
required ones, and the ``{{id}}`` patterns of URL templates. (Written rather than vendored:
this machine cannot fetch the published files; references between them are inlined.)
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs

SPEC = "https://reconciliation-api.github.io/specs/0.2/"
_STR = {"type": "string"}
_ID_TEMPLATE = {"type": "string", "pattern": ".*\\{\\{id\\}\\}.*"}
_TYPE_REF = {
    "oneOf": [
        {"type": "object", "properties": {"id": _STR, "name": _STR}, "required": ["id"]},
        _STR,
    ]
}
_TYPE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _STR,
        "name": _STR,
        "description": _STR,
        "broader": {"type": "array", "items": {"$ref": "#/definitions/type"}},
    },
    "required": ["id", "name"],
}
_SERVICE = {
    "type": "object",
    "properties": {
        "service_url": _STR,
        "service_path": _STR,
        "flyout_service_url": _STR,
        "flyout_service_path": {"type": "string", "pattern": ".*\\$\\{id\\}.*"},
    },
}


def _setting(kind: str, default: dict[str, str], extra: dict[str, Any] | None = None) -> Any:
    required = ["type", "label", "name", *(extra or {})]
    return {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": [kind]},
            "default": default,
            "label": _STR,
            "name": _STR,
            "help_text": _STR,
            **(extra or {}),
        },
        "required": required,
    }


MANIFEST: dict[str, Any] = {
    "$id": SPEC + "schemas/manifest.json",
    "definitions": {"type": _TYPE},
    "type": "object",
    "properties": {
        "versions": {"type": "array", "items": _STR, "contains": {"enum": ["0.2"]}},
        "name": _STR,
        "identifierSpace": _STR,
        "schemaSpace": _STR,
        "documentation": _STR,
        "serviceVersion": _STR,
        "logo": _STR,
        "view": {"type": "object", "properties": {"url": _ID_TEMPLATE}, "required": ["url"]},
        "feature_view": {
            "type": "object",
            "properties": {"url": _ID_TEMPLATE},
            "required": ["url"],
        },
        "defaultTypes": {
            "type": "array",
            "items": {"$ref": "#/definitions/type"},
            "uniqueItems": True,
        },
        "suggest": {
            "type": "object",
            "properties": {"entity": _SERVICE, "property": _SERVICE, "type": _SERVICE},
        },
        "preview": {
            "type": "object",
            "properties": {
                "url": _ID_TEMPLATE,
                "width": {"type": "integer"},
                "height": {"type": "integer"},
            },
            "required": ["url", "width", "height"],
        },
        "extend": {
            "type": "object",
            "properties": {
                "propose_properties": {
                    "type": "object",
                    "properties": {"service_url": _STR, "service_path": _STR},
                },
                "property_settings": {
                    "type": "array",
                    "items": {
                        "oneOf": [
                            _setting("number", {"type": "number"}),
                            _setting("text", _STR),
                            _setting("checkbox", {"type": "boolean"}),
                            _setting(
                                "select",
                                _STR,
                                {
                                    "choices": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {"value": _STR, "name": _STR},
                                            "required": ["value", "name"],
                                        },
                                    }
                                },
                            ),
                        ]
                    },
                },
            },
        },
        "batchSize": {"type": "integer"},
    },
    "required": ["versions", "name", "identifierSpace", "schemaSpace"],
}

_PROPERTY_VALUE = {
    "oneOf": [
        _STR,
        {"type": "number"},
        {"type": "boolean"},
        {"type": "object", "properties": {"id": _STR, "name": _STR}, "required": ["id"]},
    ]
}
QUERY_BATCH: dict[str, Any] = {
    "$id": SPEC + "schemas/reconciliation-query-batch.json",
    "type": "object",
    "patternProperties": {
        "^.*$": {
            "type": "object",
            "properties": {
                "query": _STR,
                "type": {"oneOf": [_STR, {"type": "array", "items": _STR}]},
                "limit": {"type": "number"},
                "properties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "pid": _STR,
                            "v": {
                                "oneOf": [
                                    _PROPERTY_VALUE,
                                    {"type": "array", "items": _PROPERTY_VALUE},
                                ]
                            },
                        },
                        "required": ["pid", "v"],
                    },
                },
                "type_strict": {"type": "string", "enum": ["any", "should", "all"]},
            },
            "anyOf": [
                {"required": ["query"]},
                {"required": ["properties"], "properties": {"properties": {"minItems": 1}}},
            ],
            "additionalProperties": False,
        }
    },
}

RESULT_BATCH: dict[str, Any] = {
    "$id": SPEC + "schemas/reconciliation-result-batch.json",
    "type": "object",
    "patternProperties": {
        "^.*$": {
            "type": "object",
            "properties": {
                "result": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": _STR,
                            "name": _STR,
                            "description": _STR,
                            "score": {"type": "number"},
                            "features": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": _STR,
                                        "value": {
                                            "oneOf": [{"type": "boolean"}, {"type": "number"}]
                                        },
                                    },
                                },
                            },
                            "match": {"type": "boolean"},
                            "type": {"type": "array", "items": _TYPE_REF},
                        },
                        "required": ["id", "name", "score"],
                    },
                }
            },
            "required": ["result"],
        }
    },
}


def _suggest(item: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$id": SPEC + f"schemas/{name}.json",
        "type": "object",
        "properties": {"result": {"type": "array", "items": item}},
        "required": ["result"],
    }


SUGGEST_ENTITIES = _suggest(
    {
        "type": "object",
        "properties": {
            "id": _STR,
            "name": _STR,
            "description": _STR,
            "notable": {"type": "array", "items": _TYPE_REF},
        },
        "required": ["id", "name"],
    },
    "suggest-entities-response",
)
_NAMED = {
    "type": "object",
    "properties": {"id": _STR, "name": _STR, "description": _STR},
    "required": ["id", "name"],
}
SUGGEST_PROPERTIES = _suggest(_NAMED, "suggest-properties-response")
SUGGEST_TYPES = _suggest(_NAMED, "suggest-types-response")

EXTEND_QUERY: dict[str, Any] = {
    "$id": SPEC + "schemas/data-extension-query.json",
    "type": "object",
    "properties": {
        "ids": {"type": "array", "items": _STR},
        "properties": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": _STR, "settings": {"type": "object"}},
                "required": ["id"],
            },
        },
    },
    "required": ["ids", "properties"],
}


def _cell(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: schema},
        "required": [name],
        "additionalProperties": False,
    }


_DATE = (
    "^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])T(2[0-3]|[01][0-9])"
    ":([0-5][0-9]):([0-5][0-9])(\\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?$"
)
EXTEND_RESPONSE: dict[str, Any] = {
    "$id": SPEC + "schemas/data-extension-response.json",
    "type": "object",
    "properties": {
        "meta": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": _STR,
                    "name": _STR,
                    "type": {
                        "type": "object",
                        "properties": {"id": _STR, "name": _STR},
                        "required": ["id"],
                    },
                    "service": {"type": "string", "pattern": "^https?://"},
                },
                "required": ["id", "name"],
            },
        },
        "rows": {
            "type": "object",
            "patternProperties": {
                ".*": {
                    "type": "object",
                    "patternProperties": {
                        ".*": {
                            "type": "array",
                            "items": {
                                "oneOf": [
                                    {"type": "object", "additionalProperties": False},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "id": _STR,
                                            "name": _STR,
                                            "description": _STR,
                                        },
                                        "required": ["id", "name"],
                                        "additionalProperties": False,
                                    },
                                    _cell("str", _STR),
                                    _cell("float", {"type": "number"}),
                                    _cell("int", {"type": "integer"}),
                                    _cell("date", {"type": "string", "pattern": _DATE}),
                                ]
                            },
                        }
                    },
                }
            },
        },
    },
    "required": ["rows", "meta"],
}


def check(schema: dict[str, Any], document: Any) -> None:
    """Fail naming every place ``document`` breaks ``schema`` (JSON Schema draft 7)."""
    validator = jsonschema_rs.Draft7Validator(schema)
    errors = [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors
