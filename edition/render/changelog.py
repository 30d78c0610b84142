"""The "Updates and corrections" page: every change to the edition's text, data and verdicts,
dated, from ``data/changelog.csv`` (kept with the data, so a shallow clone or a copy without git
history still has it).

Every cell is treated as hostile: it reaches HTML through :mod:`edition.core.escape` only.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..data.datapackage import DataError, Package, package
from ..core.escape import attr, text
from ..core.fmt import ko_date

AREAS = {
    "release": ("Release", "공개"), "text": ("Text", "본문"), "data": ("Data", "자료"),
    "verdict": ("Verdicts", "판정"), "site": ("Site", "사이트"),
}
HEAD = {"en": ("Date", "Area", "Change"), "ko": ("날짜", "영역", "변경 내용")}


def entries(pkg: Package | None = None) -> pd.DataFrame:
    """The changelog, oldest first; a row dated after the one before it is required (the file is
    appended to), so a mistyped date is caught, naming its line."""
    pkg = pkg or package()
    log = pkg.table("changelog")
    path = pkg.base / "changelog.csv"
    previous = None
    for i, row in enumerate(log.itertuples(index=False)):
        date = row.date
        if previous is not None and date < previous:
            raise DataError(path, f"date {date} is earlier than the row before it ({previous}): "
                                  "append new changes at the end", row=i + 1, column="date")
        if date > dt.date.today() + dt.timedelta(days=1):
            raise DataError(path, f"date {date} is in the future", row=i + 1, column="date")
        previous = date
    return log


def changelog_html(pkg: Package | None = None) -> str:
    """Two tables, newest change first: one English, one Korean (the language switch picks)."""
    log = entries(pkg).iloc[::-1]
    blocks = []
    for lang, col in (("en", "change_en"), ("ko", "change_ko")):
        head = "".join(f'<th scope="col">{text(h)}</th>' for h in HEAD[lang])
        rows = []
        for row in log.itertuples(index=False):
            area = AREAS[row.area][0 if lang == "en" else 1]
            iso = row.date.isoformat()
            shown = iso if lang == "en" else ko_date(row.date)  # Korean: 2026년 12월 7일, never ISO
            rows.append(f'<tr id="{attr(row.change_id)}{"" if lang == "en" else "-ko"}">'
                        f'<td><time datetime="{attr(iso)}">{text(shown)}</time></td>'
                        f'<td>{text(area)}</td><td>{text(getattr(row, col))}</td></tr>')
        blocks.append(f'<div class="lang-{lang}" lang="{lang}"><div class="table-scroll" tabindex="0">'
                      f'<table class="edition-table changelog"><thead><tr>{head}</tr></thead>'
                      f'<tbody>{"".join(rows)}</tbody></table></div></div>')
    return "".join(blocks)


def display(pkg: Package | None = None):
    from IPython.display import HTML

    return HTML(changelog_html(pkg))
