"""Notebook parameters: checked before the kernel starts, passed as values, never as code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deptbudget.brief.params import (
    PARAMETERS,
    ParameterError,
    read_summary,
    validate_parameters,
    write_summary,
)
from paths import NOTEBOOK_FIXTURES as NOTEBOOKS


@pytest.fixture()
def disclosure(tmp_path: Path) -> Path:
    p = tmp_path / "d.txt"
    p.write_text("部门：测试单位\n年度：2024\n", encoding="utf-8")
    return p


def test_defaults_are_filled(disclosure: Path) -> None:
    out = validate_parameters({"disclosure_path": str(disclosure)})
    assert set(out) == set(PARAMETERS)
    assert out["static_charts"] is True and out["summary_path"] is None


def test_unknown_parameter_is_named(disclosure: Path) -> None:
    with pytest.raises(ParameterError, match=r"unknown parameter.*'colour'"):
        validate_parameters({"disclosure_path": str(disclosure), "colour": "red"})


@pytest.mark.parametrize(
    ("name", "value"),
    [("static_charts", "yes"), ("static_charts", 1), ("disclosure_path", 3), ("chart_format", None)],
)
def test_wrong_type_is_named(disclosure: Path, name: str, value: object) -> None:
    params = {"disclosure_path": str(disclosure), name: value}
    with pytest.raises(ParameterError, match=f"parameter '{name}' must be"):
        validate_parameters(params)


def test_path_objects_are_refused_because_papermill_would_write_them_as_code(disclosure: Path) -> None:
    with pytest.raises(ParameterError, match="must be str"):
        validate_parameters({"disclosure_path": disclosure})


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "没有这个文件.txt"
    with pytest.raises(ParameterError, match=r"没有这个文件\.txt.*not found"):
        validate_parameters({"disclosure_path": str(missing)})


def test_missing_required_and_bad_format(disclosure: Path, tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="required"):
        validate_parameters({})
    with pytest.raises(ParameterError, match="chart_format"):
        validate_parameters({"disclosure_path": str(disclosure), "chart_format": "gif"})
    with pytest.raises(ParameterError, match="folder for the summary"):
        validate_parameters(
            {"disclosure_path": str(disclosure), "summary_path": str(tmp_path / "no" / "s.json")}
        )


def test_summary_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    write_summary(path, department="<b>单位</b>", year=2024, headline={"收入合计": "1.00 元"},
                  audit={"status": "warn", "findings": 2}, kind="决算", layout="mof-final")
    got = read_summary(path)
    assert got == {"department": "<b>单位</b>", "year": 2024, "headline": {"收入合计": "1.00 元"},
                   "audit": {"status": "warn", "findings": 2}, "kind": "决算", "layout": "mof-final"}
    write_summary(path, department="x", year=2024, kind="<script>")
    assert read_summary(path)["kind"] == "预算"  # only the two kinds reach the title block
    assert write_summary(None, department="x", year=2024) is None


def test_summary_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="department"):
        write_summary(tmp_path / "s.json", department=" ", year=2024)
    with pytest.raises(ValueError, match="audit status"):
        write_summary(tmp_path / "s.json", department="x", year=2024, audit={"status": "ok?"})
    with pytest.raises(ValueError, match="no summary"):
        read_summary(tmp_path / "none.json")
    (tmp_path / "bad.json").write_text(json.dumps({"year": 1}))
    with pytest.raises(ValueError, match="no department"):
        read_summary(tmp_path / "bad.json")


@pytest.mark.slow
def test_hostile_path_arrives_intact_and_runs_nothing(tmp_path: Path, monkeypatch) -> None:
    from deptbudget.render.execute import execute_notebook

    sentinel = tmp_path / "pwned"
    # The kernel inherits the environment: if any of this ran as code, the sentinel appears.
    monkeypatch.setenv("DEPTBUDGET_SENTINEL", str(sentinel))
    hostile = (
        'a"b\'c\\d\n"; __import__("pathlib").Path(__import__("os").environ'
        '["DEPTBUDGET_SENTINEL"]).touch(); x = "'
        "\\\\'''\"\"\" 部门 \x01 {}"
    )
    assert "/" not in hostile
    folder = tmp_path / "dir with 'quotes'"
    folder.mkdir()
    src = folder / hostile
    src.write_text("x", encoding="utf-8")
    echo = tmp_path / "echo.txt"
    nb = execute_notebook(
        NOTEBOOKS / "echo_params.ipynb",
        {"disclosure_path": src, "echo_path": echo},
        tmp_path / "out.ipynb",
        validate=False,
    )
    assert echo.read_text(encoding="utf-8") == str(src)
    assert not sentinel.exists()
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert nb.metadata.papermill.parameters["disclosure_path"] == str(src)
    assert (tmp_path / "out.ipynb").is_file()
