"""Who and when: the department's name, the budget year and the staff counts the narrative states.
"""

from __future__ import annotations

import re
from collections import Counter

from .joined import Joined

_FIRST_HEADING_YEAR_RE = re.compile(r"(\d{4})年度?[^。；;]{0,12}?预算")
_BUDGET_YEAR_RE = re.compile(r"(\d{4})年度?(?:部门|单位)?(?:收入|支出|收支)?预算")
_DEPT_HEAD_RE = re.compile(
    r"(?:机构设置(?:[、及和与]?(?:主要)?职(?:责|能))?"
    r"|(?:部门|单位|主要|基本)职(?:责|能)(?:[、及和与]?机构设置)?)"
    r"(?:情况)?(?:说明)?[：:]?"
)
_DEPT_NAME_RE = re.compile(
    r"(?:本单位|本部门)?(?P<name>[^，,。；;：:、（(“”\d]{2,40}?)(?:[（(](?:以下)?简称|是|为|成立|主要职|负责|内设|[，,])"
)
_ESTAB_RE = re.compile(
    r"(?:(?P<kind>行政|事业|参公|参照公务员法管理|工勤|机关)(?:人员)?)?编制(?:总数|人数|数)?"
    r"(?:为|共|共计|合计|核定)?(?P<n>\d+)(?:人|名)"
)
_ACTUAL_RE = re.compile(
    r"(?:实际|实有)(?:在职|在编)?(?:人员|人数)?(?:为|共|共计)?(\d+)(?:人|名)"
    r"|在(?:职|编)(?:人员|人数)(?:为|共|共计)?(\d+)(?:人|名)"
)
_RETIRED_RE = re.compile(r"离退休(?:人员|人数)?(?:为|共|共计)?(\d+)(?:人|名)")
_RETIRED_PART_RE = re.compile(r"(离休|(?<!离)退休)(?:人员)?(\d+)(?:人|名)")
_ORG_SUFFIX_RE = re.compile(
    r"(?:办公室|委员会|局|委|办|院|所|中心|部|厅|署|会|馆|站|队|处|室|政府|校|园|社|团|公司|集团|台|库)$"
)
SENTENCE_END = "。；;！!？?"
# --------------------------------------------------------------------------- who, when, staff


def read_year(joined: Joined, year_hint: int | None) -> int | None:
    for line in joined.lines[:3]:
        compact = re.sub(r"\s+", "", line.text)
        if match := _FIRST_HEADING_YEAR_RE.search(compact):
            year = int(match.group(1))
            if 1949 < year < 2200:
                return year
    found = (int(m.group(1)) for m in _BUDGET_YEAR_RE.finditer(joined.text))
    years = Counter(y for y in found if 1949 < y < 2200)
    if years:
        return years.most_common(1)[0][0]
    return year_hint


def _clean_name(name: str) -> str:
    name = name.strip(" ：:，,")
    name = re.sub(r"^(?:是|为)", "", name)
    for prefix in ("本单位", "本部门"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


def read_department(joined: Joined, spans: list[tuple[int, int]]) -> str | None:
    text = joined.text
    loose: str | None = None
    for head in _DEPT_HEAD_RE.finditer(text):
        match = _DEPT_NAME_RE.match(text, head.end())
        if not match:
            continue
        name = _clean_name(match.group("name"))
        if _ORG_SUFFIX_RE.search(name):
            return name
        loose = loose or name
    # "XXX行政编制 15 人": the name is what precedes, back to a heading or punctuation.
    for est in _ESTAB_RE.finditer(text):
        start = est.start()
        begin = max(0, start - 40)
        for stop_char in "。；;，,：:、":
            begin = max(begin, text.rfind(stop_char, 0, start) + 1)
        for h_start, h_end in spans:
            if h_start <= start and h_end <= start:
                begin = max(begin, h_end)
        name = _clean_name(text[begin:start])
        if len(name) >= 2 and _ORG_SUFFIX_RE.search(name):
            return name
    # A cover line before the first heading: "XXX 2024 年部门预算".
    for line in joined.lines[:3]:
        compact = re.sub(r"\s+", "", line.text)
        match = re.match(r"^(?!第.部分)(.{2,40}?)(?:\d{4}年度?)?(?:部门|单位)预算", compact)
        if match and _ORG_SUFFIX_RE.search(match.group(1)):
            return _clean_name(match.group(1))
    return loose


def read_staff(text: str) -> dict[str, int | None]:
    staff: dict[str, int | None] = {"authorized": None, "actual": None, "retired": None}
    total: int | None = None
    by_kind: dict[str, int] = {}
    for match in _ESTAB_RE.finditer(text):
        kind, n = match.group("kind"), int(match.group("n"))
        if kind is None:
            if total is None:
                total = n
        else:
            by_kind.setdefault(kind, n)
    if total is None and by_kind:
        total = sum(by_kind.values())
    staff["authorized"] = total
    if match := _ACTUAL_RE.search(text):
        staff["actual"] = int(match.group(1) or match.group(2))
    if match := _RETIRED_RE.search(text):
        staff["retired"] = int(match.group(1))
    else:
        parts: dict[str, int] = {}
        for part in _RETIRED_PART_RE.finditer(text):
            parts.setdefault(part.group(1), int(part.group(2)))
        if parts:
            staff["retired"] = sum(parts.values())
    return staff


