"""Rules for §12 Meta Patterns."""
