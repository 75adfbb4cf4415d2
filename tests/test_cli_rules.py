"""`pr-review rules list`: one rule per line whatever the width, so its output can be piped."""

from __future__ import annotations

import pytest

from pr_review.cli import main


def test_rules_list_is_not_wrapped_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"], environ={"COLUMNS": "80"}) == 0
    lines = capsys.readouterr().out.splitlines()
    rules = [line for line in lines if line.startswith("pr-review.")]
    assert len(rules) > 50
    assert all(line.count("\t") == 3 for line in rules), "a rule line was wrapped or split"
    assert max(map(len, lines)) > 80  # long lines stay long instead of breaking at the terminal width
    assert lines[-1].endswith("local config(s)")
