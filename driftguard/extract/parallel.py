"""Parse many blobs, on every core when the batch is large enough to pay for it."""

from __future__ import annotations

from driftguard.languages import get_language
from driftguard.model.facts import FileFacts

Job = tuple[str, str, bytes]  # (path, language name, bytes)
TOO_DEEP = "nested too deeply to analyse (the extractor ran out of stack); skipped"


def extract_one(job: Job) -> tuple[str, FileFacts]:
    path, language, data = job
    try:
        return path, get_language(language).extract(data)
    except RecursionError:  # thousands of nested blocks meet a recursive walker: skip, warn
        return path, FileFacts(language=language, warnings=(TOO_DEEP,))


def _extract_chunk(jobs: list[Job]) -> list[tuple[str, bytes]]:
    # Bytes, not objects: cheaper to send back than pickled dataclasses, and what the
    # cache stores as they are.
    return [(path, facts.to_bytes()) for path, facts in map(extract_one, jobs)]


def extract_all(jobs: list[Job], workers: int = 1,
                encoded: dict[str, bytes] | None = None) -> dict[str, FileFacts]:
    """Facts by path; ``encoded`` receives ``to_bytes()`` of those the workers made."""
    if workers <= 1 or len(jobs) < 2:
        return dict(extract_one(job) for job in jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Round-robin chunks by size so both cores get a fair share of big files.
    ordered = sorted(jobs, key=lambda j: len(j[2]), reverse=True)
    chunks = [ordered[i::workers * 4] for i in range(workers * 4)]
    context = multiprocessing.get_context("fork" if hasattr(__import__("os"), "fork") else "spawn")
    out: dict[str, FileFacts] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for results in pool.map(_extract_chunk, [c for c in chunks if c]):
            for path, data in results:
                out[path] = FileFacts.from_bytes(data)
                if encoded is not None:
                    encoded[path] = data
    return out
