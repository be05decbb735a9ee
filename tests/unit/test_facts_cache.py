"""The SQLite facts cache: round trip, concurrent writers, broken files."""

from __future__ import annotations

import multiprocessing
import sqlite3

from driftguard.cache.facts_cache import FactsCache
from driftguard.languages.python import LANGUAGE

FACTS = LANGUAGE.extract(b"from a import b\ndef f(x, *, y=1): return b.c(x)\n")


def _writer(path: str, start: int) -> None:
    cache = FactsCache(__import__("pathlib").Path(path))
    for i in range(start, start + 40):
        cache.put_many([(f"blob{i % 60}", "python/test", FACTS)])
    cache.close()


def test_round_trip(tmp_path) -> None:
    cache = FactsCache(tmp_path / "c.sqlite3")
    cache.put_many([("b1", "python/x", FACTS)])
    assert cache.get_many([("b1", "python/x"), ("b2", "python/x")]) == {("b1", "python/x"): FACTS}
    assert cache.get_many([("b1", "python/other-version")]) == {}


def test_concurrent_writers_leave_a_sound_cache(tmp_path) -> None:
    path = tmp_path / "c.sqlite3"
    FactsCache(path).close()
    procs = [multiprocessing.get_context("spawn").Process(target=_writer, args=(str(path), n * 10))
             for n in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 60
    assert len(FactsCache(path).get_many([(f"blob{i}", "python/test") for i in range(60)])) == 60


def test_corrupt_file_is_rebuilt_with_a_warning(tmp_path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = FactsCache(path, warnings)
    assert cache.enabled and "rebuilding" in warnings[0]
    cache.put_many([("b1", "python/x", FACTS)])
    assert cache.get_many([("b1", "python/x")])


def test_unwritable_folder_disables_the_cache(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    warnings: list[str] = []
    cache = FactsCache(blocker / "sub" / "c.sqlite3", warnings)
    assert not cache.enabled and "cache disabled" in warnings[0]
    assert cache.get_many([("b", "x")]) == {}
    cache.put_many([("b", "x", FACTS)])  # a no-op, not an error


def test_parse_workers_send_the_bytes_the_cache_stores(tmp_path) -> None:
    """Two workers give the same facts as one, and their bytes decode to them unchanged."""
    from driftguard.extract.parallel import extract_all
    from driftguard.model.facts import FileFacts

    jobs = [(f"m{i}.py", "python",
             f"from a import b{i}\nclass C{i}:\n    def f(self, x, *, y={i}): return b{i}.c(x)\n"
             .encode()) for i in range(12)]
    jobs.append(("broken.py", "python", b"def f(:\n"))
    encoded: dict[str, bytes] = {}
    parallel = extract_all(jobs, workers=2, encoded=encoded)
    assert parallel == extract_all(jobs, workers=1)
    assert set(encoded) == set(parallel)
    assert all(FileFacts.from_bytes(encoded[p]) == facts for p, facts in parallel.items())
    cache = FactsCache(tmp_path / "c.sqlite3")
    cache.put_many([("blob-m0", "python/test", parallel["m0.py"])], {"blob-m0": encoded["m0.py"]})
    cache.close()
    assert FactsCache(tmp_path / "c.sqlite3").get_many([("blob-m0", "python/test")]) == {
        ("blob-m0", "python/test"): parallel["m0.py"]}
