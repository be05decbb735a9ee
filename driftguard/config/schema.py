"""The JSON Schema of the config, published as docs/config.schema.json for editors and CI.

Regenerate after changing the models: ``python -m driftguard.config.schema``
(a test fails while the committed file is stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SCHEMA_ID = "https://github.com/driftguard/driftguard/blob/main/docs/config.schema.json"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "config.schema.json"


def config_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of driftguard.toml and of [tool.driftguard]."""
    from driftguard.config.models import Config

    schema = Config.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "driftguard configuration",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_schema() -> str:
    return json.dumps(config_json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_OUTPUT
    target.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
