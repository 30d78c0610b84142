"""The Sphinx side: the extension with its own nodes and directives (``sphinxext``), the assets and
the published ``_static/`` files, the reader's apparatus (metadata, previews, page weight,
addresses), Korean search and citations, the parallel pre-execution, the downloads and the
student's notebooks written from the resolved pages.

May import: edition.render, edition.verdicts, edition.data, edition.core.
"""
