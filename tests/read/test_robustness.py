"""Bad input never crashes the reader: it reads what it can with warnings, or raises
DisclosureError naming the file and place. Property tests mutate the sample."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deptbudget import DisclosureError, read_bytes, read_disclosure
from deptbudget.audit import audit
from deptbudget.core.model import BEIJING_KEYS as TABLE_KEYS

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _read_or_error(data: bytes):
    """The contract: a Disclosure, or a DisclosureError; nothing else."""
    try:
        return read_bytes(data, "mutated.txt")
    except DisclosureError as exc:
        assert "mutated.txt" in str(exc)
        return None


@pytest.fixture(scope="module")
def lines(sample_text):
    return sample_text.split("\n")


@pytest.fixture(scope="module")
def baseline(sample):
    frame = audit(sample)
    return set(frame[frame.status == "fail"].check), {w.message for w in sample.warnings}


mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "insert"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["合 计 1.000000", "表 3", "2010301-行政运行", "0.00", "产出指标 数量指标", "—", "",
                     " 表 7", "1,2,3", "单位：万元", "其中：", "≥ 90 %"]),
)


@SETTINGS
@given(st.lists(mutation, min_size=1, max_size=6))
def test_line_mutations_never_crash(lines, mutations):
    edited = list(lines)
    for kind, i, j, text in mutations:
        i %= len(edited)
        j %= len(edited)
        if kind == "delete" and len(edited) > 1:
            del edited[i]
        elif kind == "duplicate":
            edited.insert(i, edited[i])
        elif kind == "swap":
            edited[i], edited[j] = edited[j], edited[i]
        else:
            edited.insert(i, text)
    disclosure = _read_or_error("\n".join(edited).encode("utf-8"))
    if disclosure is not None:
        audit(disclosure)  # the audit runs on whatever was read


_TABLE_AMOUNT = re.compile(r"(?<![\d.,])\d+\.\d{2,6}(?![\d.])")


@pytest.fixture(scope="module")
def amount_spans(sample_text):
    start = sample_text.index("第二部分")
    return [m.span() for m in _TABLE_AMOUNT.finditer(sample_text, start)]


@SETTINGS
@given(st.data())
def test_a_changed_digit_in_a_table_surfaces(sample_text, amount_spans, baseline, data):
    begin, end = data.draw(st.sampled_from(amount_spans))
    digits = [k for k in range(begin, end) if sample_text[k].isdigit()]
    k = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([c for c in "0123456789" if c != sample_text[k]]))
    edited = sample_text[:k] + new + sample_text[k + 1:]
    disclosure = read_bytes(edited.encode("utf-8"), "digit.txt")
    frame = audit(disclosure)
    fails = set(frame[frame.status == "fail"].check)
    warnings = {w.message for w in disclosure.warnings}
    assert fails != baseline[0] or warnings != baseline[1], (
        f"changing {sample_text[begin:end]!r} at offset {k} to {new!r} went unnoticed"
    )


@pytest.mark.parametrize("table", range(1, 15))
def test_cut_at_every_table_boundary(sample_text, table):
    cut = re.split(rf"\n ?表 {table}\n", sample_text, maxsplit=1)[0]
    disclosure = read_bytes(cut.encode(), "cut.txt")
    assert len(disclosure.tables) == table - 1
    missing = {w.table for w in disclosure.warnings if w.code == "missing_table"}
    assert missing == set(TABLE_KEYS[table - 1:])


@pytest.mark.parametrize("damaged", ["1,2,3", "--", "—", "12..5", "１２.５", "６５．７１５６00x", "657156"])
def test_damaged_numbers(sample_text, damaged):
    edited = sample_text.replace("30101-基本工资 65.715600 65.715600", f"30101-基本工资 {damaged} 65.715600", 1)
    disclosure = read_bytes(edited.encode(), "damaged.txt")
    frame = audit(disclosure)
    # Either the reader flags the number or the audit shows the sums no longer hold.
    flagged = [w for w in disclosure.warnings if w.line in (306, 310)]
    assert flagged or (frame.status == "fail").sum() > 3


def test_huge_file_is_refused_quickly(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no memory or disk spent
    with pytest.raises(DisclosureError, match="MiB"):
        read_disclosure(huge)


@pytest.mark.parametrize(
    "data",
    [
        "预算".encode("utf-16-le") * 50,  # UTF-16 without a byte-order mark
        "预算".encode("utf-32") * 50,
        bytes(range(256)) * 4,
    ],
)
def test_unknown_encodings(data):
    with pytest.raises(DisclosureError) as info:
        read_bytes(data, "enc.txt")
    assert "enc.txt" in str(info.value) and "line" in str(info.value)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary", "预算".encode("utf-16-le") * 10, "无关的文字\n".encode()],
)
def test_cli_exits_2_with_one_line(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    for command in ("extract", "audit"):
        args = [sys.executable, "-m", "deptbudget", command, str(path)]
        if command == "extract":
            args += ["--out", str(tmp_path / "out")]
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "bad.txt" in done.stderr
        assert not (tmp_path / "out").exists()


def test_input_is_never_modified(sample_path, tmp_path):
    before = sample_path.read_bytes()
    subprocess.run([sys.executable, "-m", "deptbudget", "extract", str(sample_path), "--out",
                    str(tmp_path / "o")], check=True, capture_output=True)
    assert sample_path.read_bytes() == before


def test_decimal_is_everywhere(sample):
    for frame in sample.tables.values():
        for column in frame.columns:
            if column.endswith("_yuan"):
                assert all(v is None or isinstance(v, Decimal) for v in frame[column])
