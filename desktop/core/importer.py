"""Import: files -> readers -> extraction -> store, one transaction per document.

A bad file is named with its reason and skipped; the rest of the batch goes on. Large batches extract on
every core (a process pool), while one writer keeps the store consistent.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.resolver import EntityResolver
from desktop.domain import Extraction, RawDocument
from desktop.extract.pipeline import Pipeline
from desktop.ingest.readers import UnreadableFile, expand_paths, read_file
from desktop.store.repository import Repository

ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, current file)
PARALLEL_THRESHOLD = 64  # below this many files a process pool costs more than it saves


@dataclass
class ImportReport:
    added: int = 0
    unchanged: int = 0  # already in the store (same checksum)
    figures: int = 0
    mentions: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{self.added} imported", f"{self.unchanged} already present"]
        if self.failed:
            parts.append(f"{len(self.failed)} skipped")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts) + f" ({self.figures} figures, {self.mentions} entity mentions)"


@dataclass(frozen=True)
class _FileResult:
    path: str
    documents: tuple[tuple[RawDocument, Extraction | None], ...] = ()
    error: str | None = None


_worker_pipeline: Pipeline | None = None
_worker_known: frozenset[str] = frozenset()


def _init_worker(pipeline: Pipeline, known: frozenset[str]) -> None:
    global _worker_pipeline, _worker_known
    _worker_pipeline, _worker_known = pipeline, known


def _process(path: Path, pipeline: Pipeline, known: frozenset[str] | set[str]) -> _FileResult:
    try:
        raws = read_file(path)
    except UnreadableFile as error:
        return _FileResult(str(path), error=error.reason)
    produced = []
    try:
        for raw in raws:
            # A known checksum is skipped before extraction: re-importing costs only the read.
            produced.append((raw, None if raw.checksum in known else pipeline.extract(raw.text)))
    except Exception as error:  # noqa: BLE001 - one broken file must not end the batch
        return _FileResult(str(path), error=f"extraction failed ({type(error).__name__}: {error})")
    return _FileResult(str(path), tuple(produced))


def _process_in_worker(path: Path) -> _FileResult:
    assert _worker_pipeline is not None
    return _process(path, _worker_pipeline, _worker_known)


def import_paths(
    repository: Repository,
    pipeline: Pipeline,
    paths: Iterable[Path | str],
    *,
    progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    files = expand_paths(paths)
    report = ImportReport()
    repository.sync_sectors(pipeline.taxonomy.sectors)
    known = repository.checksums()
    resolver = EntityResolver.from_repository(repository)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_THRESHOLD else 1
    results = _results(files, pipeline, known, workers)
    try:
        for done, result in enumerate(results, start=1):
            if is_cancelled is not None and is_cancelled():
                report.cancelled = True
                break
            _store(repository, resolver, result, known, report)
            if progress is not None:
                progress(done, len(files), result.path)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return report


def _results(files: Sequence[Path], pipeline: Pipeline, known: set[str], workers: int) -> Iterator[_FileResult]:
    if workers <= 1:
        yield from (_process(path, pipeline, known) for path in files)
        return
    # "spawn", not fork: the app imports from a process that runs Qt threads, which must not be forked.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(pipeline, frozenset(known))) as pool:
        try:
            yield from pool.map(_process_in_worker, files, chunksize=16)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _store(repository: Repository, resolver: EntityResolver, result: _FileResult, known: set[str],
           report: ImportReport) -> None:
    if result.error is not None:
        report.failed.append((result.path, result.error))
        return
    for raw, extraction in result.documents:
        if extraction is None or raw.checksum in known:
            report.unchanged += 1
            continue
        try:
            keys = resolver.keys_for(extraction.mentions)
            added = repository.add_document(raw, extraction, keys)
        except Exception as error:  # noqa: BLE001 - the transaction rolled back; name the file and go on
            report.failed.append((raw.source, f"could not be stored ({type(error).__name__}: {error})"))
            continue
        known.add(raw.checksum)
        resolver.learn(added.new_entities)
        if added.created:
            report.added += 1
            report.figures += added.figures
            report.mentions += added.mentions
        else:
            report.unchanged += 1


def reextract_all(repository: Repository, pipeline: Pipeline, *, progress: ProgressCallback | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> int:
    """Run extraction again over every stored document; user decisions survive (they are keyed by span)."""
    repository.sync_sectors(pipeline.taxonomy.sectors)
    resolver = EntityResolver.from_repository(repository)
    document_ids = repository.document_ids()
    for done, document_id in enumerate(document_ids, start=1):
        if is_cancelled is not None and is_cancelled():
            return done - 1
        extraction = pipeline.extract(repository.document_text(document_id))
        added = repository.replace_extraction(document_id, extraction, resolver.keys_for(extraction.mentions))
        resolver.learn(added.new_entities)
        if progress is not None:
            progress(done, len(document_ids), str(document_id))
    return len(document_ids)
