"""Rules for §8 Design Patterns & Principles."""
