"""Reading the book's inputs: the data package and its schema, the one CSV dialect, references.bib,
the chapters' MyST blocks, which chapter holds which section, the front matter, Figure 1's series.

May import: edition.core.
"""
