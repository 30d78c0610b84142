"""The list of publications behind the sourced figures, for the data-sources page."""
from __future__ import annotations

from .data import Package

BASIS_KO = {"GAC": "중국 해관총서", "KITA": "한국무역협회", "UN Comtrade": "UN Comtrade", "KOTRA": "KOTRA",
            "MOFCOM": "중국 상무부", "Statistics Korea": "통계청", "ITC": "ITC", "UN": "유엔", "other": "기타"}
STATUS = {"ok": ("", ""), "low_quality": ("flagged low quality", "저품질 표시"),
          "do_not_use": ("not used: the source is wrong", "사용하지 않음: 출처 오류")}


def source_lines(pkg: Package) -> list[str]:
    """One MyST list item per publication: citation, basis, rank, the figures it gives."""
    figs = pkg.table("sourced_figures")
    lines: list[str] = []
    for key, rows in figs.groupby("source_key", sort=False):
        basis = sorted(set(rows["basis"]))
        rank = int(rows["rank"].min())
        ids = ", ".join(f"`{i}`" for i in rows["figure_id"])
        flags = [STATUS[s] for s in sorted(set(rows["status"])) if STATUS[s][0]]
        en_flag = "; " + "; ".join(f[0] for f in flags) if flags else ""
        ko_flag = "; " + "; ".join(f[1] for f in flags) if flags else ""
        lines.append(
            f"- {{cite:p}}`{key}` [basis {', '.join(basis)}, rank {rank}, "
            f"{len(rows)} figure{'s' if len(rows) != 1 else ''}{en_flag}]{{.lang-en}}"
            f"[근거 {', '.join(BASIS_KO[b] for b in basis)}, 신뢰 순위 {rank}, 수치 {len(rows)}건{ko_flag}]{{.lang-ko}}: {ids}"
        )
    return lines


def basis_summary(pkg: Package):
    """Rows per basis and status, in both languages: what the bundled figures rest on."""
    from IPython.display import HTML

    figs = pkg.table("sourced_figures")
    table = figs.pivot_table(index=["rank", "basis"], columns="status", values="figure_id",
                             aggfunc="count", fill_value=0)
    en = table.to_html(classes="edition-table", border=0)
    ko_table = table.rename(index=BASIS_KO, level=1).rename(
        columns={"ok": "사용", "low_quality": "저품질", "do_not_use": "사용 안 함"})
    ko_table.index.names = ["신뢰 순위", "근거"]
    ko_table.columns.name = "상태"
    ko = ko_table.to_html(classes="edition-table", border=0)
    return HTML(f'<div class="lang-en" lang="en">{en}</div><div class="lang-ko" lang="ko">{ko}</div>')
