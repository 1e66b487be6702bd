"""Rules for §2 Type System & Annotations."""
