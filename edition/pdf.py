"""The command that prints the edition's PDFs from the built site: ``python -m edition.pdf``.

The code is :mod:`edition.print.pdf`; this module only keeps the command's name.
"""
import sys

from .print.pdf import main

if __name__ == "__main__":
    sys.exit(main())
