"""Marsad (مرصد): Arabic conflict and security news into an evidence-linked event dataset."""

__version__ = "0.1.0"
