"""Rules for §7 Dependencies & Tooling."""
