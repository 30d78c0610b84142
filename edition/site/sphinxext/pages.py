"""The apparatus pages generated from the data, as directives that emit docutils nodes.

``{claims-ledger}``, ``{editorial-notes} slip|typo|query|repair``, ``{editorial-counts}``, ``{data-sources}``, ``{data-basis}`` and
``{discrepancies} s4`` read the data package at build time. Every value from a CSV becomes a text
node (escaped by construction); every row a reader can be sent to (``claim-<id>``, an editorial
note's id) is an explicit target, and every link to a place in the text is a cross-reference,
so a missing target is a build warning and every builder writes its own link form.
"""
from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...verdicts import judge
from ...render import labels
from .markup import register_target
from .marks import CLAIM_TARGET, book_package, note_data_dependencies
from .nodes import LANGS, lang_block, lang_span, sic_mark, styled_block, verdict_mark

logger = logging.getLogger(__name__)

BIB_KEY = re.compile(r"^[A-Za-z0-9_\-:.]+$")


def block_ref(target: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to a pair or note (``s2-p04``, ``note-12``) wherever it stands; warns if it is nowhere."""
    ref = addnodes.pending_xref("", nodes.inline("", text or target), refdomain="std",
                                reftype="ref", reftarget=target.lower(), refexplicit=True,
                                refwarn=True)
    return ref


def claim_ref(claim_id: str, text: str) -> addnodes.pending_xref:
    return block_ref(CLAIM_TARGET.format(claim_id=claim_id), text)


def verdict_label(verdict: judge.Verdict, lang: str) -> list[nodes.Node]:
    """The mark as the ledger shows it (a plain span, not a link) and the verdict's name."""
    name = verdict.name if lang == "en" else verdict.name_ko
    return [nodes.inline("", verdict.symbol, classes=["verdict", f"verdict-{verdict.slug}"]),
            nodes.Text(" " + name)]


def para(*children: nodes.Node | str, classes: list[str] | None = None) -> nodes.paragraph:
    node = nodes.paragraph(classes=classes or [])
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def table(classes: list[str], widths: list[int], head: tuple[str, ...]) -> tuple[nodes.table, nodes.tbody]:
    """An empty table with a header row; returns the table and the body to fill."""
    tbl = nodes.table(classes=classes + ["colwidths-given"])
    group = nodes.tgroup(cols=len(widths))
    tbl += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    row = nodes.row()
    for text in head:
        row += nodes.entry("", para(text))
    thead += row
    tbody = nodes.tbody()
    group += tbody
    return tbl, tbody


def cell(*children: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    entry = nodes.entry(classes=classes or [])
    for child in children:
        entry += child
    return entry


class DataDirective(SphinxDirective):
    """A directive whose output is computed from the data package (a dependency of the page)."""

    has_content = False

    @property
    def package(self):
        note_data_dependencies(self.env)
        return book_package(self.env)

    def lang_blocks(self) -> list[nodes.Element]:
        """One block per language. Values from the data are shown exactly as written: no
        typographic quotes (an editorial note quotes the published text verbatim)."""
        return [lang_block(classes=[f"lang-{lang}"], support_smartquotes=False) for lang in LANGS]


class ClaimsLedgerDirective(DataDirective):
    """Every claim with what was recomputed or found, and its verdict, in both languages."""

    def run(self) -> list[nodes.Node]:
        from ...render.ledger import HEADERS, META, TOTAL, ledger_rows, verdict_counts

        pkg = self.package
        counts = {v: n for v, n in verdict_counts(pkg).items() if v in judge.VERDICTS}
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            rows = ledger_rows(pkg, lang)
            block += para(TOTAL[lang].format(n=len(rows)))
            legend = nodes.bullet_list(classes=["verdict-counts"])
            for name, count in counts.items():
                legend += nodes.list_item("", para(*verdict_label(judge.vocabulary(name), lang), ": ",
                                                   nodes.strong("", str(count))))
            block += legend
            tbl, body = table(["edition-table", "ledger"], [30, 14, 34, 22], HEADERS[lang])
            for row in rows:
                body += self.ledger_row(row, lang, META[lang])
            block += tbl
            out.append(block)
        return out

    def ledger_row(self, row, lang: str, meta: tuple[str, str]) -> nodes.row:
        tr = nodes.row()
        anchor = CLAIM_TARGET.format(claim_id=row.claim_id) + ("" if lang == "en" else "-ko")
        register_target(self, tr, anchor)
        src_label, where_label = meta
        claim_meta = para(nodes.literal("", row.claim_id), f" · {src_label}: {row.paper_source}"
                          f" · {where_label}: ",
                          block_ref(row.block, row.block_label or None) if row.block else "–",
                          classes=["claim-meta"])
        tr += cell(para(row.what), claim_meta, classes=["ledger-claim"])
        tr += cell(para(row.printed), classes=["ledger-printed"])
        sources = cell(classes=["ledger-sources"])
        if row.nothing_independent:
            sources += para(row.nothing_independent)
        for line in row.sources:
            sources += self.source_line(line)
        if row.decided_by:
            from ...render.ledger import DECIDED_BY

            sources += para(f"{DECIDED_BY[lang]}: {', '.join(row.decided_by)}", classes=["decided-by"])
        if row.after_sources:
            sources += para(row.after_sources)
        tr += sources
        verdict = cell(para(*verdict_label(row.verdict, lang)), classes=["ledger-verdict"])
        for line in row.margins:
            verdict += para(line, classes=["verdict-margin"])
        if row.second:
            verdict += para(row.second, classes=["second-reading"])
        if row.note:
            verdict += para(nodes.emphasis("", row.note), classes=["editor-note"])
        tr += verdict
        return tr

    @staticmethod
    def source_line(line) -> nodes.paragraph:
        refs = []
        for i, ref in enumerate(line.refs):
            if i:
                refs.append(nodes.Text(", "))
            refs.append(nodes.inline("", ref, classes=["src-ref"]))
        if line.recomputed:
            return para(line.value, " ← ", *refs)
        meta = [" ", nodes.inline("", f"[{line.meta}]", classes=["src-meta"])] if line.meta else []
        verdict = f" ({line.verdict})" if line.verdict else ""
        return para(*refs, *meta, f": {line.value}{verdict}",
                    classes=["src-row"] + (["src-decisive"] if line.decisive else []))


class VerdictCountsDirective(DataDirective):
    """How many claims and relations carry each verdict (front page and ledger)."""

    def run(self) -> list[nodes.Node]:
        from ...render.ledger import COUNTS_HEAD, verdict_counts

        counts = verdict_counts(self.package)
        n_claims = sum(n for v, n in counts.items() if v in judge.VERDICTS)
        n_relations = sum(n for v, n in counts.items() if v in judge.RELATION_VERDICTS)
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            block["classes"].append("verdict-summary")
            block += para(COUNTS_HEAD[lang].format(claims=n_claims, relations=n_relations))
            items = nodes.bullet_list(classes=["verdict-counts"])
            for name, count in counts.items():
                items += nodes.list_item("", para(*verdict_label(judge.vocabulary(name), lang), ": ",
                                                  nodes.strong("", str(count))))
            block += items
            out.append(block)
        return out


class RelationsLedgerDirective(DataDirective):
    """The paper checked against itself: every relation with its arithmetic and verdict."""

    def run(self) -> list[nodes.Node]:
        from ...render.ledger import RELATION_HEADERS, relation_rows

        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            tbl, body = table(["edition-table", "ledger", "relations-table"], [40, 35, 25],
                              RELATION_HEADERS[lang])
            for r in relation_rows(self.package, lang):
                tr = nodes.row()
                register_target(self, tr, r["id"] if lang == "en" else f"{r['id']}-ko")
                places = []
                for place in r["places"]:
                    places += [" ", block_ref(place, labels.block(place, "ko") if lang == "ko" else None)]
                function = (nodes.literal("", r["function"]) if lang == "en"
                            else nodes.inline("", r["function_text"]))
                meta = para(nodes.literal("", r["id"]), " · ", function, " ·",
                            *places, classes=["claim-meta"])
                tr += cell(para(r["what"]), meta, classes=["ledger-claim"])
                tr += cell(para(r["arithmetic"]), classes=["rel-arith"])
                verdict = cell(para(nodes.inline("", judge.vocabulary(r["verdict"]).symbol,
                                                 classes=["verdict", f"verdict-{judge.SLUGS[r['verdict']]}"]),
                                    " " + r["verdict_text"]), classes=["ledger-verdict"])
                if r["note"]:
                    verdict += para(nodes.emphasis("", r["note"]), classes=["editor-note"])
                if r["second"]:
                    verdict += para(r["second"], classes=["second-reading"])
                tr += verdict
                body += tr
            block += tbl
            out.append(block)
        return out


class InconsistenciesDirective(DataDirective):
    """The editorial notes for the paper's internal inconsistencies (from data/relations.csv)."""

    def run(self) -> list[nodes.Node]:
        from ...render.ledger import relation_rows

        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            items = nodes.bullet_list(classes=["editorial-list"])
            rows = [r for r in relation_rows(self.package, lang) if r["verdict"] == judge.INTERNAL_BAD]
            if not rows:
                block += para(NO_INCONSISTENCY[lang])
            for r in rows:
                places = []
                for i, place in enumerate(r["places"]):
                    places += ([", "] if i else []) + [block_ref(place, labels.block(place, "ko") if lang == "ko" else None)]
                items += nodes.list_item("", para(block_ref(r["id"]), " (", *places, "): ",
                                                  f"{r['what']}. {r['arithmetic']}. {r['note']}"))
            block += items
            out.append(block)
        return out


#: The inconsistencies list when none is kept (after the second reading).
NO_INCONSISTENCY = {
    "en": "None is kept: no relation between the paper's own figures is inconsistent at the printed precision "
          "after the second reading. The relations that cannot be decided at the printed precision are in "
          "the claims ledger, marked ⇄?.",
    "ko": "유지된 것이 없다. 재검토 이후 표기 정밀도에서 어긋나는 논문 수치 사이의 관계는 없다. 표기 "
          "정밀도로는 판정할 수 없는 관계는 수치 검증 대장에 ⇄?로 표시되어 있다.",
}


class SecondReadingsDirective(DataDirective):
    """The second readings register (data/second_readings.csv): every assertion of error, its
    outcome and what the edition did, in both languages; withdrawn notes are listed here only."""

    HEAD = {"en": ("Assertion", "Second reading", "What the edition did"),
            "ko": ("주장", "재검토", "편집본의 조치")}

    def run(self) -> list[nodes.Node]:
        from ...render.editorial import L as EDITORIAL_WORDS
        from ...verdicts.second_reading import OUTCOME_KO, readings

        kind_ko = EDITORIAL_WORDS["ko"]["kind_short"]

        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            tbl, body = table(["edition-table", "second-readings"], [30, 45, 25], self.HEAD[lang])
            for r in readings(self.package).values():
                tr = nodes.row()
                tr += cell(para(nodes.literal("", r.item_id)), para(r.asserted if lang == "en"
                                                                    else judge.VERDICT_KO.get(r.asserted, kind_ko.get(r.asserted, r.asserted))))
                outcome = r.outcome if lang == "en" else OUTCOME_KO.get(r.outcome, r.outcome)
                tr += cell(para(nodes.strong("", outcome), ". ", r.reading_en if lang == "en" else r.reading_ko))
                tr += cell(para(r.action_en if lang == "en" else r.action_ko))
                body += tr
            block += tbl
            out.append(block)
        return out


class EditorialNotesDirective(DataDirective):
    """The editorial notes of one kind (slip, typo, query or repair), each a target of its marks:
    place, confidence, the printed words, the note, and its evidence with the kind of evidence."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from ...render.editorial import KINDS, entries

        kind = self.arguments[0]
        if kind not in KINDS:
            raise self.error(f"editorial-notes takes one of {KINDS}, got {kind!r}")
        pkg = self.package
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            items = nodes.bullet_list(classes=["editorial-list"])
            for e in entries(pkg, kind, lang):
                item = nodes.list_item(classes=["ed-note", f"ed-{kind}"])
                register_target(self, item, e["note_id"] if lang == "en" else f"{e['note_id']}-ko")
                head = block_ref(e["block"], e["note_id"]) if e["linked"] else nodes.Text(e["note_id"])
                conf = nodes.inline("", e["confidence_text"], classes=["ed-confidence",
                                                                       f"ed-confidence-{e['confidence']}"])
                item += para(head, f" · {e['where']} · ", conf, classes=["ed-head"])
                item += para(e["words"], classes=["ed-words"])
                item += para(e["explanation"], classes=["ed-expl"])
                item += para(e["evidence"], classes=["ed-evidence"])
                if e["second"]:
                    item += para(e["second"], classes=["second-reading"])
                items += item
            block += items
            out.append(block)
        return out


class EditorialCountsDirective(DataDirective):
    """The editorial notes counted by kind and confidence (rows: kinds; columns: confidence, total)."""

    def run(self) -> list[nodes.Node]:
        from ...render.editorial import counts_rows

        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            head, rows = counts_rows(self.package, lang)
            tbl, body = table(["edition-table", "editorial-counts"], [40] + [15] * (len(head) - 1), head)
            for label, *numbers in rows:
                tr = nodes.row()
                tr += cell(para(label))
                for n in numbers:
                    tr += cell(para(str(n)))
                body += tr
            block += tbl
            out.append(block)
        return out


class DataSourcesDirective(DataDirective):
    """The publications behind ``data/sourced_figures.csv``, each cited, with what it reports.

    Generated from the data so that a new row or source appears here (and in the bibliography)
    without anyone typing it, and so that every data source is really cited.
    """

    def run(self) -> list[nodes.Node]:
        from ...render.sources import publications

        listing = nodes.bullet_list(classes=["data-sources"], support_smartquotes=False)
        for pub in publications(self.package):
            item = nodes.list_item()
            body = para()
            body += self.citation(pub.source_key)
            body += nodes.Text(" ")
            for lang in LANGS:
                body += lang_span("", pub.describe(lang), classes=[f"lang-{lang}"])
            body += nodes.Text(": ")
            for i, fid in enumerate(pub.figure_ids):
                if i:
                    body += nodes.Text(", ")
                body += nodes.literal("", fid)
            item += body
            listing += item
        return [listing]

    def citation(self, key: str) -> list[nodes.Node]:
        """``{cite:p}`key``` through the bibliography extension's own role (a real citation)."""
        if not BIB_KEY.match(key):
            logger.warning("data-sources: source key %r is not a bibliography key", key,
                           location=self.get_location(), type="edition", subtype="data")
            return [nodes.Text(key)]
        cited, messages = self.state.inline_text(f"{{cite:p}}`{key}`", self.lineno)
        return [*cited, *messages]


class DataBasisDirective(DataDirective):
    """How many sourced figures rest on each statistical basis, by authority rank and status."""

    def run(self) -> list[nodes.Node]:
        from ...render.sources import STATUS_HEAD, SUMMARY_HEAD, basis_name, basis_summary

        statuses, rows = basis_summary(self.package)
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            i = LANGS.index(lang)
            head = SUMMARY_HEAD[lang] + tuple(STATUS_HEAD[s][i] for s in statuses)
            tbl, body = table(["edition-table", "data-basis"], [1] * len(head), head)
            tbl["classes"].remove("colwidths-given")
            for rank, basis, counts in rows:
                tr = nodes.row()
                tr += cell(para(str(rank)))
                tr += cell(para(basis_name(basis, lang)))
                for count in counts:
                    tr += cell(para(str(count)))
                body += tr
            block += tbl
            out.append(block)
        return out


class DiscrepanciesDirective(DataDirective):
    """An editorial box listing one section's numbers that differ or conflict, linked to the ledger."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        from ...verdicts.claims import evaluate
        from ...render.tables import discrepancy_text

        section = self.arguments[0]
        bad = [j for j in evaluate(self.package, section=section)
               if j.verdict in (judge.DIFFERS, judge.CONFLICTS, judge.DISAGREE)]
        if not bad:
            return []
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            box = nodes.admonition(classes=["editorial"])
            box += nodes.title("", "Editorial note: numbers in this section that the data do not bear out"
                               if lang == "en" else "편집자 주: 이 절에서 자료와 맞지 않는 수치")
            items = nodes.bullet_list()
            for j in bad:
                text = discrepancy_text(j, lang)  # edition.render.tables: formatted like the claims
                items += nodes.list_item("", para(claim_ref(j.claim_id, text)))
            box += items
            block += box
            out.append(block)
        return out


class HowToCiteDirective(SphinxDirective):
    """The article in two citation styles and as BibTeX, and the edition, from the files."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from ...render.citing import BIB, CFF, cite_blocks

        for path in (BIB, CFF):
            self.env.note_dependency(str(path))
        box = styled_block(classes=["cite-blocks"], support_smartquotes=False)
        box += self._downloads()
        from ..publish import base_url

        for label, text, cls in cite_blocks(base_url()):
            block = styled_block(classes=["cite-block", cls])
            block += para(label, classes=["cite-label"])
            block += nodes.literal_block(text, text, language="none")
            box += block
        return [box]


    def _downloads(self) -> nodes.paragraph:
        """Links to the article's BibTeX and RIS files, which edition.site.meta writes into the built
        site (edition.render.citing.DOWNLOADS, paths from the site's root)."""
        from ...render.citing import DOWNLOAD_LINKS, DOWNLOADS, EDITION_DOWNLOAD_LINKS

        up = "../" * self.env.docname.count("/")
        line = nodes.paragraph(classes=["cite-downloads"])
        for n, (en, ko, links) in enumerate((
                ("Download the article's reference: ", "논문 서지 내려받기: ", DOWNLOAD_LINKS),
                ("the edition's: ", "편집본 서지: ", EDITION_DOWNLOAD_LINKS))):
            if n:
                line += nodes.Text(" · ")
            line += nodes.inline("", en, classes=["lang-en"])
            line += nodes.inline("", ko, classes=["lang-ko"])
            for i, (label, key) in enumerate(links):
                if i:
                    line += nodes.Text(" · ")
                line += nodes.reference("", label, refuri=up + DOWNLOADS[key], classes=["cite-download"])
        return line


class Table2Directive(DataDirective):
    """Table 2 (the sectoral measures of UN resolutions 2270–2397) with the marks of its cells.

    A cell that is a claim (its date, a cap) carries its verdict mark; a cell that takes part in
    an internal inconsistency carries the relation's mark. Marks are resolved per builder."""

    HEADS = {"en": ("Resolution (adoption date)", "Sectoral measures"), "ko": ("결의(채택일)", "부문별 조치")}

    def run(self) -> list[nodes.Node]:
        from ...core.fmt import en_date, ko_date
        from ...render.tables import table2_marks

        from ...render.editorial import table_marks

        pkg = self.package
        t2 = pkg.table("table2")
        marks = table2_marks(pkg)
        notes = table_marks(pkg, "s4-t2")
        out = []
        for lang, block in zip(LANGS, self.lang_blocks()):
            block["classes"].append("table-block")
            tbl, body = table(["edition-table", "table2"], [30, 70], self.HEADS[lang])
            tbl["classes"].remove("colwidths-given")
            tbl[0][0]["stub"] = 1
            for (res, adopted), group in t2.groupby(["resolution", "adopted"], sort=True):
                date = en_date(adopted) if lang == "en" else ko_date(adopted)
                head = para(f"UNSCR {res} ({date})" if lang == "en" else f"안보리 결의 {res}호({date})",
                            *self.marks(marks.get(str(res), [])))
                items = nodes.bullet_list()
                rows = group.sort_values("measure_no")[["measure_no", f"measure_{lang}", "measure_en"]]
                for no, measure, measure_en in rows.itertuples(index=False):
                    items += nodes.list_item("", para(measure, *self.sic_marks(notes, measure_en, lang),
                                                      *self.marks(marks.get(f"{res}:{no}", []))))
                tr = nodes.row()
                tr += cell(head)
                tr += cell(items)
                body += tr
            block += tbl
            out.append(block)
        return out

    @staticmethod
    def sic_marks(notes: list[dict], measure_en: str, lang: str) -> list[nodes.Node]:
        """[sic] marks of the editorial notes whose published words stand in this measure."""
        from ...render.editorial import MARK_LABEL

        out: list[nodes.Node] = []
        for n in notes:
            if n["published"] in measure_en and n["marked"] in ("both", lang):
                mark = sic_mark("", MARK_LABEL.get(n["kind"], "[sic]"), classes=["sic"])
                mark["editorial_id"] = n["note_id"]
                mark["reftitle"] = "Editorial note / 편집자 주"
                out.append(nodes.superscript("", "", mark, classes=["sic-sup"]))
        return out

    @staticmethod
    def marks(found: list[tuple[str, str, str]]) -> list[nodes.Node]:
        from .marks import fill_mark

        out: list[nodes.Node] = []
        for anchor, verdict, ident in found:
            mark = verdict_mark("", "", classes=["verdict"])
            fill_mark(mark, verdict, anchor, f"Table 2 mark for {ident}")
            out += [nodes.Text(" "), mark]
        return out


DIRECTIVES = {
    "table2": Table2Directive,
    "verdict-counts": VerdictCountsDirective,
    "relations-ledger": RelationsLedgerDirective,
    "inconsistencies": InconsistenciesDirective,
    "second-readings": SecondReadingsDirective,
    "how-to-cite": HowToCiteDirective,
    "claims-ledger": ClaimsLedgerDirective,
    "editorial-notes": EditorialNotesDirective,
    "editorial-counts": EditorialCountsDirective,
    "data-sources": DataSourcesDirective,
    "data-basis": DataBasisDirective,
    "discrepancies": DiscrepanciesDirective,
}
