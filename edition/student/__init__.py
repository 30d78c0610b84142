"""What runs in a chapter's kernel: the one call each chapter notebook makes (``setup``), the
exercises of "Run it yourself", and what a student's notebook switches on (``mode``).

May import: edition.render, edition.verdicts, edition.data, edition.core.
"""
