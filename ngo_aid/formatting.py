"""Amounts as Vietnamese documents and pages write them: 1.618.804 USD, 1.250,50 EUR."""

from decimal import Decimal


def amount_vi(value) -> str:
    """Return ``value`` with a dot between thousands and a comma before the cents, which
    are left out when there are none ("1.618.804", "1.250,50"); None as "–"."""
    if value is None:
        return "–"
    value = Decimal(value).quantize(Decimal("0.01"))
    whole, cents = divmod(abs(value), 1)
    text = f"{int(whole):,}".replace(",", ".")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return f"-{text}" if value < 0 else text
