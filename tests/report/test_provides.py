"""What a repository provides, and imports of it from another repository in Python,
TypeScript and Go becoming cross-repo edges."""

from __future__ import annotations

from dataclasses import replace

from driftguard.report.crossrepo import (
    manifest_provides,
    outside_uses,
    provider_of,
    python_provides,
)
from driftguard.report.join import join
from driftguard.report.summary import architecture


def test_manifests_name_npm_packages_and_go_modules() -> None:
    assert manifest_provides({
        "package.json": b'{"name": "@shop/ui", "version": "1.0.0"}',
        "packages/api/package.json": b'{"name": "shop-api"}',
        "node_modules/react/package.json": b'{"name": "react"}',
        "go.mod": b"// the module\nmodule example.com/shop/lib\n\ngo 1.22\n",
        "broken/package.json": b"{not json", "private/package.json": b'{"private": true}',
    }) == {"@shop/ui", "shop-api", "example.com/shop/lib"}


def test_python_packages_without_tests_and_tooling(snap) -> None:
    head = snap({"shoplib/__init__.py": "", "tests/test_a.py": "", "setup.py": "",
                 "helpers.py": ""})
    assert python_provides(head) == {"shoplib", "helpers"}


def test_the_longest_provided_name_wins() -> None:
    providers = {"@shop/ui": "ui", "example.com/shop": "shop", "example.com/shop/lib": "lib",
                 "shoplib": "lib"}
    assert provider_of("example.com/shop/lib/pricing.PriceOf", providers) == (
        "example.com/shop/lib", "lib")
    assert provider_of("@shop/ui.Button", providers) == ("@shop/ui", "ui")
    assert provider_of("shoplibrary.x", providers) is None


def test_uses_of_the_standard_library_and_own_packages_are_not_kept(snap) -> None:
    head = snap({"app/main.py": "import os\nimport app.util\nimport requests\n"
                                "requests.get(os.sep)\n", "app/util.py": ""})
    assert [(u.line, u.target, u.kind) for u in outside_uses(head, {})] == [
        (3, "requests", "import"), (4, "requests.get", "call")]


def test_typescript_and_go_imports_of_workspace_packages_are_cross_repo_edges(snap) -> None:
    ui = snap({"package.json": '{"name": "@shop/ui"}', "src/button.ts": "export const B = 1;\n"})
    lib = snap({"go.mod": "module example.com/shop/lib\n",
                "pricing/price.go": "package pricing\n\nfunc PriceOf() int { return 1 }\n"})
    web = snap({"src/page.ts": "import { B } from '@shop/ui';\n"})
    svc = snap({"go.mod": "module example.com/shop/svc\n", "main.go":
                'package main\n\nimport "example.com/shop/lib/pricing"\n\n'
                "func main() { pricing.PriceOf() }\n"})
    summaries = []
    for name, head, provides in (("ui", ui, ["@shop/ui"]), ("lib", lib, ["example.com/shop/lib"]),
                                 ("web", web, []), ("svc", svc, ["example.com/shop/svc"])):
        units, summary = architecture(head)
        summaries.append(replace(summary, name=name, provides=provides,
                                 uses=outside_uses(head, units)))
    repos = join(summaries, {}).repos
    assert repos["web"]["cross"] == [["src", "ui", "@shop/ui", 1, ""]]
    assert repos["svc"]["cross"] == [["main", "lib", "pricing", 1, ""]]
    assert repos["web"]["depends_on"] == ["ui"] and repos["svc"]["depends_on"] == ["lib"]


def test_typescript_and_go_uses_inside_the_repository_are_not_outside(snap) -> None:
    web = snap({"src/api.ts": "export const get = 1;\n",
                "src/page.ts": "import { get } from './api';\nimport { B } from '@shop/ui';\n",
                "go.mod": "module example.com/shop/svc\n",
                "main.go": 'package main\n\nimport (\n\t"fmt"\n\t"example.com/shop/lib/x"\n)\n'})
    assert [(u.path, u.target) for u in outside_uses(web, {}) if u.kind == "import"] == [
        ("main.go", "example.com/shop/lib/x"), ("src/page.ts", "@shop/ui.B")]
