"""What every check shares: findings, and the book loaded once (chapters, bibliography, claims)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..blocks import Chapter, parse_chapter

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    severity: str = ERROR

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "rule": self.rule,
                "severity": self.severity, "message": self.message}


@dataclass
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()


@dataclass
class Book:
    root: Path
    chapters: list[Chapter]
    toc: list[str]
    unlisted: list[str] = field(default_factory=list)
    claims: list[CsvRow] | None = None

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    @property
    def claim_ids(self) -> set[str]:
        return {row.get("claim_id") for row in self.claims or []}


def read_csv(path: Path) -> list[CsvRow]:
    """Rows of a CSV file with the source line on which each row starts."""
    rows: list[CsvRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        start = 2
        for values in reader:
            rows.append(CsvRow(start, {k: v for k, v in values.items() if k is not None}))
            start = reader.line_num + 1
    return rows


def toc_files(root: Path) -> list[str]:
    """Chapter paths (``chapters/x.md``) in _toc.yml reading order."""
    toc_path = root / "_toc.yml"
    if not toc_path.exists():
        return []
    data = yaml.safe_load(toc_path.read_text(encoding="utf-8")) or {}
    files: list[str] = []
    _walk_toc(data, files)
    return [f if f.endswith(".md") else f + ".md" for f in files]


def _walk_toc(node: object, files: list[str]) -> None:
    if isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                files.append(node[key])
        for key in ("parts", "chapters", "sections"):
            _walk_toc(node.get(key), files)
    elif isinstance(node, list):
        for item in node:
            _walk_toc(item, files)


def load_book(root: Path) -> Book:
    """Chapters in toc order (unlisted chapters after, sorted), and the claims register."""
    root = root.resolve()
    toc = toc_files(root)
    found = sorted((root / "chapters").glob("*.md"))
    rels = [str(p.relative_to(root)) for p in found]
    ordered = [r for r in toc if r in rels] + [r for r in rels if r not in toc]
    chapters = [parse_chapter(root / r, root) for r in ordered]
    claims_path = root / "data" / "claims.csv"
    claims = read_csv(claims_path) if claims_path.exists() else None
    unlisted = [r for r in rels if r not in toc]
    return Book(root, chapters, toc, unlisted, claims)
