"""Builders of test inputs (disclosures written from line items)."""
