"""The Mermaid block of `--format markdown` parses with Mermaid itself (the npm package
GitHub's renderer is built on), installed once into pytest's cache folder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from integrations.helpers import locked, shared_dir, shop_repo
from repo_helpers import run_cli

from driftguard.model.finding import Evidence, Finding, Report
from driftguard.reporters import RenderContext, render

pytestmark = pytest.mark.slow
MERMAID_PACKAGE = "mermaid@11"
MERMAID_BLOCK = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)
# Reads diagrams (a JSON list) on stdin, prints one {"ok", "type" | "error"} per diagram.
PARSER = """\
import DOMPurify from 'dompurify';
// No DOM in node: parsing sanitizes nothing, so stub the calls mermaid makes at load.
DOMPurify.addHook ??= () => {};
DOMPurify.removeHooks ??= () => {};
DOMPurify.sanitize ??= (text) => text;
const { default: mermaid } = await import('mermaid');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    results.push({ ok: true, type: (await mermaid.parse(text)).diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message ?? error) });
  }
}
console.log(JSON.stringify(results));
"""


@pytest.fixture(scope="session")
def mermaid_parse(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory):
    """parse(diagrams) -> [{"ok": bool, "type"|"error": str}], with the real Mermaid."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are needed to install Mermaid's parser (node >= 18)")
    cache = request.config.cache  # None under -p no:cacheprovider
    folder = (cache.mkdir("driftguard-mermaid") if cache is not None
              else shared_dir(tmp_path_factory, "driftguard-mermaid"))
    with locked(folder):
        if not (folder / "node_modules" / "mermaid" / "package.json").exists():
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                 str(folder), MERMAID_PACKAGE], capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                pytest.skip(f"npm install {MERMAID_PACKAGE} failed: {done.stderr[-500:]}")
        (folder / "parse.mjs").write_text(PARSER, encoding="utf-8")

    def parse(diagrams: list[str]) -> list[dict]:
        done = subprocess.run([node, str(folder / "parse.mjs")], input=json.dumps(diagrams),
                              capture_output=True, text=True, timeout=120, check=True)
        return json.loads(done.stdout)
    return parse


def mermaid_block(markdown: str) -> str:
    (block,) = MERMAID_BLOCK.findall(markdown)
    return block


def test_parser_is_not_a_no_op(mermaid_parse) -> None:
    good, broken, keyword = mermaid_parse(["flowchart LR\n  a --> b", "flowchart LR\n  a[[[ -->",
                                           'flowchart LR\n  end["x"] --> b'])
    assert good == {"ok": True, "type": "flowchart-v2"}
    assert not broken["ok"] and not keyword["ok"]


def test_indirect_chain_from_check_parses(mermaid_parse, tmp_path: Path) -> None:
    repo = shop_repo(tmp_path / "shop")
    repo.branch("agent/chain")
    repo.commit({"src/shop/helpers.py": "from shop.api import views\n",
                 "src/shop/data/models.py": "import shop.helpers\n"}, "indirect")
    done = run_cli("check", "--base", "main", "--format", "markdown", cwd=repo.path)
    assert done.returncode == 1, done.stderr
    block = mermaid_block(done.stdout)
    assert "shop.data.models" in block and "shop.helpers" in block and "shop.api.views" in block
    assert mermaid_parse([block]) == [{"ok": True, "type": "flowchart-v2"}]


def test_awkward_module_names_parse(mermaid_parse) -> None:
    edges = [("end", "graph"), ("a.b", "a_b"), ("@scope/pkg", 'we"ird'), ("x`y", "a-->b"),
             ("subgraph", "click"), ("ünïcode", "style")]
    markdown = render(Report(), "markdown", RenderContext(edges=edges))
    assert mermaid_parse([mermaid_block(markdown)]) == [{"ok": True, "type": "flowchart-v2"}]


def test_truncated_diagram_of_a_large_report_parses(mermaid_parse) -> None:
    findings = [Finding("DG101", "error", f"layer 'data' imports 'api' ({i})",
                        f"src/shop/data/m{i}.py", 1, f"fp{i}",
                        evidence=(Evidence(f"src/shop/data/m{i}.py", 1,
                                           f"shop.data.m{i} -> shop.api.v{i % 7}"),))
                for i in range(3000)]
    markdown = render(Report(findings=findings), "markdown", RenderContext())
    assert "more edges" in markdown
    assert mermaid_parse([mermaid_block(markdown)]) == [{"ok": True, "type": "flowchart-v2"}]
