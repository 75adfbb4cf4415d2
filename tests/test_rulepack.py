"""Tests for the bundled Semgrep rule pack (pr_review/rules) and its loader (pr_review.rulepack)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from pr_review.rulepack import (
    RULES_DIR,
    RuleInfo,
    cwe_ids,
    iter_rule_files,
    list_rules,
    load_rule_file,
    merged_pack,
)

SEMGREP = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "semgrep"
REQUIRED_METADATA = ("cwe", "owasp", "confidence", "likelihood", "impact", "category", "references")
LEVELS = {"HIGH", "MEDIUM", "LOW"}
LANG_DIRS = {"python": "py", "javascript": "js", "java": "java", "go": "go"}
ID_RE = re.compile(r"^pr-review\.(python|javascript|java|go)\.[a-z0-9]+(-[a-z0-9]+)*$")


def _semgrep() -> str:
    if SEMGREP.exists():
        return str(SEMGREP)
    return "semgrep"


def _semgrep_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
    env["SEMGREP_SEND_METRICS"] = "off"
    return env


def _rule_files() -> list[Path]:
    return list(iter_rule_files(RULES_DIR))


def _all_rules() -> list[tuple[Path, dict[str, object]]]:
    return [(p, r) for p in _rule_files() for r in load_rule_file(p)]


# --- pure-python checks -------------------------------------------------------------------------


def test_cwe_ids_normalises_strings_and_lists() -> None:
    assert cwe_ids("CWE-89: Improper Neutralization ... ('SQL Injection')") == ("CWE-89",)
    assert cwe_ids(["CWE-1336: x", "CWE-94: y", "CWE-94: again"]) == ("CWE-1336", "CWE-94")
    assert cwe_ids(["cwe_079", 12, None]) == ("CWE-79",)
    assert cwe_ids(None) == ()
    assert cwe_ids({"CWE-1": 1}) == ()


def test_pack_has_rules_for_every_language() -> None:
    infos = list_rules([RULES_DIR])
    assert 25 <= len(infos) <= 80
    langs = {i.id.split(".")[1] for i in infos}
    assert langs == set(LANG_DIRS)


def test_rule_ids_unique_and_prefixed() -> None:
    ids = [str(r["id"]) for _, r in _all_rules()]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert ID_RE.match(rule_id), rule_id


@pytest.mark.parametrize("path", _rule_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_metadata_complete(path: Path) -> None:
    rules = load_rule_file(path)
    assert len(rules) == 1, "one rule per file, so its test target can share the stem"
    rule = rules[0]
    assert str(rule["id"]).endswith("." + path.stem)
    assert str(rule["id"]).split(".")[1] == path.parent.name
    message = rule.get("message")
    assert isinstance(message, str)
    assert len(message) > 60
    assert rule.get("severity") in {"ERROR", "WARNING", "INFO"}
    meta = rule.get("metadata")
    assert isinstance(meta, dict)
    for key in REQUIRED_METADATA:
        assert meta.get(key), f"{rule['id']}: missing metadata.{key}"
    assert meta["category"] == "security"
    for key in ("confidence", "likelihood", "impact"):
        assert meta[key] in LEVELS, f"{rule['id']}: {key}={meta[key]!r}"
    assert isinstance(meta["cwe"], list)
    assert all(re.match(r"^CWE-\d+: .+", c) for c in meta["cwe"])
    assert isinstance(meta["owasp"], list)
    assert all(re.match(r"^A\d\d:2021 - .+", o) for o in meta["owasp"])
    assert isinstance(meta["references"], list)
    assert all(str(u).startswith("https://") for u in meta["references"])


@pytest.mark.parametrize("path", _rule_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_rule_has_annotated_test_target(path: Path) -> None:
    ext = LANG_DIRS[path.parent.name]
    target = path.with_suffix("." + ext)
    assert target.is_file(), f"missing semgrep test target {target}"
    text = target.read_text(encoding="utf-8")
    rule_id = str(load_rule_file(path)[0]["id"])
    assert re.search(rf"(#|//) ruleid: {re.escape(rule_id)}\s*$", text, re.M), "no ruleid annotation"
    assert re.search(rf"(#|//) ok: {re.escape(rule_id)}\s*$", text, re.M), "no ok annotation"


def test_every_vulnerability_class_is_covered() -> None:
    cwes = {c for info in list_rules([RULES_DIR]) for c in info.cwe}
    required = {
        "CWE-89", "CWE-78", "CWE-95", "CWE-1336", "CWE-22", "CWE-918", "CWE-79", "CWE-502",
        "CWE-611", "CWE-916", "CWE-295", "CWE-798", "CWE-347", "CWE-601", "CWE-330", "CWE-532",
        "CWE-915", "CWE-1333", "CWE-90", "CWE-643", "CWE-327", "CWE-328", "CWE-614", "CWE-501", "CWE-917",
    }  # fmt: skip
    assert required <= cwes, required - cwes


# issue 19: families every language with the idiom must cover (Go's regexp is linear-time, so no ReDoS rule)
FAMILIES_BY_LANGUAGE = {
    "CWE-78": set(LANG_DIRS),
    "CWE-89": set(LANG_DIRS),
    "CWE-95": {"python", "javascript", "java"},
    "CWE-532": set(LANG_DIRS),
    "CWE-601": set(LANG_DIRS),
    "CWE-918": set(LANG_DIRS),
    "CWE-1333": {"python", "javascript", "java"},
}


@pytest.mark.parametrize("cwe", sorted(FAMILIES_BY_LANGUAGE))
def test_every_language_covers_the_family(cwe: str) -> None:
    langs = {i.id.split(".")[1] for i in list_rules([RULES_DIR]) if cwe in i.cwe}
    assert FAMILIES_BY_LANGUAGE[cwe] <= langs, FAMILIES_BY_LANGUAGE[cwe] - langs


def test_list_rules_reads_files_and_dirs_and_skips_targets(tmp_path: Path) -> None:
    single = RULES_DIR / "python" / "sql-injection.yaml"
    infos = list_rules([single])
    assert len(infos) == 1
    info = infos[0]
    assert isinstance(info, RuleInfo)
    assert info.id == "pr-review.python.sql-injection"
    assert info.languages == ("python",)
    assert info.cwe == ("CWE-89",)
    assert info.owasp == ("A03:2021 - Injection",)
    assert info.confidence == "HIGH"
    assert info.severity == "ERROR"
    assert "\n" not in info.message
    assert info.source == str(single)
    by_dir = list_rules([RULES_DIR / "python"])
    assert all(i.source.endswith(".yaml") for i in by_dir)
    assert len(by_dir) == len(list((RULES_DIR / "python").glob("*.yaml")))
    (tmp_path / "custom.yml").write_text(
        "rules:\n  - id: my.rule\n    languages: [go]\n    severity: INFO\n    message: hi\n"
        "    metadata: {cwe: 'CWE-20: Improper Input Validation'}\n    pattern: foo()\n",
        encoding="utf-8",
    )
    (tmp_path / "custom.go").write_text("package x\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("just: data\n", encoding="utf-8")
    custom = list_rules([tmp_path])
    assert [(i.id, i.cwe, i.confidence) for i in custom] == [("my.rule", ("CWE-20",), "")]


def test_merged_pack_is_complete_and_written_where_asked(tmp_path: Path) -> None:
    pack = merged_pack(tmp_path)
    assert pack.parent == tmp_path
    data = json.loads(pack.read_text(encoding="utf-8"))
    ids = {r["id"] for r in data["rules"]}
    assert ids == {i.id for i in list_rules([RULES_DIR])}


def test_merged_pack_never_writes_through_an_existing_file(tmp_path: Path) -> None:
    """A pack already at the target path (planted, or a link) is refused, not trusted or followed."""
    (tmp_path / "one").mkdir()
    first = merged_pack(tmp_path / "one")
    planted = tmp_path / "two"
    planted.mkdir()
    (planted / first.name).symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(FileExistsError):
        merged_pack(planted)
    assert not (tmp_path / "elsewhere.json").exists()


def test_merged_pack_follows_its_sources(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    src = rules / "a.yaml"
    src.write_text(
        "rules:\n  - id: a\n    languages: [python]\n    severity: INFO\n    message: m\n    pattern: foo()\n",
        encoding="utf-8",
    )
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = merged_pack(tmp_path / "one", rules_dir=rules)
    src.write_text(src.read_text(encoding="utf-8").replace("foo()", "bar()"), encoding="utf-8")
    two = merged_pack(tmp_path / "two", rules_dir=rules)
    assert one.name != two.name
    assert "bar()" in two.read_text(encoding="utf-8")


def test_merged_pack_rejects_duplicate_ids(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    body = "rules:\n  - id: dup\n    languages: [python]\n    severity: INFO\n    message: m\n    pattern: f()\n"
    (rules / "a.yaml").write_text(body, encoding="utf-8")
    (rules / "b.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate rule id"):
        merged_pack(tmp_path, rules_dir=rules)


# --- real semgrep ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_semgrep_rule_tests_pass() -> None:
    proc = subprocess.run(
        [_semgrep(), "scan", "--test", "--json", "--metrics=off", "--disable-version-check", str(RULES_DIR)],
        capture_output=True,
        text=True,
        env=_semgrep_env(),
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    report = json.loads(proc.stdout)
    assert report["config_missing_tests"] == []
    assert report["config_with_errors"] == []
    checks = {rule_id: check for config in report["results"].values() for rule_id, check in config["checks"].items()}
    assert set(checks) == {i.id for i in list_rules([RULES_DIR])}
    failed = {rid: c for rid, c in checks.items() if not c["passed"] or c["errors"]}
    assert not failed, json.dumps(failed, indent=1)[:4000]
    for fixtest in report.get("fixtest_results", {}).values():
        assert fixtest["passed"], fixtest


@pytest.mark.slow
def test_merged_pack_loads_in_semgrep(tmp_path: Path) -> None:
    pack = merged_pack(tmp_path)
    targets = sorted(p for p in RULES_DIR.rglob("*") if p.suffix in {".py", ".js", ".java", ".go"})
    proc = subprocess.run(
        [
            _semgrep(), "scan", "--config", str(pack), "--json", "--metrics=off",
            "--disable-version-check", "--no-git-ignore", "--no-rewrite-rule-ids", *map(str, targets),
        ],
        capture_output=True,
        text=True,
        env=_semgrep_env(),
        timeout=600,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(proc.stdout)
    assert report["errors"] == []
    found = {r["check_id"] for r in report["results"]}
    assert found == {i.id for i in list_rules([RULES_DIR])}
