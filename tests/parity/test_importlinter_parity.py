"""Parity with import-linter: the same contracts on the same packages give the same violations.

Each case builds a small package in a real git repository, runs the real
`lint-imports` as a subprocess and `driftguard check --all`, and compares the
import chains both report. A difference is a bug or a documented improvement.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from repo_helpers import run_cli

LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed "
                                "(pip install -e '.[test]')")
STEP = re.compile(r"^\s*-?\s*([\w.]+) -> ([\w.]+) \(l\.[\d, ]+\)")

PACKAGE = {
    "shop/__init__.py": "",
    "shop/api/__init__.py": "",
    "shop/api/views.py": "from shop.services import listings\n",
    "shop/services/__init__.py": "",
    "shop/services/listings.py": "from shop.data import models\n",
    "shop/data/__init__.py": "",
    "shop/data/models.py": "",
    "shop/helpers.py": "",
    "shop/billing/__init__.py": "",
    "shop/billing/invoices.py": "",
    "shop/shipping/__init__.py": "",
    "shop/shipping/labels.py": "def make():\n    pass\n",
}


def lint_imports_chains(repo: Path) -> set[tuple[tuple[str, str], ...]]:
    result = subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=repo, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(repo)})
    assert result.returncode in (0, 1), result.stdout + result.stderr
    chains: list[list[tuple[str, str]]] = []
    for line in result.stdout.splitlines():
        match = STEP.match(line)
        if not match:
            continue
        if line.lstrip().startswith("-"):
            chains.append([])
        chains[-1].append((match.group(1), match.group(2)))
    return {tuple(chain) for chain in chains}


def driftguard_chains(repo: Path) -> set[tuple[tuple[str, str], ...]]:
    result = run_cli("check", "--all", "--format", "json", "--no-cache", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    findings = [f for f in json.loads(result.stdout)["findings"] if f["rule"] < "DG200"]
    return {tuple(tuple(e["text"].split(" -> ")) for e in f["evidence"]) for f in findings}


def run_case(git_repo, extra: dict[str, str], importlinter: str, driftguard: str):
    git_repo.commit({**PACKAGE, **extra, ".importlinter": importlinter,
                     "driftguard.toml": driftguard}, "case")
    return lint_imports_chains(git_repo.path), driftguard_chains(git_repo.path)


LAYERS_IL = """[importlinter]
root_package = shop
[importlinter:contract:layers]
name = Layers
type = layers
layers =
    shop.api
    shop.services
    shop.data
"""

LAYERS_DG = """
[[modules]]
name = "shop.api"
packages = ["shop.api"]
[[modules]]
name = "shop.services"
packages = ["shop.services"]
[[modules]]
name = "shop.data"
packages = ["shop.data"]
[[rules]]
type = "layers"
layers = ["shop.api", "shop.services", "shop.data"]
"""


@pytest.mark.parametrize(
    "extra",
    [
        {},  # clean: both report nothing
        {"shop/data/models.py": "from shop.api import views\n"},  # direct upward
        {"shop/data/models.py": "import shop.helpers\n",  # indirect through a non-layer module
         "shop/helpers.py": "from shop.services import listings\n"},
        {"shop/services/listings.py": "from shop.data import models\nimport shop.api.views\n",
         "shop/data/models.py": "def f():\n    from shop import helpers\n",
         "shop/helpers.py": "import shop.api\n"},  # several, one inside a function
    ],
    ids=["clean", "direct", "indirect", "several"],
)
def test_layers(git_repo, extra) -> None:
    expected, found = run_case(git_repo, extra, LAYERS_IL, LAYERS_DG)
    assert found == expected


FORBIDDEN_IL = """[importlinter]
root_package = shop
[importlinter:contract:forbidden]
name = Forbidden
type = forbidden
source_modules = shop.billing
forbidden_modules = shop.shipping
{extra}
"""

FORBIDDEN_DG = """
[[modules]]
name = "billing"
packages = ["shop.billing"]
[[modules]]
name = "shipping"
packages = ["shop.shipping"]
[[rules]]
type = "forbidden"
source = ["billing"]
target = ["shipping"]
{extra}
"""

FORBIDDEN_CODE = {
    "shop/billing/invoices.py": "import shop.helpers\nfrom shop.shipping import labels\n",
    "shop/helpers.py": "from shop.shipping.labels import make\n",
}


@pytest.mark.parametrize("allow_indirect", [False, True])
def test_forbidden(git_repo, allow_indirect) -> None:
    il_extra = "allow_indirect_imports = True" if allow_indirect else ""
    dg_extra = "allow_indirect = true" if allow_indirect else ""
    expected, found = run_case(git_repo, FORBIDDEN_CODE, FORBIDDEN_IL.format(extra=il_extra),
                               FORBIDDEN_DG.format(extra=dg_extra))
    assert found == expected
    assert len(found) == (1 if allow_indirect else 2)


INDEPENDENCE_IL = """[importlinter]
root_package = shop
[importlinter:contract:independence]
name = Independence
type = independence
modules =
    shop.billing
    shop.shipping
"""

INDEPENDENCE_DG = """
[[modules]]
name = "billing"
packages = ["shop.billing"]
[[modules]]
name = "shipping"
packages = ["shop.shipping"]
[[rules]]
type = "independence"
modules = ["billing", "shipping"]
"""


def test_independence(git_repo) -> None:
    code = {"shop/billing/invoices.py": "import shop.helpers\n",
            "shop/helpers.py": "import shop.shipping.labels\n",
            "shop/shipping/labels.py": "from shop.billing import invoices\n"}
    expected, found = run_case(git_repo, code, INDEPENDENCE_IL, INDEPENDENCE_DG)
    assert found == expected
    assert len(found) == 2
