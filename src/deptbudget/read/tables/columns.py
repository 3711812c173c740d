"""Reading a table's column order from its header text."""

from __future__ import annotations

import re


def column_order(header_text: str, labels: dict[str, str], default: list[str]) -> list[str]:
    """Order columns by where their labels stand in the header.

    Parameters
    ----------
    header_text : str
        The header's text with white space removed.
    labels : dict of str to str
        Column name to a regex for its label.
    default : list of str
        The order to use when not every label is found.

    Returns
    -------
    list of str
        Column names in header order.
    """
    positions = {}
    for column, pattern in labels.items():
        match = re.search(pattern, header_text)
        if match is None:
            return list(default)
        positions[column] = match.start()
    return sorted(positions, key=positions.__getitem__)
