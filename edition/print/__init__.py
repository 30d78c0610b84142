"""The PDFs: the pages joined and laid out by Paged.js in Chromium, footnotes, document information.
Run after the build by ``python -m edition.pdf``.

May import: edition.site, edition.render, edition.verdicts, edition.data, edition.core.
"""
