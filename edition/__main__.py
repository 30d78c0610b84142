"""Command line: ``python -m edition check [--json] [--online] [--root DIR]``,
``python -m edition fingerprint [--write] FILES…``, ``rehash`` and ``record-verdicts``.

Exit codes: 0 clean (or done), 1 findings, 2 could not run (the error is printed, naming the file).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ROOT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m edition")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check citations, notes, claims, pairs and URLs")
    check.add_argument("--json", action="store_true", help="print findings as JSON")
    check.add_argument("--online", action="store_true", help="also check that URLs answer")
    check.add_argument("--root", type=Path, default=ROOT, help="the book's root directory")
    fp = sub.add_parser("fingerprint", help="compute (or --write) the :fp: of each pair and note-def")
    fp.add_argument("--write", action="store_true", help="rewrite the :fp: options in place")
    fp.add_argument("files", nargs="+", type=Path)
    rh = sub.add_parser("rehash", help="record each data file's sha256 in data/datapackage.json")
    rh.add_argument("--root", type=Path, default=ROOT, help="the book's root directory")
    rec = sub.add_parser("record-verdicts",
                         help="write the verdicts computed now into data/claims.csv (after review)")
    rec.add_argument("--root", type=Path, default=ROOT, help="the book's root directory")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from .check.report import render_failure, render_json, render_text

    if not args.root.is_dir():
        message = f"no such directory: {args.root}"
        print(render_failure(message) if args.json else message, file=sys.stdout if args.json else sys.stderr)
        return 2
    try:
        from .check import run

        result = run(args.root, online=args.online)
    except Exception as exc:  # noqa: BLE001 - the checker reports; a crash is "could not run"
        message = f"the checker could not run: {type(exc).__name__}: {exc}"
        print(render_failure(message) if args.json else message, file=sys.stdout if args.json else sys.stderr)
        return 2
    render = render_json if args.json else render_text
    print(render(result.findings, result.notes, incomplete=result.incomplete))
    if result.incomplete:
        return 2
    return 1 if result.failed else 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    from .data.blocks import fingerprint_changes, parse_chapter, write_fingerprints

    status = 0
    for path in args.files:
        try:
            if args.write:
                for change in write_fingerprints(path):
                    print(f"{path}:{change.block.line}: {change.block.kind} {change.block.ident} {change.old or '-'} -> {change.new}")
                continue
            for change in fingerprint_changes(parse_chapter(path)):
                state = "ok" if change.old == change.new else f"stale (stored {change.old or '-'})"
                print(f"{path}:{change.block.line}: {change.block.kind} {change.block.ident} {change.new} {state}")
        except (OSError, UnicodeDecodeError, RecursionError) as exc:
            print(f"fingerprint: {unreadable(path, exc)} (not written)", file=sys.stderr)
            status = 2
    return status


def unreadable(path: Path, exc: BaseException) -> str:
    """An input the command could not read, as the checker says it: file, line, what is wrong."""
    if isinstance(exc, UnicodeDecodeError):
        line = exc.object[:exc.start].count(b"\n") + 1
        return f"{path}, line {line}: byte 0x{exc.object[exc.start]:02x} is not UTF-8 (save the file as UTF-8)"
    if isinstance(exc, FileNotFoundError):
        return f"{path}: file is missing"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a directory, not a file"
    if isinstance(exc, OSError):
        return f"{path}: cannot be read: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return f"{path}: nested too deeply to read"
    return f"{path}: {type(exc).__name__}: {exc}"


def cmd_rehash(args: argparse.Namespace) -> int:
    from .data.datapackage import DataError, DESCRIPTOR, rehash

    try:
        changed = rehash(args.root)
    except DataError as exc:
        print(f"rehash: {exc}", file=sys.stderr)
        return 2
    for path, name in changed_files(args.root, changed):
        print(f"re-hashed {path} (resource {name})")
    print(f"{len(changed)} file(s) re-hashed in data/{DESCRIPTOR}" if changed
          else "all hashes already current")
    return 0


def changed_files(root: Path, names: list[str]) -> list[tuple[str, str]]:
    """(data/file.csv, resource name) for each named resource, as the descriptor records them."""
    from .data.datapackage import Package

    pkg = Package(root)
    return [(f"data/{pkg.spec(n)['path']}", n) for n in names]


def cmd_record_verdicts(args: argparse.Namespace) -> int:
    from .verdicts.claims import record_verdicts
    from .data.datapackage import DataError, Package

    from .verdicts.relations import record_verdicts as record_relations

    moved, done = [], []
    for register, record in (("data/claims.csv", record_verdicts), ("data/relations.csv", record_relations)):
        try:
            moved += record(Package(args.root))
        except DataError as exc:
            written = f"{', '.join(done)} written, {register} not" if done else "nothing written"
            print(f"record-verdicts: {written}: {exc}", file=sys.stderr)
            return 2
        done.append(register)
    for claim_id, old, new in moved:
        print(f"{claim_id}: {old!r} -> {new!r}")
    print(f"{len(moved)} verdict(s) recorded; data/claims.csv and data/relations.csv re-hashed (no other file)")
    return 0


COMMANDS = {"check": cmd_check, "fingerprint": cmd_fingerprint, "rehash": cmd_rehash,
            "record-verdicts": cmd_record_verdicts}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Exception as exc:  # noqa: BLE001 - a command that cannot run says so; never a traceback
        where = getattr(exc, "filename", None)
        message = unreadable(Path(where), exc) if where else f"{type(exc).__name__}: {exc}"
        print(f"{args.command}: could not run: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
