"""Issue 15 §1, §4: what the change removes reaches the model, through the data policy, and a
finding about a removal is kept. The analyzer drives the real SDK against the loopback fake."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from claude_support import analyzer, finding, review_input, user_content
from conftest import GitRepo
from fakes import FakeAnthropic, fake_anthropic_server

from pr_review.analyzers.base import ReviewInput
from pr_review.classify.redact import build_model_view
from pr_review.cli import main
from pr_review.config_loader import build_config

AWS_KEY = "AKIA" + "Q3ZL7T2W5XK9M4PB"
GUARD_DIFF = (
    "diff --git a/billing/views.py b/billing/views.py\n--- a/billing/views.py\n+++ b/billing/views.py\n"
    "@@ -5,5 +5,3 @@\n def invoice(request, pk):\n     invoice = Invoice.objects.get(pk=pk)\n"
    "-    if invoice.owner_id != request.user.id:\n-        raise PermissionDenied\n"
    "     return render(request, invoice)\n"
)
GUARD_HEAD = "".join(f"# {n}\n" for n in range(1, 5)) + (
    "def invoice(request, pk):\n    invoice = Invoice.objects.get(pk=pk)\n    return render(request, invoice)\n"
)
DELETED_DIFF = (
    "diff --git a/app/middleware.py b/app/middleware.py\ndeleted file mode 100644\n"
    "--- a/app/middleware.py\n+++ /dev/null\n@@ -1,4 +0,0 @@\n"
    "-def require_login(view):\n-    if not request.user.is_authenticated:\n"
    f"-        return redirect('/login')\n-    KEY = '{AWS_KEY}'\n"
)


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        yield server


def classified(diff: str, head: dict[str, str], classification: dict[str, object] | None = None) -> ReviewInput:
    """The review input as `pr-review run` builds it: the data policy applied to the change."""
    review = review_input(diff, head=head, cfg=build_config({"classification": classification or {}}))
    return dataclasses.replace(review, model_view=build_model_view(review.scope, review.config.classification).view)


def test_a_deleted_guard_is_shown_and_a_finding_on_the_nearest_line_is_in_the_change(fake: FakeAnthropic) -> None:
    fake.default_tool_input = {"findings": [finding("billing/views.py", 7, cwe="CWE-639")]}
    result = analyzer(fake.url).analyze(classified(GUARD_DIFF, {"billing/views.py": GUARD_HEAD}))
    sent = user_content(fake.message_requests()[0])
    assert "-(old 7)     if invoice.owner_id != request.user.id:\n-(old 8)         raise PermissionDenied\n" in sent
    assert "-(old 8)         raise PermissionDenied\n7      return render(request, invoice)" in sent
    ((path, line, in_diff),) = [(f.path, f.location.start_line, f.in_diff) for f in result.findings]  # type: ignore[union-attr]
    assert (path, line, in_diff) == ("billing/views.py", 7, True)  # no added line, still the change's


def test_a_deleted_file_is_reviewed_and_a_secret_on_a_removed_line_is_redacted(fake: FakeAnthropic) -> None:
    fake.default_tool_input = {"findings": [finding("app/middleware.py", 2, 3, cwe="CWE-306")]}
    result = analyzer(fake.url).analyze(classified(DELETED_DIFF, {}))
    sent = user_content(fake.message_requests()[0])
    assert 'path="app/middleware.py" lines="old 1-4" status=deleted>>>' in sent
    assert "-(old 2)     if not request.user.is_authenticated:" in sent
    assert AWS_KEY not in sent
    assert "-(old 4)     KEY = '[REDACTED:aws-access-key#1]'" in sent
    ((path, start, end, in_diff),) = [
        (f.path, f.location.start_line, f.location.end_line, f.in_diff)  # type: ignore[union-attr]
        for f in result.findings
    ]
    assert (path, start, end, in_diff) == ("app/middleware.py", 2, 3, True)
    assert "app/middleware.py" in result.reviewed_paths


def test_a_withheld_file_sends_none_of_its_removed_lines(fake: FakeAnthropic) -> None:
    review = classified(GUARD_DIFF, {"billing/views.py": GUARD_HEAD}, {"paths": {"billing/**": "pci"}})
    result = analyzer(fake.url).analyze(review)
    assert fake.message_requests() == []
    assert [n.path for n in result.not_reviewed] == ["billing/views.py"]


def test_a_blocked_value_on_a_removed_line_withholds_the_file(fake: FakeAnthropic) -> None:
    diff = GUARD_DIFF.replace("-        raise PermissionDenied\n", f"-        raise PermissionDenied  # {AWS_KEY}\n")
    review = classified(diff, {"billing/views.py": GUARD_HEAD}, {"policy": {"secret": "block"}})
    result = analyzer(fake.url).analyze(review)
    assert fake.message_requests() == []
    assert "contains secrets" in result.not_reviewed[0].reason


def test_system_and_tools_are_byte_identical_across_pull_requests(fake: FakeAnthropic) -> None:
    analyzer(fake.url).analyze(classified(GUARD_DIFF, {"billing/views.py": GUARD_HEAD}))
    analyzer(fake.url).analyze(classified(DELETED_DIFF, {}))
    first, second = fake.message_requests()
    assert user_content(first) != user_content(second)
    assert json.dumps([first["system"], first["tools"]]) == json.dumps([second["system"], second["tools"]])


@pytest.mark.slow
def test_scan_of_a_change_that_only_deletes_reports_the_removed_check(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guard = "def require_admin(user):\n    if not user.is_admin:\n        raise PermissionError('admins only')\n"
    base = repo.commit({"app/guards.py": guard, "app/keys.py": f"KEY = '{AWS_KEY}'\n"}, "base")
    repo.git("rm", "-q", "app/guards.py", "app/keys.py")
    repo.commit({}, "remove the admin guard")
    out = tmp_path / "out"
    with fake_anthropic_server() as server:
        server.default_tool_input = {"findings": [finding("app/guards.py", 2, 3, cwe="CWE-862", severity="high")]}
        environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": server.url}
        code = main(["scan", str(repo.path), "--base", base, "--out", str(out), "--fail-on", "high"], environ=environ)
        sent = "\n".join(user_content(r) for r in server.message_requests())
    capsys.readouterr()
    assert code == 1  # a high finding, --fail-on high
    assert "-(old 2)     if not user.is_admin:" in sent
    assert AWS_KEY not in sent
    report = json.loads((out / "findings.json").read_text("utf-8"))
    (found,) = [f for f in report["findings"] if "claude" in f["sources"]]
    assert found["location"] == {"path": "app/guards.py", "start_line": 2, "end_line": 3}
    assert AWS_KEY not in (out / "findings.json").read_text("utf-8")
    (redaction,) = report["data_policy"]["redactions"]
    assert (redaction["path"], redaction["line"], redaction["removed"]) == ("app/keys.py", 1, True)
