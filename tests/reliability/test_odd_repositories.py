"""Hostile or odd repositories: each has a clear outcome, never a traceback."""

from __future__ import annotations

import json

from repo_helpers import run_cli


def graph(repo, env: dict[str, str] | None = None) -> tuple[dict, str]:
    result = run_cli("graph", cwd=repo.path, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.stderr


def paths(report: dict) -> set[str]:
    return {m["path"] for m in report["modules"]}


def test_symlinks_are_never_followed(git_repo, tmp_path) -> None:
    secret = tmp_path / "secret.py"
    secret.write_text("import leaked_secret\n")
    git_repo.write({"app/__init__.py": "", "app/real.py": "import app\n"})
    for name, target in [("app/leak.py", secret), ("app/passwd.py", "/etc/passwd"),
                         ("app/root", "/"), ("app/alias.py", "real.py")]:
        git_repo.path.joinpath(name).symlink_to(target)
    git_repo.commit(message="links")
    report, _ = graph(git_repo)
    assert paths(report) == {"app/__init__.py", "app/real.py"}
    assert "leaked_secret" not in json.dumps(report)
    staged = run_cli("graph", "--staged", cwd=git_repo.path)  # the hook reads the index
    assert staged.returncode == 0 and "leak" not in staged.stdout


def test_submodule_is_skipped(git_repo, make_repo) -> None:
    inner = make_repo("inner")
    inner.commit({"lib.py": "import os\n"})
    git_repo.commit({"app/__init__.py": ""})
    git_repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(inner.path), "vendor/inner")
    git_repo.commit(message="submodule")
    report, _ = graph(git_repo)
    assert paths(report) == {"app/__init__.py"}


def test_huge_generated_file_is_skipped_by_size(git_repo) -> None:
    line = "VALUE_%06d = %d\n"
    big = "".join(line % (i, i) for i in range(2_700_000))  # ~50 MB
    git_repo.commit({"app/__init__.py": "", "app/generated.py": big, "app/use.py": "import app\n"})
    report, stderr = graph(git_repo)
    assert paths(report) == {"app/__init__.py", "app/use.py"}
    assert "app/generated.py: skipped" in stderr and "settings.max_file_size" in stderr


def test_max_file_size_is_configurable_downwards(git_repo) -> None:
    git_repo.commit({"driftguard.toml": "[settings]\nmax_file_size = 100\n",
                     "small.py": "import os\n", "larger.py": "x = 1\n" * 50})
    report, stderr = graph(git_repo)
    assert paths(report) == {"small.py"} and "larger.py: skipped, 300 bytes" in stderr


def test_minified_bundle_is_skipped_by_default_and_parsed_when_allowed(git_repo) -> None:
    bundle = "var a=" + ",".join(f"function(x){{return x+{i}}}" for i in range(200_000)) + ";"
    assert len(bundle) > 5_000_000 and "\n" not in bundle
    git_repo.commit({"dist/bundle.min.js": bundle, "src/app.js": "import './lib.js';\n",
                     "src/lib.js": "export const x = 1;\n"})
    report, stderr = graph(git_repo)
    assert "dist/bundle.min.js: skipped" in stderr and "settings.max_file_size" in stderr
    assert paths(report) == {"src/app.js", "src/lib.js"}
    git_repo.commit({"driftguard.toml": "[settings]\nmax_file_size = 20_000_000\n"})
    report, _ = graph(git_repo)  # one parse; a hang would hit run_cli's timeout (300 s)
    assert "dist/bundle.min.js" in paths(report)


def test_files_with_nul_bytes(git_repo) -> None:
    late = b"import app\n" + b"#" * 9000 + b"\n\x00\nimport os\n"  # past the 8 KB sniff
    git_repo.commit({"app/__init__.py": "", "app/blob.py": b"\x00\x01\x02binary",
                     "app/late.py": late})
    report, stderr = graph(git_repo)
    assert "app/blob.py: binary file (NUL bytes); skipped" in stderr
    assert "app/late.py: syntax error" in stderr  # read as text; what parses is kept
    assert ("app.late", "app") in {(e["from"], e["to"]) for e in report["edges"]}


def test_odd_file_names(git_repo) -> None:
    names = ["with space.py", "ünïcödé.py", "new\nline.py", "tab\tname.py", "-rf.py",
             "$(touch pwned).py", "; touch pwned.py"]
    git_repo.commit({"app/__init__.py": "", **{f"app/{n}": "import app\n" for n in names}})
    report, _ = graph(git_repo)
    assert {f"app/{n}" for n in names} <= paths(report)
    assert ("app.with space", "app") in {(e["from"], e["to"]) for e in report["edges"]}
    assert not (git_repo.path / "pwned").exists()
