"""The ``briefing`` command: ingest, documents, figures, entities, extract, reconcile, export, gui.

Every subcommand takes ``--db URL`` (default: ``$BRIEFING_DB`` or the SQLite file in the user's data
folder) and ``--json`` for scripting. With no subcommand, ``briefing`` opens the app.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.domain import figure_fields


def _figure_json(figure) -> dict:  # noqa: ANN001 - Figure or ExtractedFigure
    return {**figure_fields(figure, compact=True), "sectors": list(figure.sectors)}


def _stored_figure_json(figure, sentence: str) -> dict:  # noqa: ANN001 - a stored Figure
    record = {
        "id": figure.id,
        "document": {"id": figure.document_id, "title": figure.document_title, "date": figure.document_date,
                     "source": figure.document_source_name},
        "sentence": {"index": figure.sentence_index, "start": figure.sentence_start, "end": figure.sentence_end,
                     "text": sentence},
    }
    record.update(_figure_json(figure))
    return record


def _format_value(figure) -> str:  # noqa: ANN001
    from desktop.charts.units import format_figure  # Qt-free; the wording every view uses

    return format_figure(figure)


def _print_json(data) -> None:  # noqa: ANN001
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _repository(args: argparse.Namespace):  # noqa: ANN202
    from desktop.store.repository import Repository

    return Repository.open(args.db)


def _pipeline(args: argparse.Namespace):  # noqa: ANN202
    from desktop.core.session import user_pipeline

    return user_pipeline(use_model=not getattr(args, "no_model", False))


class _Progress:
    """A one-line progress display on stderr (only when stderr is a terminal, or when asked)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self._last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done != total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / max(total, 1))
        rate = done / max(now - self.started, 1e-9)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files, {rate:,.0f}/s ")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def cmd_ingest(args: argparse.Namespace) -> int:
    from desktop.core.importer import import_paths

    missing = [path for path in args.paths if not Path(path).exists()]
    repository = _repository(args)
    existing = [path for path in args.paths if Path(path).exists()]
    progress = _Progress(sys.stderr.isatty() if args.progress is None else args.progress)
    report = import_paths(repository, _pipeline(args), existing, progress=progress,
                          workers=args.workers)
    failed = [(str(path), "no such file or folder") for path in missing] + report.failed
    elapsed = time.perf_counter() - progress.started
    if args.json:
        _print_json({"added": report.added, "unchanged": report.unchanged, "figures": report.figures,
                     "mentions": report.mentions, "seconds": round(elapsed, 3),
                     "skipped": [{"path": path, "reason": reason} for path, reason in failed]})
    else:
        for path, reason in failed:
            print(f"skipped {path}: {reason}", file=sys.stderr)
        print(f"{report.summary()} in {elapsed:.1f} s" + (f"; {len(failed)} skipped" if missing else ""))
    return 1 if failed else 0


def cmd_documents(args: argparse.Namespace) -> int:
    from desktop.store.repository import Scope

    documents = _repository(args).documents(Scope(sectors=frozenset(args.sector or ()), search=args.search or ""))
    if args.json:
        _print_json([{"id": d.id, "title": d.title, "date": d.date, "source": d.source_name,
                      "sectors": list(d.sectors), "figures": d.figure_count} for d in documents])
    else:
        for d in documents:
            print(f"{d.id:>5}  {d.date or '          '}  {d.figure_count:>3} fig  {d.title[:70]}  [{d.source_name}]")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from desktop.store.repository import Scope

    repository = _repository(args)
    figures = repository.figures(Scope(sectors=frozenset(args.sector or ())))
    if args.metric:
        wanted = {metric.lower() for metric in args.metric}
        figures = [figure for figure in figures if (figure.metric or "").lower() in wanted]
    if args.json:
        sentences = repository.sentence_texts((f.document_id, f.sentence_index) for f in figures)
        _print_json([_stored_figure_json(f, sentences[(f.document_id, f.sentence_index)]) for f in figures])
    else:
        for figure in figures:
            print(f"{figure.id:>5}  {figure.metric or '-':<32.32} {figure.period or '-':<16} "
                  f"{_format_value(figure):<28} {figure.kind:<10} {figure.document_title[:40]}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from desktop.store.repository import Scope

    entities = _repository(args).entities(Scope(sectors=frozenset(args.sector or ())), entity_type=args.type)
    if args.json:
        _print_json([{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                      "mentions": e.mention_count, "documents": e.document_count} for e in entities])
    else:
        for e in entities:
            aliases = ", ".join(alias for alias in e.aliases if alias != e.name)
            print(f"{e.type:<13} {e.name:<36} {e.mention_count:>4} mentions {e.document_count:>4} docs"
                  + (f"  ({aliases})" if aliases else ""))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    if args.file in (None, "-"):
        text = sys.stdin.read()
    else:
        from desktop.ingest.readers import UnreadableFile, read_file

        try:
            documents = read_file(Path(args.file))
        except UnreadableFile as error:
            print(f"skipped {error.path}: {error.reason}", file=sys.stderr)
            return 1
        text = "\n\n".join(document.text for document in documents)
    pipeline = _pipeline(args)
    inputs = text.splitlines() if args.lines else [text]
    for number, item in enumerate(inputs, start=1):
        extraction = pipeline.extract(item)
        if args.json:
            figures = []
            for figure in extraction.figures:
                sentence = extraction.sentences[figure.sentence_index]
                figures.append({"sentence": {"index": sentence.index, "start": sentence.start, "end": sentence.end,
                                             "text": item[sentence.start:sentence.end]}, **_figure_json(figure)})
            mentions = [{"text": m.text, "start": m.start, "end": m.end, "type": m.type, "name": m.name}
                        for m in extraction.mentions]
            print(json.dumps({"figures": figures, "entities": mentions}, ensure_ascii=False))
            continue
        if len(inputs) > 1:
            print(f"# {number}")
        for figure in extraction.figures:
            print(f"figure  {figure.text!r:<32} {_format_value(figure)} period={figure.period} "
                  f"kind={figure.kind} metric={figure.metric}")
        for mention in extraction.mentions:
            print(f"entity  {mention.text!r:<32} {mention.type:<13} -> {mention.name}")
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from desktop.core.reconcile import group_to_json
    from desktop.core.reconciliation import reconcile_store

    repository = _repository(args)
    groups = reconcile_store(repository, sectors=frozenset(args.sector or ()))
    if not args.all:
        groups = [group for group in groups if len(group.figures) > 1]
    if args.json:
        records = []
        sentences = repository.sentence_texts((f.document_id, f.sentence_index) for g in groups for f in g.figures)
        for group in groups:
            record = group_to_json(group)
            for figure_record, figure in zip(record["figures"], group.figures, strict=True):
                figure_record["sentence"]["text"] = sentences[(figure.document_id, figure.sentence_index)]
            records.append(record)
        _print_json(records)
    else:
        for group in groups:
            print(f"[{group.status}] {group.metric} — {group.period or 'no period'} ({group.kind}, {group.unit})")
            for figure in group.figures:
                mark = "✓" if figure.id == group.accepted_figure_id else ("✗" if figure.id in group.rejected_ids else " ")
                print(f"   {mark} {_format_value(figure):<28} {figure.document_title[:50]} ({figure.document_date})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    repository = _repository(args)
    try:
        if args.briefing:
            from desktop.export.briefing_export import export_briefing_headless

            written = export_briefing_headless(repository, Path(args.out), metrics=args.metric or None,
                                               sectors=tuple(args.sector or ()), overwrite=args.overwrite)
        else:
            from desktop.export.cli_export import export_charts_headless

            if not args.metric:
                print("briefing export: name at least one --metric (see `briefing figures`)", file=sys.stderr)
                return 2
            written = export_charts_headless(repository, args.metric, args.format, Path(args.out),
                                             sectors=tuple(args.sector or ()), overwrite=args.overwrite)
    except FileExistsError as error:
        print(f"briefing export: {error} (use --overwrite to replace)", file=sys.stderr)
        return 1
    except (KeyError, ValueError) as error:
        print(f"briefing export: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.ui.app import run

    return run([sys.argv[0]], db_url=args.db)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the store (default: $BRIEFING_DB or "
                        "the SQLite file in your data folder)")
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.split("\n\n")[0],
                                     parents=[common])
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", parents=[common], help="import files and folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores "
                        "for large batches)")
    ingest.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stderr is a terminal)")
    ingest.add_argument("--no-model", action="store_true", help="rules only: skip the statistical entity model")
    ingest.set_defaults(handler=cmd_ingest)

    documents = commands.add_parser("documents", parents=[common], help="list stored documents")
    documents.add_argument("--sector", action="append", metavar="S")
    documents.add_argument("--search", metavar="TEXT", help="case- and diacritic-blind text search")
    documents.set_defaults(handler=cmd_documents)

    figures = commands.add_parser("figures", parents=[common], help="list stored figures")
    figures.add_argument("--sector", action="append", metavar="S")
    figures.add_argument("--metric", action="append", metavar="M")
    figures.set_defaults(handler=cmd_figures)

    entities = commands.add_parser("entities", parents=[common], help="list entities")
    entities.add_argument("--type", choices=("person", "organisation", "place"))
    entities.add_argument("--sector", action="append", metavar="S")
    entities.set_defaults(handler=cmd_entities)

    extract = commands.add_parser("extract", parents=[common], help="figures and entities of a text, without "
                                  "touching the store")
    extract.add_argument("file", nargs="?", metavar="FILE|-")
    extract.add_argument("--lines", action="store_true", help="treat each input line as its own document")
    extract.add_argument("--no-model", action="store_true", help="rules only: skip the statistical entity model")
    extract.set_defaults(handler=cmd_extract)

    reconcile = commands.add_parser("reconcile", parents=[common], help="figures of one metric and period, "
                                    "side by side: agreed, in conflict, or accepted")
    reconcile.add_argument("--sector", action="append", metavar="S")
    reconcile.add_argument("--all", action="store_true", help="include groups of a single figure")
    reconcile.set_defaults(handler=cmd_reconcile)

    export = commands.add_parser("export", parents=[common], help="export charts (or a cited briefing) "
                                 "without a window")
    export.add_argument("--metric", action="append", metavar="M")
    export.add_argument("--format", choices=("png", "svg", "pdf", "csv"), default="png")
    export.add_argument("--out", required=True, metavar="DIR|FILE")
    export.add_argument("--sector", action="append", metavar="S")
    export.add_argument("--briefing", action="store_true", help="one cited briefing (PDF or HTML by --out)")
    export.add_argument("--overwrite", action="store_true", help="replace files that exist")
    export.set_defaults(handler=cmd_export)

    gui = commands.add_parser("gui", parents=[common], help="open the app (the default)")
    gui.set_defaults(handler=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_gui)
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
