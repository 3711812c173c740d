"""Parsers for the standard tables of a 部门预算 disclosure, one module per table family."""
