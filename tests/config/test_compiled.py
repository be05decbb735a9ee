"""A validated config read back from the cache (no pydantic) must read like the original."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from repo_helpers import GitRepo, run_cli

from driftguard.config.compiled import Plain, PlainConfig, cache_key, freeze, thaw
from driftguard.config.loader import load_config

ROOT = Path(__file__).resolve().parents[2]


def _plain(value):
    """A thawed config as the dicts and lists ``model_dump`` gives."""
    if isinstance(value, Plain):
        top = isinstance(value, PlainConfig)  # its ``source`` is the file, not a field
        return {k: _plain(v) for k, v in vars(value).items() if not (top and k == "source")}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _every_section(tmp_path: Path) -> Path:
    """The starter config with every example section uncommented."""
    run_cli("init", cwd=tmp_path)
    lines = (tmp_path / "driftguard.toml").read_text(encoding="utf-8").splitlines()
    example = re.compile(r"# (\[|[a-z_]+ = |DG\d{3} = )")
    path = tmp_path / "all.toml"
    path.write_text("\n".join(line[2:] if example.match(line) else line for line in lines)
                    + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("which", ["self", "every-section", "preset"])
def test_a_thawed_config_has_the_same_fields_and_methods(tmp_path: Path, which: str) -> None:
    if which == "self":
        path = ROOT / "driftguard.toml"
    elif which == "every-section":
        path = _every_section(tmp_path)
    else:
        path = tmp_path / "driftguard.toml"
        path.write_text('extends = ["layered-app"]\n', encoding="utf-8")
    config = load_config(path)
    thawed = thaw(freeze(config))
    assert _plain(thawed) == config.model_dump()
    assert thawed.source == config.source
    for rule, original in zip(thawed.rules, config.rules, strict=True):
        assert rule.type == original.type
        if original.type == "layers":
            assert rule.levels() == original.levels()
        assert getattr(rule, "allow_indirect", None) == getattr(original, "allow_indirect", None)
    for module in config.modules:
        assert _plain(thawed.module(module.name)) == module.model_dump()
    assert thawed.module("no such module") is None


def test_the_key_changes_with_the_text_and_the_presets_it_extends() -> None:
    text = 'extends = ["layered-app"]\n'
    assert cache_key(text, "driftguard.toml", None) == cache_key(text, "driftguard.toml", None)
    assert cache_key(text, "driftguard.toml", None) != cache_key(text + "\n", "driftguard.toml",
                                                                   None)
    assert cache_key(text, "driftguard.toml", None) != cache_key(text, "other.toml", None)


def test_foreign_bytes_are_refused() -> None:
    for data in (b"", b"\x00\x01garbage", __import__("marshal").dumps((99, None, None))):
        with pytest.raises(ValueError):
            thaw(data)


LAYERS = ('[[modules]]\nname = "{a}"\npackages = ["shop.{a}"]\n'
          '[[modules]]\nname = "{b}"\npackages = ["shop.{b}"]\n'
          '[[rules]]\ntype = "layers"\nlayers = ["{a}", "{b}"]\n')


def test_an_edited_config_is_validated_again(tmp_path: Path) -> None:
    """Second runs read the stored config; an edit (or a broken file) is seen at once."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"src/shop/__init__.py": "", "src/shop/api.py": "",
                 "src/shop/db.py": "from shop import api\n"}, "start")
    config = repo.path / "driftguard.toml"
    config.write_text(LAYERS.format(a="api", b="db"), encoding="utf-8")
    first = run_cli("check", "--all", "--format", "json", cwd=repo.path)
    again = run_cli("check", "--all", "--format", "json", cwd=repo.path)
    assert first.returncode == again.returncode == 1
    findings = json.loads(again.stdout)["findings"]
    assert json.loads(first.stdout)["findings"] == findings and findings[0]["rule"] == "DG101"
    config.write_text(LAYERS.format(a="db", b="api"), encoding="utf-8")
    assert run_cli("check", "--all", cwd=repo.path).returncode == 0
    config.write_text(LAYERS.format(a="db", b="api") + "[[rules]]\ntype = 'nope'\n",
                      encoding="utf-8")
    broken = run_cli("check", "--all", cwd=repo.path)
    assert broken.returncode == 2 and "unknown rule type 'nope'" in broken.stderr


def test_remembered_base_findings_follow_the_config(tmp_path: Path) -> None:
    """The merge-base's findings are kept per config: only the branch's new one is reported,
    run after run, and an edited config is never answered from another config's memory."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"src/shop/__init__.py": "", "src/shop/api.py": "",
                 "src/shop/db.py": "from shop import api\n"}, "start")
    repo.branch("agent/x")
    repo.commit({"src/shop/db2.py": "from shop import api\n"}, "another upward import")
    config = repo.path / "driftguard.toml"

    def new_findings(a: str, b: str) -> list[str]:
        config.write_text(LAYERS.format(a=a, b=b) + '[[modules]]\nname = "db2"\n'
                          'packages = ["shop.db2"]\n', encoding="utf-8")
        text = config.read_text(encoding="utf-8").replace('layers = ["api", "db"]',
                                                          'layers = ["api", ["db", "db2"]]')
        config.write_text(text, encoding="utf-8")
        result = run_cli("check", "--base", "main", "--format", "json", cwd=repo.path)
        assert result.returncode in (0, 1), result.stderr
        return [f"{f['rule']} {f['path']}" for f in json.loads(result.stdout)["findings"]]

    assert new_findings("db", "api") == []  # remembers a clean merge-base under this config
    assert new_findings("api", "db") == ["DG101 src/shop/db2.py"]  # not db.py: old news
    assert new_findings("api", "db") == ["DG101 src/shop/db2.py"]  # the base read back
    assert new_findings("db", "api") == []
