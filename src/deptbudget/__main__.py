"""``python -m deptbudget``."""

from .cli import main

main()
