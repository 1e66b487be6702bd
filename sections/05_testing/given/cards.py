"""Library cards, and whether their holder may borrow another book today."""
from dataclasses import dataclass
from datetime import date

MAX_LOANS = 5  # books a member may hold at once; the sixth must wait until one comes back
FINE_LIMIT = 5.0  # currency units of unpaid fines a member may owe and still borrow


@dataclass
class LibraryCard:
    """A member's card: valid until the end of its expiry day."""

    member_id: str
    expires: date
    loans_held: int = 0
    fines_owed: float = 0.0

    def can_borrow(self, today: date) -> bool:
        """True while the card is valid (its expiry day included), the member holds fewer than MAX_LOANS
        books, and owes at most FINE_LIMIT."""
        card_valid = today <= self.expires
        room_for_another = self.loans_held < MAX_LOANS
        fines_acceptable = self.fines_owed <= FINE_LIMIT
        return card_valid and room_for_another and fines_acceptable
