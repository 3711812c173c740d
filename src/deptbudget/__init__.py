"""deptbudget: read, audit, analyse and brief Chinese department budget disclosures.

>>> import deptbudget
>>> d = deptbudget.read_disclosure("data/raw/bj-xicheng-foreign-affairs-office-2024.txt")
>>> d.tables["expenditure"].head()  # doctest: +SKIP
"""

from .core.errors import DisclosureError
from .core.model import Disclosure, Fact
from .read.reader import read_bytes, read_disclosure

__all__ = ["Disclosure", "DisclosureError", "Fact", "read_bytes", "read_disclosure"]
__version__ = "0.1.0"
