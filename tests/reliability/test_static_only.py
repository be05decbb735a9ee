"""Static only: no command ever imports or executes the code it analyses."""

from __future__ import annotations

import uuid
from pathlib import Path

from repo_helpers import run_cli


def trap(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').write('executed')\n"


def test_no_command_executes_the_analysed_code(git_repo, tmp_path) -> None:
    marker = tmp_path / f"executed-{uuid.uuid4().hex}"
    js = f"require('fs').writeFileSync({str(marker)!r}, 'executed');\n"
    files = {
        "app/__init__.py": trap(marker),
        "app/models.py": "import app\n" + trap(marker),
        "conftest.py": trap(marker),
        "setup.py": trap(marker),
        "web/index.js": js,
        "web/side.ts": "import { writeFileSync } from 'fs';\n"
                       f"writeFileSync({str(marker)!r}, 'executed');\nexport const x = 1;\n",
        "package.json": '{"name": "trap", "scripts": {"postinstall": "touch '
                        f'{marker}"}}}}',
        "go.mod": "module trap\n",
        "main.go": f'package main\nimport "os"\nfunc init() {{ os.Create("{marker}") }}\n',
        ".importlinter": "[importlinter]\nroot_package = app\n"
                         "[importlinter:contract:x]\nname = x\ntype = layers\nlayers =\n"
                         "    app.models\n    app\n",
        "driftguard.toml": '[overlap]\nconcurrent = ["agent/*"]\n'
                           '[[modules]]\nname = "app"\npackages = ["app"]\n',
    }
    git_repo.commit(files, "trap")
    git_repo.branch("agent/a")
    git_repo.commit({"app/models.py": "import app\n" + trap(marker) + "X = 1\n"}, "a")
    git_repo.branch("agent/b", "main")
    git_repo.commit({"app/models.py": "import app\n" + trap(marker) + "Y = 2\n"}, "b")
    commands = [
        ["graph"], ["graph", "--rev", "agent/a", "--format", "dot"],
        ["check", "--base", "main", "--head", "agent/a", "--all"],
        ["check", "--staged"], ["overlap", "--base", "main"],
        ["overlap", "--base", "main", "--file", "app/models.py"],
        ["baseline", "--output", str(tmp_path / "baseline.json")],
        ["init", "--from-importlinter", ".importlinter", "--output",
         str(tmp_path / "converted.toml")],
        ["demo"],
    ]
    for args in commands:
        result = run_cli(*args, cwd=git_repo.path)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert not marker.exists(), f"driftguard {' '.join(args)} executed analysed code"
