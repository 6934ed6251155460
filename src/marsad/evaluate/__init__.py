"""Metrics and gold-set readers."""
