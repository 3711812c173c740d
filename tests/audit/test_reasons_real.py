"""Whether a stated change gives its reason, on published documents: a change whose sentence
opens with the department's name (also the table of contents' first words) and a run of
changes that one sentence explains."""

from __future__ import annotations

import dataclasses

import pytest

from deptbudget import read_disclosure
from deptbudget.audit import audit
from paths import DISCLOSURES


def reasons(d) -> tuple[str, str]:
    row = audit(d).set_index("check").loc["completeness.reasons"]
    return row.status, row.message


@pytest.mark.parametrize("name", ["js_2018", "js_2019", "sh_street_budget", "sh_budget"])
def test_every_stated_change_of_these_documents_is_explained(name):
    status, message = reasons(read_disclosure(DISCLOSURES[name]))
    assert status == "pass", message


def test_a_change_sentence_is_found_where_it_stands_not_in_the_contents():
    # The court's 会议费/培训费 changes open with its name and year, as the contents do.
    d = read_disclosure(DISCLOSURES["js_2018"])
    changes = [f for f in d.facts if f.key.endswith("_change") and f.amount_yuan]
    assert {"meeting_fee_change", "training_fee_change"} <= {f.key for f in changes}
    _, message = reasons(d)
    assert f"{len(changes)}/{len(changes)}处" in message


def test_a_change_without_any_reason_nearby_is_not_explained():
    d = read_disclosure(DISCLOSURES["sh_street_budget"])
    lines = d.narrative_text
    # Drop the one sentence that explains the whole run of income and expenditure changes.
    cut = lines.index("财政拨款收入支出增加的主要原因")
    end = lines.index("。", cut) + 1
    d = dataclasses.replace(d, narrative_text=lines[:cut] + lines[end:])
    status, message = reasons(d)
    assert status != "pass", message
