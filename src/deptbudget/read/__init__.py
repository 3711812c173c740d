"""Readers that turn disclosure files into exact data."""
