"""Receipts for paid fines, written as plain-text files the front desk prints."""
from typing import List, Tuple

RECEIPT_TITLE = "City Library - fines paid"


def write_receipt(path: str, member_id: str, fines: List[Tuple[str, float]]) -> None:
    """Write the receipt for `fines` (book title, amount paid) to `path`, replacing any file already there.

    The receipt is RECEIPT_TITLE, then "Member: <member_id>", then one line "<title>: <amount>" per fine in
    the given order, then "Total: <sum>"; amounts have two decimals, and every line ends with a newline.
    """
    total = sum(amount for _, amount in fines)
    lines = [RECEIPT_TITLE, f"Member: {member_id}"]
    lines.extend(f"{title}: {amount:.2f}" for title, amount in fines)
    lines.append(f"Total: {total:.2f}")
    with open(path, "w") as handle:
        handle.write("".join(f"{line}\n" for line in lines))
