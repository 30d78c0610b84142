"""What every check shares: findings, and the book loaded once (chapters, bibliography, claims)."""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import csvfile
from ..data.blocks import ChapterSource, parse_text

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
    chapters: list[ChapterSource]
    toc: list[str]
    unlisted: list[str] = field(default_factory=list)
    claims: list[CsvRow] | None = None
    #: unreadable bytes, BOMs and YAML errors met while loading: reported, never raised
    problems: list[Finding] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    @property
    def claim_ids(self) -> set[str]:
        return {row.get("claim_id") for row in self.claims or []}


def read_text(path: Path, rel: str) -> tuple[str, list[Finding]]:
    """A file's text and what is wrong with its bytes: a BOM, or bytes that are not UTF-8 (each
    with its line). The text comes back in any case (BOM dropped, bad bytes replaced), so the
    other checks still run on it."""
    data = path.read_bytes()
    findings = []
    if data.startswith(codecs.BOM_UTF8):
        findings.append(Finding(rel, 1, "encoding", "starts with a UTF-8 byte-order mark (BOM): save it "
                                "as UTF-8 without BOM"))
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), findings
    except UnicodeDecodeError:
        pass
    start = 0
    while True:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            at = start + exc.start
            findings.append(Finding(rel, data[:at].count(b"\n") + 1, "encoding",
                                    f"byte 0x{data[at]:02x} is not UTF-8 (save the file as UTF-8)"))
            start = at + max(1, exc.end - exc.start)
            if len(findings) > 20:
                break
    return data.decode("utf-8", errors="replace"), findings


def read_csv(path: Path) -> list[CsvRow]:
    """Rows of a CSV file with the source line on which each row starts (bad bytes replaced:
    the data check reports them)."""
    text, _ = read_text(path, str(path))
    try:
        return [CsvRow(line, values) for line, values in csvfile.records(text)]
    except csvfile.CsvSyntaxError:
        return []  # reported by the data check, with its line


def read_yaml(root: Path, name: str) -> tuple[object, list[Finding]]:
    """A YAML file of the book (``_toc.yml``, ``_config.yml``) and its problems, with the line."""
    path = root / name
    if not path.exists():
        return None, []
    text, findings = read_text(path, name)
    try:
        return yaml.safe_load(text), findings
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x)
        return None, findings + [Finding(name, line, "yaml", f"is not valid YAML: {what or exc}")]


def toc_files(root: Path, data: object = None) -> list[str]:
    """Chapter paths (``chapters/x.md``) in _toc.yml reading order."""
    if data is None:
        data, _ = read_yaml(root, "_toc.yml")
    files: list[str] = []
    _walk_toc(data or {}, files)
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
    toc_data, problems = read_yaml(root, "_toc.yml")
    problems += read_yaml(root, "_config.yml")[1]
    toc = toc_files(root, toc_data or {})
    from ..site.sourcetree import links_out, message  # the build's own refusal, as findings

    leaving = links_out(root)
    problems += [Finding(rel, 1, "symlink", message((rel, target))) for rel, target in leaving]
    outside = {rel for rel, _ in leaving}
    found = sorted(p for p in (root / "chapters").glob("*.md")
                   if p.relative_to(root).as_posix() not in outside)
    rels = [str(p.relative_to(root)) for p in found]
    ordered = [r for r in toc if r in rels] + [r for r in rels if r not in toc]
    chapters = []
    for rel in ordered:
        text, bad = read_text(root / rel, rel)
        problems += bad
        chapters.append(parse_text(text, root / rel, rel))
    claims_path = root / "data" / "claims.csv"
    claims = read_csv(claims_path) if claims_path.exists() else None
    unlisted = [r for r in rels if r not in toc] if toc_data is not None else []
    return Book(root, chapters, toc, unlisted, claims, problems)


def duplicate_ids(rows: list["CsvRow"], column: str, path: str, rule: str) -> list[Finding]:
    """A register's id that appears twice is a finding at the second line, naming the first:
    one rule for every register (claims, editorial notes), so they report duplicates alike."""
    seen: dict[str, int] = {}
    findings = []
    for row in rows:
        key = row.get(column)
        if key in seen:
            findings.append(Finding(path, row.line, rule, f"{key} already at line {seen[key]}"))
        seen.setdefault(key, row.line)
    return findings

