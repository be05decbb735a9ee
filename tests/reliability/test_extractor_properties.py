"""Property tests: extractors never crash, whatever the bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftguard.languages import REGISTRY, get_language
from driftguard.model.facts import FileFacts

FRAGMENTS = ["import ", "from ", " as ", "def ", "class ", "(", ")", ":", "\n", "    ", ",",
             "*", "**", "=", ".", "..", "export ", "{", "}", "func ", "package ", "public ",
             "@", "#", "//", "'", '"', "\\", "\x00", "\xff", "é", "driftguard: ignore[DG101]",
             "if TYPE_CHECKING:", "__all__ = [", "require(", "import(", ";"]

CODEISH = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=60).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("language", sorted(REGISTRY))
@SETTINGS
@given(data=st.binary(max_size=400) | CODEISH)
def test_extract_never_raises(language: str, data: bytes) -> None:
    facts = get_language(language).extract(data)
    assert isinstance(facts, FileFacts)
    assert FileFacts.decode(facts.encode()) == facts
