"""Rules for §4 Error Handling & Robustness."""
