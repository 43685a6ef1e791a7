"""JSON Schema of the model format, generated from the pydantic types (one source of truth).

Editors use it through yaml-language-server: put
``# yaml-language-server: $schema=./ketengraaf.schema.json`` on the first line of a model file
(see docs/model-format.md).

>>> s = model_schema()
>>> s["properties"]["ketengraaf"]["const"], s["additionalProperties"]
(1, False)
"""

from __future__ import annotations

from typing import Any

from ketengraaf.model.types import ModelFile

SCHEMA_ID = "https://ketengraaf.invalid/schema/model-v1.json"


def model_schema() -> dict[str, Any]:
    s = ModelFile.model_json_schema(mode="validation")
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ketengraaf model, format version 1",
        "description": "A governance model for ketengraaf (MODEL.md): organisaties, sturingsrelaties, opdrachten, "
                       "afspraken, ketens, gegevens, gegevensstromen, middelen, uitzonderingen.",
    }
    out.update({k: v for k, v in s.items() if k not in ("title", "description")})
    out["required"] = ["ketengraaf"]
    return out
