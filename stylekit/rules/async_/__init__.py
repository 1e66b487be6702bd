"""Rules for §10 Async & Concurrency."""
