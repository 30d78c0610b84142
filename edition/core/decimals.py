"""Numbers as ``Decimal``: the one conversion every module uses.

Why one home: a value read from a CSV may arrive as ``str``, ``int``, ``float`` or already as
``Decimal``; converting through ``str`` (never ``Decimal(float)``) keeps "5.63" as 5.63 and not
5.62999999999999989341858963598497211933135986328125.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal:
    """``value`` as a Decimal, exactly as written (ValueError for anything not a finite number)."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    else:
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def optional_decimal(value) -> Decimal | None:
    """Like :func:`to_decimal`, but an empty cell (None, NaN, "") is None; integers lose ".0"."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    d = to_decimal(value)
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()
