"""Helpers for config tests: real files in tmp folders, errors caught as the CLI sees them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from driftguard.config.loader import load_config_text
from driftguard.errors import ConfigError


@pytest.fixture
def config_error() -> Callable[..., str]:
    """The full message of the ConfigError that loading ``text`` raises."""

    def load(text: str, source: str = "driftguard.toml") -> str:
        with pytest.raises(ConfigError) as caught:
            load_config_text(text, source)
        return caught.value.message

    return load
