"""The project's own files: dependency lists agree, the sample is intact, notebooks are clean."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib

from paths import ROOT


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["test"])
    env = (ROOT / "environment.yml").read_text()
    listed = {
        re.split(r"[<>=!~ ]", line.strip()[2:], maxsplit=1)[0].lower()
        for line in env.splitlines()
        if line.strip().startswith("- ") and not line.strip().startswith("- -e")
    }
    assert wanted <= listed, wanted - listed


def test_sample_is_the_shared_corpus_byte_for_byte():
    readme = (ROOT / "data" / "raw" / "README.md").read_text()
    digest = hashlib.sha256(
        (ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt").read_bytes()
    ).hexdigest()
    assert digest in readme


def test_notebooks_are_committed_without_outputs():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            assert not cell.get("outputs"), path.name
            assert cell.get("execution_count") is None, path.name


def test_package_has_no_sample_specifics():
    sample = (ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt").read_text()
    department = re.search(r"(北京市\S+?办公室)", sample).group(1)
    codes = set(re.findall(r"\d{8}T\d{12}", sample))
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert department not in text, path
        assert not any(code in text for code in codes), path
        assert not re.search(r"648\.875784|6,?488,?757\.84", text), path
