"""Rules for §11 API Design."""
