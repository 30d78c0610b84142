"""Output: one line per finding, then one summary line; or the same as JSON."""
from __future__ import annotations

import json
from collections import Counter

from .identifiers import HIDDEN_RE, visible
from .model import ERROR, WARNING, Finding


def line(finding: Finding) -> str:
    label = "warning: " if finding.severity == WARNING else ""
    return visible(f"{finding.path}:{finding.line}: [{finding.rule}] {label}{finding.message}")


def summary(findings: list[Finding]) -> dict[str, object]:
    errors = Counter(f.rule for f in findings if f.severity == ERROR)
    warnings = Counter(f.rule for f in findings if f.severity == WARNING)
    return {"errors": sum(errors.values()), "warnings": sum(warnings.values()),
            "by_rule": {rule: {"errors": errors[rule], "warnings": warnings[rule]}
                        for rule in sorted(set(errors) | set(warnings))}}


def summary_line(findings: list[Finding]) -> str:
    data = summary(findings)
    parts = []
    for rule, counts in data["by_rule"].items():  # type: ignore[union-attr]
        bits = [str(counts["errors"])] if counts["errors"] else []
        bits += [f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}"] if counts["warnings"] else []
        parts.append(f"{rule} {'+'.join(bits)}")
    detail = f": {', '.join(parts)}" if parts else ""
    errors, warnings = data["errors"], data["warnings"]
    return (f"check: {errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}{detail}")


def render_text(findings: list[Finding], notes: list[str], incomplete: str | None = None) -> str:
    out = [line(f) for f in findings] + [visible(n) for n in notes] + [summary_line(findings)]
    if incomplete:
        out.append(f"check incomplete: {incomplete}")
    return "\n".join(out)


def render_json(findings: list[Finding], notes: list[str], incomplete: str | None = None) -> str:
    data = {"findings": [f.as_dict() for f in findings], "summary": summary(findings), "notes": notes,
            "incomplete": incomplete}
    return _json(data)


def _json(data: object) -> str:
    """JSON as UTF-8 text, with hidden characters (bidi controls, zero-width spaces) written as
    ``\\uXXXX`` escapes: the same data, nothing reordered on the terminal that shows it."""
    return HIDDEN_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


def render_failure(message: str) -> str:
    """Valid JSON even when the checker could not run: no findings, the reason, ``could_not_run``."""
    data = {"findings": [], "summary": summary([]), "notes": [message], "could_not_run": True}
    return _json(data)
