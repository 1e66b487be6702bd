"""Rules for §3 Documentation Philosophy."""
