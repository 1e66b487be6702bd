"""Harbour Cycles' rental policies: the facts the shop's support assistant may quote to riders."""

# Condensed by the shop manager from the counter staff's handbook (2024 edition, pages 4-9), one line per rule a
# rider asks about, and checked line by line against the rental contract. Change the handbook first, then this.
# See: https://intranet.harbourcycles.example/handbook/2024.pdf
# See: https://intranet.harbourcycles.example/contracts/rental-v7.pdf
RENTAL_POLICIES = [
    {"topic": "deposit", "rule": "Each bike blocks a 50 EUR deposit on the rider's card until it is docked again."},
    {"topic": "free minutes", "rule": "The first 10 minutes of every rental are free."},
    {"topic": "billing", "rule": "After the free minutes, every started hour costs 4 EUR."},
    {"topic": "day cap", "rule": "No rental costs more than 24 EUR per calendar day."},
    {"topic": "e-bikes", "rule": "E-bikes cost one and a half times the price of a city bike."},
    {"topic": "members", "rule": "Members pay 20 percent less on weekdays; weekends are full price."},
    {"topic": "damage", "rule": "Damage is assessed at the counter; riders are never charged by the assistant."},
    {"topic": "longest rental", "rule": "A bike may be kept for at most 7 days in a row."},
    {"topic": "helmets", "rule": "Helmets are lent free of charge with every rental."},
    {"topic": "children", "rule": "Riders under 16 need an adult on the same booking."},
]
