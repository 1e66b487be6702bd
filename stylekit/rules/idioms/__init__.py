"""Rules for §6 Code Style & Idioms."""
