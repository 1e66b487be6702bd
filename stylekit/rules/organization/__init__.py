"""Rules for §1 Code Organization & Architecture."""
