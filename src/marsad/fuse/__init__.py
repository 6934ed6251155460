"""Fusion: near-duplicate documents, the same event across outlets, conservative figures."""
