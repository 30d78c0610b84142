"""The checker reports, never crashes: unreadable bytes, BOMs, bibliography syntax errors, YAML
errors and problems in any data resource are findings at their own file and line; ``--json`` is
valid JSON whatever happens; exit codes are 0 clean, 1 findings, 2 could not run."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from edition.__main__ import main
from edition.check import run, urls

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("chapters", "data", "references.bib", "_toc.yml", "_config.yml")


def copy_book(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    root.mkdir()
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / part)
    return root


def line_with(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, dict]:
    """One copy of the book with a different breakage in each file, checked once."""
    root = copy_book(tmp_path_factory.mktemp("broken"))
    places = {}
    # a byte that is not UTF-8 in a chapter, after line 20
    ch = root / "chapters" / "02-integration.md"
    lines = ch.read_bytes().split(b"\n")
    lines[20] += b" caf\xe9"
    ch.write_bytes(b"\n".join(lines))
    places["chapter"] = ("chapters/02-integration.md", 21)
    # a BOM in the glossary, a byte that is not UTF-8 in the editorial notes (line 5)
    gl = root / "data" / "glossary.csv"
    gl.write_bytes(b"\xef\xbb\xbf" + gl.read_bytes())
    ed = root / "data" / "editorial_notes.csv"
    rows = ed.read_bytes().split(b"\n")
    rows[4] += b"\xff"
    ed.write_bytes(b"\n".join(rows))
    # table2: an extra column (and so a stale hash)
    t2 = root / "data" / "table2.csv"
    t2.write_text("\n".join(l + ",x" if l else l for l in t2.read_text(encoding="utf-8").split("\n")),
                  encoding="utf-8")
    # figure1: an integer that is not one, on line 7
    f1 = root / "data" / "figure1.csv"
    text = f1.read_text(encoding="utf-8").split("\n")
    text[6] = "20x9" + text[6][4:]
    f1.write_text("\n".join(text), encoding="utf-8")
    # the bibliography: an entry with an unclosed brace before the second entry
    bib = root / "references.bib"
    second = [i for i, l in enumerate(bib.read_text(encoding="utf-8").split("\n")) if l.startswith("@")][1]
    blines = bib.read_text(encoding="utf-8").split("\n")
    blines.insert(second, "@book{broken2020, title = {Unclosed, year = {2020}}")
    bib.write_text("\n".join(blines), encoding="utf-8")
    places["bib"] = ("references.bib", second + 1)
    # _config.yml: a YAML error on its line 3
    cfg = root / "_config.yml"
    clines = cfg.read_text(encoding="utf-8").split("\n")
    clines.insert(2, "title: [unclosed")
    cfg.write_text("\n".join(clines), encoding="utf-8")
    return root, places


@pytest.fixture(scope="module")
def findings(broken):
    root, _ = broken
    return run(root).findings


def at(findings, rule: str, path: str, line: int | None = None) -> list:
    return [f for f in findings if f.rule == rule and f.path == path and (line is None or f.line == line)]


def test_non_utf8_chapter_is_a_finding_at_its_line(findings, broken):
    path, line = broken[1]["chapter"]
    assert at(findings, "encoding", path, line)


def test_bom_in_a_data_file_is_a_finding(findings):
    assert [f for f in at(findings, "data", "data/glossary.csv", 1) if "byte-order mark" in f.message]


def test_non_utf8_in_a_data_file_is_a_finding_at_its_line(findings):
    assert [f for f in at(findings, "data", "data/editorial_notes.csv", 5) if "not UTF-8" in f.message]


def test_every_resource_is_validated_and_filed_at_its_own_file(findings):
    t2 = at(findings, "data", "data/table2.csv")
    # said once (issue 24: one validator, so nothing to de-duplicate)
    assert [f.message for f in t2 if "column" in f.message] == [
        "column 'x': unexpected column(s) not in the schema: x"]
    assert any("sha256 mismatch" in f.message for f in t2)
    f1 = at(findings, "data", "data/figure1.csv", 7)
    assert any("row 6, column 'year'" in f.message and "20x9" in f.message for f in f1)
    assert not [f for f in findings if f.path == "data/claims.csv" and f.rule in ("verdict-drift", "data")
                and f.severity == "error"]


def test_bib_syntax_error_is_a_finding_at_its_line(findings, broken):
    path, line = broken[1]["bib"]
    assert [f for f in at(findings, "bib-parse", path, line) if "unclosed" in f.message]


def test_yaml_error_is_a_finding_at_its_line(findings):
    assert at(findings, "yaml", "_config.yml", 3) or at(findings, "yaml", "_config.yml", 4)


def test_json_is_valid_and_exit_is_1_with_findings(broken, capsys):
    root, _ = broken
    code, out = cli(capsys, "check", "--json", "--root", str(root))
    data = json.loads(out)
    assert code == 1 and data["summary"]["errors"] == len([f for f in data["findings"]
                                                           if f["severity"] == "error"]) > 5


def test_broken_toc_is_a_finding_not_a_crash(tmp_path, capsys):
    root = copy_book(tmp_path)
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/00-front\nchapters: [\n", encoding="utf-8")
    code, out = cli(capsys, "check", "--json", "--root", str(root))
    data = json.loads(out)
    assert code == 1
    assert [f for f in data["findings"] if f["rule"] == "yaml" and f["path"] == "_toc.yml" and f["line"] >= 3]


def test_non_utf8_bibliography_is_a_finding(tmp_path):
    root = copy_book(tmp_path)
    bib = root / "references.bib"
    bib.write_bytes(bib.read_bytes() + b"\n% caf\xe9\n")
    found = run(root).findings
    assert at(found, "encoding", "references.bib", line_with(bib, "% caf"))


def test_the_real_book_checks_clean(capsys):
    code, out = cli(capsys, "check", "--json")
    assert code == 0, out
    assert json.loads(out)["summary"]["errors"] == 0


def test_could_not_run_is_exit_2_with_valid_json(tmp_path, capsys, monkeypatch):
    code, out = cli(capsys, "check", "--json", "--root", str(tmp_path / "nowhere"))
    assert code == 2 and json.loads(out)["could_not_run"] is True
    import edition.check as check

    def crash(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(check, "run", crash)
    code, out = cli(capsys, "check", "--json", "--root", str(tmp_path))
    assert code == 2 and "boom" in json.loads(out)["notes"][0]


def test_online_that_reaches_nothing_says_so_and_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(urls, "_bounded", lambda url: urls.Probe(None, "no network"))
    code, out = cli(capsys, "check", "--online")
    assert code == 2
    assert "network unavailable" in out and "check incomplete" in out
    code, out = cli(capsys, "check", "--online", "--json")
    data = json.loads(out)
    assert code == 2 and data["incomplete"].startswith("network unavailable")


@pytest.mark.parametrize("descriptor,words", [
    ("not json {", "is not valid JSON"),
    ('{"resources": [{"name": "table1", "path": "table1.csv", "schema": {"fields": '
     '[{"name": "year", "type": "bogus"}]}}]}', "cannot be validated"),
    (None, "is missing"),
])
def test_a_broken_or_missing_descriptor_is_a_finding(tmp_path, capsys, descriptor, words):
    root = copy_book(tmp_path)
    path = root / "data" / "datapackage.json"
    if descriptor is None:
        path.unlink()
    else:
        path.write_text(descriptor, encoding="utf-8")
    code, out = cli(capsys, "check", "--json", "--root", str(root))
    data = json.loads(out)
    assert code == 1
    assert [f for f in data["findings"] if f["path"] == "data/datapackage.json" and words in f["message"]]
