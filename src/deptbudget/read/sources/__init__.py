"""Source layers: one module per kind of input file."""
