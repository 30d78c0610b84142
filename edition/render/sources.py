"""What the data-sources page says: the publications behind the sourced figures, and their bases.

Plain records; the ``{data-sources}`` and ``{data-basis}`` directives
(:mod:`edition.site.sphinxext.pages`) turn them into nodes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..data.datapackage import Package

BASIS_KO = {"GAC": "중국 해관총서", "KITA": "한국무역협회", "UN Comtrade": "UN Comtrade", "KOTRA": "KOTRA",
            "MOFCOM": "중국 상무부", "Statistics Korea": "통계청", "ITC": "ITC", "UN": "유엔", "other": "기타"}
STATUS = {"ok": ("", ""), "low_quality": ("flagged low quality", "품질 낮음 표시"),
          "do_not_use": ("not used: the source is wrong", "사용하지 않음: 출처 오류")}
#: Column heads of the basis summary, in each language.
STATUS_HEAD = {"ok": ("used", "사용"), "low_quality": ("low quality", "품질 낮음"),
               "do_not_use": ("not used", "사용 안 함")}
SUMMARY_HEAD = {"en": ("Rank", "Basis"), "ko": ("신뢰 순위", "집계 기준")}


def basis_name(basis: str, lang: str) -> str:
    return basis if lang == "en" else BASIS_KO.get(basis, basis)


@dataclass(frozen=True)
class Publication:
    """One publication named in ``sourced_figures.csv``, with what it gives."""

    source_key: str
    bases: tuple[str, ...]
    rank: int
    figure_ids: tuple[str, ...]
    statuses: tuple[str, ...]   # the non-"ok" statuses of its rows

    def describe(self, lang: str) -> str:
        """"basis KITA, rank 2, 3 figures; flagged low quality" (or its Korean form)."""
        n = len(self.figure_ids)
        flags = "".join("; " + STATUS[s][0 if lang == "en" else 1] for s in self.statuses)
        if lang == "en":
            return (f"basis {', '.join(self.bases)}, rank {self.rank}, "
                    f"{n} figure{'s' if n != 1 else ''}{flags}")
        return (f"집계 기준 {', '.join(basis_name(b, 'ko') for b in self.bases)}, 신뢰 순위 {self.rank}, "
                f"수치 {n}건{flags}")


def publications(pkg: Package) -> list[Publication]:
    """Every publication in file order of first appearance."""
    figs = pkg.table("sourced_figures")
    out = []
    for key, rows in figs.groupby("source_key", sort=False):
        statuses = tuple(s for s in sorted(set(rows["status"])) if STATUS[s][0])
        out.append(Publication(str(key), tuple(sorted(set(rows["basis"]))), int(rows["rank"].min()),
                               tuple(rows["figure_id"]), statuses))
    return out


def basis_summary(pkg: Package) -> tuple[tuple[str, ...], list[tuple[int, str, tuple[int, ...]]]]:
    """Rows per (rank, basis) with the count of figures in each status present in the data."""
    figs = pkg.table("sourced_figures")
    statuses = tuple(s for s in STATUS if s in set(figs["status"]))
    rows = []
    for (rank, basis), group in figs.groupby(["rank", "basis"], sort=True):
        counts = group["status"].value_counts()
        rows.append((int(rank), str(basis), tuple(int(counts.get(s, 0)) for s in statuses)))
    return statuses, rows
