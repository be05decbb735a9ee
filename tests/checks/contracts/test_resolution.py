"""Name resolution and consumers on real parses (no git): what contract checks stand on."""

from __future__ import annotations

import pytest

from driftguard.languages.python import LANGUAGE
from driftguard.model.consumers import FOUND, MISSING, UNKNOWN, Consumers, Namespace
from driftguard.model.snapshot import Module, Snapshot

SOURCES = {
    "shop": ("shop/__init__.py", "from .data.models import Listing as Item\n"),
    "shop.data": ("shop/data/__init__.py", "from .models import *\n"),
    "shop.data.models": ("shop/data/models.py", (
        "import enum\n"
        "from shop.base import Model\n"
        "__all__ = ['Listing', 'lazy_thing']\n"
        "class Listing(Model):\n"
        "    def save(self, force=False): ...\n"
        "class State(enum.Enum):\n"
        "    OPEN = 1\n"
        "def _hidden(): ...\n"
    )),
    "shop.base": ("shop/base.py", "class Model(object):\n    def delete(self): ...\n"),
    "shop.dyn": ("shop/dyn.py", "def __getattr__(name): ...\n"),
    "shop.api": ("shop/api.py", (
        "import shop.data.models as m\n"
        "from shop import Item\n"
        "from ..outside import nothing\n"
        "from .data import models\n"
        "def view():\n"
        "    row = m.Listing()\n"
        "    row.save(True, force=True)\n"
        "    Item.delete(row)\n"
        "    return models.State.OPEN\n"
    )),
}


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    modules = {name: Module(name, path, "python", path.endswith("__init__.py"),
                            LANGUAGE.extract(src.encode()))
               for name, (path, src) in SOURCES.items()}
    return Snapshot("test", None, modules, [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shop.data.models.Listing", FOUND),
        ("shop.data.models.Listing.save", FOUND),
        ("shop.data.models.Listing.delete", FOUND),  # inherited from an internal base
        ("shop.data.models.Listing.nope", MISSING),
        ("shop.data.models.State.name", UNKNOWN),  # enum.Enum may provide anything
        ("shop.data.Listing", FOUND),  # star re-export
        ("shop.Item.save", FOUND),  # aliased re-export
        ("shop.data.models.lazy_thing", UNKNOWN),  # in __all__, defined lazily
        ("shop.data.models", FOUND),
        ("shop.data.nope", MISSING),
        ("shop.dyn.anything", UNKNOWN),  # module __getattr__
        ("requests.get", UNKNOWN),  # not in the snapshot
    ],
)
def test_lookup(snapshot: Snapshot, name: str, expected: str) -> None:
    assert Namespace(snapshot).lookup(name) == expected


def test_aliases_follow_re_exports(snapshot: Snapshot) -> None:
    # every module-level from-import makes a name (shop.api imports Item and models)
    assert Namespace(snapshot).aliases("shop.data.models.Listing.save") == {
        "shop.Item.save", "shop.data.Listing.save", "shop.api.Item.save",
        "shop.api.models.Listing.save"}
    # a star import does not re-export private names; the module alias does
    assert Namespace(snapshot).aliases("shop.data.models._hidden") == {
        "shop.api.models._hidden"}


def test_consumers_resolve_aliases_instances_and_relative_imports(snapshot: Snapshot) -> None:
    consumers = Consumers(snapshot)
    (save,) = consumers.calls_of("shop.data.models.Listing.save")
    assert (save.module, save.line, save.positional, save.keywords, save.via_instance) == (
        "shop.api", 7, 1, ("force",), True)
    assert [u.line for u in consumers.uses_of("shop.data.models.State")] == [9]
    assert [u.kind for u in consumers.uses_of("shop.Item")] == ["import", "call"]
    assert {u.target for u in consumers.uses_of("shop.data") if u.kind == "import"} == {
        "shop.data.models", "shop.data.models.Listing"}
    assert consumers.uses_of("outside") == []  # beyond the top-level package


def test_class_bases_are_recorded_as_base_references() -> None:
    facts = LANGUAGE.extract(
        b"class A(B, m.C, Generic[T], with_meta(M), metaclass=Meta):\n"
        b"    class Inner(A):\n"
        b"        pass\n")
    bases = sorted((r.keywords, r.name, r.line) for r in facts.references if r.kind == "base")
    assert bases == sorted([(("A",), "B", 1), (("A",), "m.C", 1), (("A",), "Generic", 1),
                            (("A",), "?", 1), (("A.Inner",), "A", 2)])


def test_unpacking_and_chained_assignments_define_every_name() -> None:
    facts = LANGUAGE.extract(b"A, (b, *c) = x\nd = e = 1\nobj.attr, f = 1, 2\n"
                             b"class K:\n    P, Q = 1, 2\n")
    assert [(d.qualname, d.kind) for d in facts.definitions] == [
        ("A", "constant"), ("b", "variable"), ("c", "variable"), ("d", "variable"),
        ("e", "variable"), ("f", "variable"), ("K", "class"), ("K.P", "constant"),
        ("K.Q", "constant")]
