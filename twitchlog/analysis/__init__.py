"""Trigger analysis: pure functions over plain daily data (numpy/scipy), no DB, no Qt."""
