"""Command line: ``python -m edition check [--json] [--online] [--root DIR]`` and
``python -m edition fingerprint [--write] FILES…``."""
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
    sub.add_parser("rehash", help="record each data file's sha256 in data/datapackage.json")
    rec = sub.add_parser("record-verdicts",
                         help="write the verdicts computed now into data/claims.csv (after review)")
    rec.add_argument("--root", type=Path, default=ROOT, help="the book's root directory")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from .check import run
    from .check.report import render_json, render_text

    if not args.root.is_dir():
        print(f"no such directory: {args.root}", file=sys.stderr)
        return 2
    result = run(args.root, online=args.online)
    render = render_json if args.json else render_text
    print(render(result.findings, result.notes))
    return 1 if result.failed else 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    from .blocks import fingerprint_changes, parse_chapter, write_fingerprints

    for path in args.files:
        if args.write:
            for change in write_fingerprints(path):
                print(f"{path}:{change.block.line}: {change.block.kind} {change.block.ident} {change.old or '-'} -> {change.new}")
            continue
        for change in fingerprint_changes(parse_chapter(path)):
            state = "ok" if change.old == change.new else f"stale (stored {change.old or '-'})"
            print(f"{path}:{change.block.line}: {change.block.kind} {change.block.ident} {change.new} {state}")
    return 0


def cmd_rehash(args: argparse.Namespace) -> int:
    from .data import rehash

    changed = rehash()
    print("updated: " + ", ".join(changed) if changed else "all hashes already current")
    return 0


def cmd_record_verdicts(args: argparse.Namespace) -> int:
    from .claims import record_verdicts
    from .data import Package

    from .relations import record_verdicts as record_relations

    moved = record_verdicts(Package(args.root, verify_hash=False))
    moved += record_relations(Package(args.root, verify_hash=False))
    for claim_id, old, new in moved:
        print(f"{claim_id}: {old!r} -> {new!r}")
    print(f"{len(moved)} verdict(s) recorded; data/datapackage.json rehashed")
    return 0


COMMANDS = {"check": cmd_check, "fingerprint": cmd_fingerprint, "rehash": cmd_rehash,
            "record-verdicts": cmd_record_verdicts}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
