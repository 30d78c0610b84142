"""Small pure helpers every layer uses: escaping, Decimal conversion, numbers and dates in
English and Korean, Korean particles, the ``lang`` wrapper, crash-safe writes.

May import: nothing of the edition but its root (``edition.ROOT``, ``DATA``, ``CHAPTERS``).
"""
