"""What the pages say, as plain records or HTML fragments, in both languages: Tables 1-2, Figure 1,
the ledger, the labels, the data sources, the editorial notes, how to cite, the updates page.

May import: edition.verdicts, edition.data, edition.core.
"""
