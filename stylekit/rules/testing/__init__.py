"""Rules for §5 Testing Approach."""
