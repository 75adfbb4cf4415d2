"""The loopback fakes speak the real protocols: driven here by PyGithub and the anthropic SDK."""

from __future__ import annotations

import base64
import concurrent.futures
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import anthropic
import github
import pytest
from github import Auth, GithubRetry

try:
    import fakes
except ModuleNotFoundError:  # tests/ became a package: import through the repository root
    from tests import fakes  # type: ignore[no-redef,import-untyped,unused-ignore]

DIFF = """\
diff --git a/app/views.py b/app/views.py
index 1111111..2222222 100644
--- a/app/views.py
+++ b/app/views.py
@@ -1,6 +1,7 @@
 import os
-import json
+import json, pickle
<SP>
 def load(request):
-    return json.loads(request.body)
+    data = request.body
+    return pickle.loads(data)
<SP>
@@ -20,3 +21,3 @@ def save(obj):
     path = obj.path
-    os.remove(path)
+    os.system("rm " + path)
     return True
diff --git a/README.md b/README.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/README.md
@@ -0,0 +1,2 @@
+# App
+Docs.
diff --git a/old_name.py b/new_name.py
similarity index 90%
rename from old_name.py
rename to new_name.py
index 4444444..5555555 100644
--- a/old_name.py
+++ b/new_name.py
@@ -1 +1 @@
-X = 1
+X = 2
diff --git a/logo.png b/logo.png
index 6666666..7777777 100644
Binary files a/logo.png and b/logo.png differ
""".replace("<SP>", " ")  # blank context lines, kept out of the source as trailing whitespace


@pytest.fixture
def fake_gh() -> Iterator[fakes.FakeGitHub]:
    with fakes.fake_github_server(collaborators={"alice": "write", "reader": "read"}) as fake:
        fake.add_pull(7, diff=DIFF, title="Load requests", user="mallory", commits=["first", "second"], labels=["bug"])
        yield fake
        assert fake.errors == []


def _client(base_url: str, token: str = "t", **kwargs: Any) -> github.Github:  # noqa: S107
    # PyGithub throttles by default (0.25 s between requests, 1 s between writes): off for tests.
    kwargs.setdefault("retry", None)
    return github.Github(
        base_url=base_url, auth=Auth.Token(token), seconds_between_requests=0, seconds_between_writes=0, **kwargs
    )


def _http(url: str, *, accept: str = "application/vnd.github+json", key: str = "t") -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, headers={"Authorization": f"token {key}", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


# ---------------------------------------------------------------------------------------------------
# diff helpers
# ---------------------------------------------------------------------------------------------------


def test_files_from_diff_splits_files_with_github_patches() -> None:
    files = {f.filename: f for f in fakes.files_from_diff(DIFF)}

    assert list(files) == ["app/views.py", "README.md", "new_name.py", "logo.png"]
    views = files["app/views.py"]
    assert views.status == "modified"
    assert views.patch is not None
    assert views.patch.startswith("@@ -1,6 +1,7 @@")
    assert (views.additions, views.deletions) == (4, 3)
    assert files["README.md"].status == "added"
    assert files["new_name.py"].status == "renamed"
    assert files["new_name.py"].previous_filename == "old_name.py"
    assert files["logo.png"].patch is None


def test_parse_patch_maps_lines_and_positions() -> None:
    views = fakes.files_from_diff(DIFF)[0]
    assert views.patch is not None
    pm = fakes.parse_patch(views.patch)

    assert sorted(pm.right) == [1, 2, 3, 4, 5, 6, 7, 21, 22, 23]
    assert sorted(pm.left) == [1, 2, 3, 4, 5, 6, 20, 21, 22]
    assert pm.right[6].kind == "+"
    assert pm.right[6].position == 8  # the first "@@" is position 0
    assert pm.right[22].position == 13  # positions continue across the second "@@"
    assert pm.right[22].hunk == 1
    assert pm.diff_hunk(pm.right[3].position).splitlines()[-1] == " "


# ---------------------------------------------------------------------------------------------------
# GitHub with PyGithub
# ---------------------------------------------------------------------------------------------------


def test_pygithub_reads_pull_request(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)

    assert pr.title == "Load requests"
    assert pr.user.login == "mallory"
    assert pr.head.sha == fake_gh.pull(7).head_sha
    assert pr.base.ref == "main"
    assert pr.changed_files == 4
    assert [c.commit.message for c in pr.get_commits()] == ["first", "second"]
    assert [lab.name for lab in pr.get_labels()] == ["bug"]
    files = {f.filename: f for f in pr.get_files()}
    assert files["new_name.py"].previous_filename == "old_name.py"
    assert files["logo.png"].patch is None


def test_pygithub_paginates_files_with_link_headers(fake_gh: fakes.FakeGitHub) -> None:
    pr = fake_gh.pull(7)
    pr.files = [fakes.FakeFile(f"gen/m{i:03}.py", patch=f"@@ -0,0 +1 @@\n+V = {i}", status="added") for i in range(250)]

    files = list(_client(fake_gh.url, per_page=100).get_repo("octo/app").get_pull(7).get_files())

    assert [f.filename for f in files] == [f"gen/m{i:03}.py" for i in range(250)]
    pages = [r.query.get("page") for r in fake_gh.requests_matching("GET", r"/repos/octo/app/pulls/7/files")]
    assert pages == [None, ["2"], ["3"]]
    status, headers, _ = _http(f"{fake_gh.url}/repos/octo/app/pulls/7/files?per_page=100&page=2")
    assert status == 200
    base = f"{fake_gh.url}/repos/octo/app/pulls/7/files?per_page=100"
    assert headers["Link"] == (
        f'<{base}&page=1>; rel="prev", <{base}&page=3>; rel="next", '
        f'<{base}&page=3>; rel="last", <{base}&page=1>; rel="first"'
    )
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used"} <= set(headers)


def test_files_endpoint_caps_at_3000(fake_gh: fakes.FakeGitHub) -> None:
    fake_gh.pull(7).files = [fakes.FakeFile(f"f{i}", patch="@@ -0,0 +1 @@\n+x", status="added") for i in range(3005)]

    _, headers, body = _http(f"{fake_gh.url}/repos/octo/app/pulls/7/files?per_page=100&page=30")
    _, _, beyond = _http(f"{fake_gh.url}/repos/octo/app/pulls/7/files?per_page=100&page=31")

    assert len(json.loads(body)) == 100
    assert 'rel="next"' not in headers["Link"]
    assert json.loads(beyond) == []


def test_pygithub_creates_review_with_comments(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)

    review = pr.create_review(
        body="Security review",
        event="COMMENT",
        comments=[
            {"path": "app/views.py", "line": 6, "side": "RIGHT", "body": "pickle.loads on request data"},
            {"path": "app/views.py", "start_line": 21, "line": 22, "side": "RIGHT", "body": "shell injection"},
        ],
    )

    assert review.state == "COMMENTED"
    assert review.user.login == "github-actions[bot]"
    assert review.commit_id == fake_gh.pull(7).head_sha
    comments = fake_gh.review_comments(7)
    assert [(c["path"], c["line"], c["start_line"], c["pull_request_review_id"]) for c in comments] == [
        ("app/views.py", 6, None, review.id),
        ("app/views.py", 22, 21, review.id),
    ]
    assert all("in_reply_to_id" not in c for c in comments)
    assert comments[0]["original_line"] == 6
    assert comments[0]["diff_hunk"].endswith("+    return pickle.loads(data)")
    assert comments[0]["html_url"].startswith(f"{fake_gh.url}/octo/app/pull/7#discussion_r")
    listed = list(pr.get_review_comments())
    assert [c.body for c in listed] == ["pickle.loads on request data", "shell injection"]
    reply = pr.create_review_comment_reply(listed[0].id, "agreed")
    assert reply.in_reply_to_id == listed[0].id
    assert [r["state"] for r in fake_gh.reviews(7)] == ["COMMENTED", "COMMENTED"]


def test_review_with_a_line_outside_the_diff_is_rejected_whole(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)

    with pytest.raises(github.GithubException) as info:
        pr.create_review(
            body="x",
            event="COMMENT",
            comments=[
                {"path": "app/views.py", "line": 7, "body": "fine"},
                {"path": "app/views.py", "line": 12, "body": "line 12 is not in any hunk"},
            ],
        )

    assert info.value.status == 422
    assert info.value.data == {
        "message": "Unprocessable Entity",
        "errors": [
            "Pull request review thread line must be part of the diff and "
            "Pull request review thread diff hunk can't be blank"
        ],
        "documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
        "status": "422",
    }
    assert fake_gh.reviews(7) == []
    assert fake_gh.review_comments(7) == []


def test_single_review_comment_error_shape(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)
    commit = pr.get_commits().reversed[0]

    with pytest.raises(github.GithubException) as info:
        pr.create_review_comment("outside", commit, "app/views.py", line=12, side="RIGHT")
    deleted = pr.create_review_comment("on a deleted line", commit, "app/views.py", line=5, side="LEFT")

    assert info.value.status == 422
    assert info.value.data["message"] == "Validation Failed"
    assert info.value.data["errors"] == [
        {
            "resource": "PullRequestReviewComment",
            "code": "custom",
            "field": "pull_request_review_thread.line",
            "message": "pull_request_review_thread.line must be part of the diff",
        },
        {
            "resource": "PullRequestReviewComment",
            "code": "missing_field",
            "field": "pull_request_review_thread.diff_hunk",
        },
    ]
    assert (deleted.line, deleted.side, deleted.commit_id) == (5, "LEFT", commit.sha)
    assert [c["body"] for c in fake_gh.review_comments(7)] == ["on a deleted line"]


def test_pygithub_issue_comments_and_edit(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)

    comment = pr.create_issue_comment("<!-- pr-review -->\nscanning")
    comment.edit("<!-- pr-review -->\ndone")

    stored = fake_gh.issue_comments(7)
    assert [c["body"] for c in stored] == ["<!-- pr-review -->\ndone"]
    assert stored[0]["user"]["login"] == "github-actions[bot]"
    assert [c.body for c in pr.get_issue_comments()] == ["<!-- pr-review -->\ndone"]
    edits = fake_gh.requests_matching("PATCH", r"/repos/octo/app/issues/comments/\d+")
    assert [r.json for r in edits] == [{"body": "<!-- pr-review -->\ndone"}]


def test_pygithub_labels(fake_gh: fakes.FakeGitHub) -> None:
    repo = _client(fake_gh.url).get_repo("octo/app")
    pr = repo.get_pull(7)

    with pytest.raises(github.UnknownObjectException):
        repo.get_label("security: high").name  # noqa: B018 - the lazy object fetches on access
    created = repo.create_label("security: high", "b60205", "Found by pr-review")
    pr.add_to_labels("security: high", "needs-triage")  # unknown labels are created, like GitHub does
    pr.remove_from_labels("bug")

    assert created.color == "b60205"
    assert repo.get_label("security: high").description == "Found by pr-review"
    assert fake_gh.labels(7) == ["security: high", "needs-triage"]
    assert fake_gh.repo().label("needs-triage") is not None
    with pytest.raises(github.GithubException) as info:
        repo.create_label("Security: High", "000000")
    assert info.value.data["errors"] == [{"resource": "Label", "code": "already_exists", "field": "name"}]


def test_pygithub_permissions_reviewers_contents_rate_limit(fake_gh: fakes.FakeGitHub) -> None:
    gh = _client(fake_gh.url)
    repo = gh.get_repo("octo/app")
    pr = repo.get_pull(7)
    fake_gh.set_contents(pr.head.sha, {"app/views.py": "import pickle\n", "app/util.py": b"X = 1\n"})

    assert repo.get_collaborator_permission("alice") == "write"
    assert repo.get_collaborator_permission("reader") == "read"
    assert repo.get_collaborator_permission("octo") == "admin"
    pr.create_review_request(reviewers=["alice"])
    assert fake_gh.requested_reviewers(7) == ["alice"]
    with pytest.raises(github.GithubException) as info:
        pr.create_review_request(reviewers=["mallory"])
    assert info.value.data["message"] == "Review cannot be requested from pull request author."
    content = repo.get_contents("app/views.py", ref=pr.head.sha)
    assert not isinstance(content, list)
    assert content.decoded_content == b"import pickle\n"
    listing = repo.get_contents("app", ref=pr.head.sha)
    assert isinstance(listing, list)
    assert sorted(c.path for c in listing) == ["app/util.py", "app/views.py"]
    assert gh.get_rate_limit().resources.core.limit == 5000


def test_pygithub_on_ghes_base_url(fake_gh: fakes.FakeGitHub) -> None:
    gh = _client(fake_gh.ghes_url, per_page=2)
    pr = gh.get_repo("octo/app").get_pull(7)

    assert pr.url == f"{fake_gh.url}/api/v3/repos/octo/app/pulls/7"
    assert len(list(pr.get_files())) == 4  # follows Link headers that keep the /api/v3 prefix
    pr.create_issue_comment("hello from GHES")

    assert {r.prefix for r in fake_gh.requests} == {"/api/v3"}
    assert [c["body"] for c in fake_gh.issue_comments(7)] == ["hello from GHES"]
    assert fake_gh.requests_matching("GET", r"/repos/octo/app/pulls/7/files")[-1].query["page"] == ["2"]


def test_diff_media_type_and_406_when_too_large(fake_gh: fakes.FakeGitHub) -> None:
    url = f"{fake_gh.url}/repos/octo/app/pulls/7"

    status, headers, text = _http(url, accept="application/vnd.github.diff")
    assert status == 200
    assert headers["Content-Type"].startswith("application/vnd.github.diff")
    assert fakes.files_from_diff(text) == fake_gh.pull(7).files

    fake_gh.pull(7).diff_too_large = True
    status, _, text = _http(url, accept="application/vnd.github.v3.diff")
    assert status == 406
    body = json.loads(text)
    assert body["message"].startswith("Sorry, the diff exceeded the maximum number of files (300).")
    assert body["errors"] == [{"resource": "PullRequest", "field": "diff", "code": "too_large"}]


def test_auth_errors(fake_gh: fakes.FakeGitHub) -> None:
    fake_gh.add_token("ro", login="reader", read_only=True)

    with pytest.raises(github.BadCredentialsException):
        _client(fake_gh.url, token="wrong").get_repo("octo/app")
    pr = _client(fake_gh.url, token="ro").get_repo("octo/app").get_pull(7)
    with pytest.raises(github.GithubException) as info:
        pr.create_issue_comment("x")
    assert info.value.status == 403
    assert info.value.data["message"] == "Resource not accessible by integration"
    assert fake_gh.issue_comments(7) == []


def test_faults_retried_by_github_retry(fake_gh: fakes.FakeGitHub) -> None:
    retry = GithubRetry(total=5, backoff_factor=0.001, secondary_rate_wait=0.01)
    pr = _client(fake_gh.url, retry=retry).get_repo("octo/app").get_pull(7)
    fake_gh.fail("GET", r"/repos/octo/app/pulls/7/files", 502, times=2)
    fake_gh.secondary_rate_limit("POST", r"/repos/octo/app/issues/7/comments", retry_after=None)
    fake_gh.primary_rate_limit("GET", r"/repos/octo/app/pulls/7/commits", reset_in=-5)

    assert len(list(pr.get_files())) == 4
    pr.create_issue_comment("after a secondary rate limit")
    assert len(list(pr.get_commits())) == 2

    assert [r.status for r in fake_gh.requests_matching("GET", r".*/pulls/7/files")] == [502, 502, 200]
    assert [r.status for r in fake_gh.requests_matching("POST", r".*/issues/7/comments")] == [403, 201]
    assert [r.status for r in fake_gh.requests_matching("GET", r".*/pulls/7/commits")] == [403, 200]
    assert fake_gh.pending_faults() == 0


def test_a_persistent_fault_lasts_until_cleared(fake_gh: fakes.FakeGitHub) -> None:
    repo = _client(fake_gh.url).get_repo("octo/app")
    fake_gh.set_contents("main", {"README.md": "hi\n"})
    fake_gh.fail("GET", r"/repos/octo/app/contents/.*", 502, times=None)

    for _ in range(3):
        with pytest.raises(github.GithubException) as info:
            repo.get_contents("README.md", ref="main")
        assert info.value.status == 502
    fake_gh.clear_faults()

    assert repo.get_contents("README.md", ref="main").decoded_content == b"hi\n"  # type: ignore[union-attr]


def test_contents_symlinks_and_large_files_as_github_serves_them(fake_gh: fakes.FakeGitHub) -> None:
    repo = _client(fake_gh.url).get_repo("octo/app")
    big = b"x" * (1024 * 1024 + 1)
    links = {"app/current.py": "views.py", "app/escape": "../../etc/passwd", "app/dir": "../lib"}
    fake_gh.set_contents("main", {"app/views.py": "v = 1\n", "lib/a.py": "", "big.bin": big}, symlinks=links)

    followed = repo.get_contents("app/current.py", ref="main")
    link = repo.get_contents("app/escape", ref="main")
    to_dir = repo.get_contents("app/dir", ref="main")
    listing = repo.get_contents("app", ref="main")
    large = repo.get_contents("big.bin", ref="main")

    assert not isinstance(followed, list)
    assert (followed.type, followed.path, followed.decoded_content) == ("file", "app/views.py", b"v = 1\n")
    assert not isinstance(link, list)
    assert (link.type, link.path, link.target) == ("symlink", "app/escape", "../../etc/passwd")
    assert not isinstance(to_dir, list)
    assert (to_dir.type, to_dir.target) == ("symlink", "../lib")
    assert isinstance(listing, list)
    assert {(c.path, c.type) for c in listing} == {
        ("app/views.py", "file"),
        ("app/current.py", "symlink"),
        ("app/escape", "symlink"),
        ("app/dir", "symlink"),
    }
    assert not isinstance(large, list)
    assert (large.encoding, large.content) == ("none", "")
    blob = repo.get_git_blob(large.sha)
    assert (blob.encoding, base64.b64decode(blob.content)) == ("base64", big)
    with pytest.raises(github.GithubException) as info:
        repo.get_contents("app/missing.py", ref="main")
    assert info.value.status == 404


def test_rate_limit_errors_without_retry(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)
    fake_gh.secondary_rate_limit("POST", r".*/reviews", retry_after=1)
    fake_gh.primary_rate_limit("GET", r".*/files", status=429)

    with pytest.raises(github.RateLimitExceededException) as info:
        pr.create_review(body="x", event="COMMENT")
    assert info.value.headers is not None
    assert info.value.headers["retry-after"] == "1"
    with pytest.raises(github.GithubException) as info2:
        list(pr.get_files())
    assert info2.value.status == 429
    assert info2.value.headers is not None
    assert info2.value.headers["x-ratelimit-remaining"] == "0"


def test_lost_response_still_performs_the_write(fake_gh: fakes.FakeGitHub) -> None:
    pr = _client(fake_gh.url).get_repo("octo/app").get_pull(7)
    fake_gh.lose_response("POST", r"/repos/octo/app/issues/7/comments")

    with pytest.raises(Exception, match="Remote end closed connection without response"):
        pr.create_issue_comment("posted, but the client never hears about it")

    assert [c["body"] for c in fake_gh.issue_comments(7)] == ["posted, but the client never hears about it"]
    assert fake_gh.requests_matching("POST", r".*/issues/7/comments")[0].status is None


# ---------------------------------------------------------------------------------------------------
# Anthropic with the SDK
# ---------------------------------------------------------------------------------------------------

TOOLS: list[Any] = [{"name": "report_findings", "description": "Report", "input_schema": {"type": "object"}}]
MESSAGES: list[Any] = [{"role": "user", "content": "Review this diff"}]


@pytest.fixture
def fake_claude() -> Iterator[fakes.FakeAnthropic]:
    with fakes.fake_anthropic_server() as fake:
        yield fake
        assert fake.errors == []


def _sdk(fake: fakes.FakeAnthropic, key: str = "k", max_retries: int = 0) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key=key, base_url=fake.url, max_retries=max_retries)


def test_sdk_parses_tool_use(fake_claude: fakes.FakeAnthropic) -> None:
    findings = {"findings": [{"rule": "pickle-load", "path": "app/views.py", "line": 7, "severity": "high"}]}
    fake_claude.enqueue(fakes.tool_use_response(findings, input_tokens=1200, cache_read_input_tokens=1000))

    msg = _sdk(fake_claude).messages.create(
        model="claude-sonnet-4-6",
        max_tokens=4096,
        system="You are a security reviewer.",
        tools=TOOLS,
        tool_choice={"type": "tool", "name": "report_findings"},
        messages=MESSAGES,
    )

    block = msg.content[0]
    assert block.type == "tool_use"
    assert block.name == "report_findings"
    assert block.input == findings
    assert msg.stop_reason == "tool_use"
    assert msg.model == "claude-sonnet-4-6"
    assert msg.usage.cache_read_input_tokens == 1000
    assert msg._request_id is not None
    assert msg._request_id.startswith("req_")
    [body] = fake_claude.message_requests()
    assert body["tool_choice"] == {"type": "tool", "name": "report_findings"}
    assert body["system"] == "You are a security reviewer."
    assert fake_claude.requests[0].headers["anthropic-version"]


def test_sdk_default_responder_text_and_max_tokens(fake_claude: fakes.FakeAnthropic) -> None:
    client = _sdk(fake_claude)
    fake_claude.default_tool_input = {"findings": [{"id": 1}]}

    forced = client.messages.create(model="m", max_tokens=10, tools=TOOLS, messages=MESSAGES)
    plain = client.messages.create(model="m", max_tokens=10, messages=MESSAGES)
    fake_claude.enqueue(fakes.max_tokens_response(tool_name="report_findings", partial_input={"findings": []}))
    cut = client.messages.create(model="m", max_tokens=10, tools=TOOLS, messages=MESSAGES)

    assert forced.content[0].type == "tool_use"
    assert forced.content[0].input == {"findings": [{"id": 1}]}
    assert plain.content[0].type == "text"
    assert cut.stop_reason == "max_tokens"


def test_sdk_retries_overloaded_then_succeeds(fake_claude: fakes.FakeAnthropic) -> None:
    fake_claude.inject(fakes.AnthropicFault.overloaded())

    msg = _sdk(fake_claude, max_retries=2).messages.create(model="m", max_tokens=10, messages=MESSAGES)

    assert msg.content[0].type == "text"
    assert [c.status for c in fake_claude.requests] == [529, 200]
    assert fake_claude.requests[1].headers["x-stainless-retry-count"] == "1"


def test_sdk_error_mapping(fake_claude: fakes.FakeAnthropic) -> None:
    with pytest.raises(anthropic.AuthenticationError) as auth:
        _sdk(fake_claude, key="wrong").messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert auth.value.body == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        "request_id": auth.value.request_id,
    }

    fake_claude.inject(fakes.AnthropicFault.rate_limit(retry_after=7))
    with pytest.raises(anthropic.RateLimitError) as limited:
        _sdk(fake_claude).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    assert limited.value.response.headers["retry-after"] == "7"

    fake_claude.inject(fakes.AnthropicFault.api_error(), fakes.AnthropicFault.bad_request("prompt is too long"))
    with pytest.raises(anthropic.InternalServerError):
        _sdk(fake_claude).messages.create(model="m", max_tokens=10, messages=MESSAGES)
    with pytest.raises(anthropic.BadRequestError, match="prompt is too long"):
        _sdk(fake_claude).messages.create(model="m", max_tokens=10, messages=MESSAGES)


def test_request_validation(fake_claude: fakes.FakeAnthropic) -> None:
    req = urllib.request.Request(
        f"{fake_claude.url}/v1/messages",
        data=json.dumps({"model": "m", "messages": MESSAGES}).encode(),
        headers={"x-api-key": "k", "anthropic-version": "2023-06-01", "content-type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=5)

    assert info.value.code == 400
    body = json.loads(info.value.read())
    assert body["error"] == {"type": "invalid_request_error", "message": "max_tokens: Field required"}
    assert body["request_id"] == info.value.headers["request-id"]
    assert fake_claude.requests[0].api_key == "k"


def test_rate_limit_retry_after_is_honoured(fake_claude: fakes.FakeAnthropic) -> None:
    """A fractional retry-after longer than the SDK's own backoff (~0.5 s): the wait it asked for is
    a lower bound, which holds on any machine."""
    fake_claude.inject(fakes.AnthropicFault.rate_limit(retry_after=1.5), times=1)

    _sdk(fake_claude, max_retries=2).messages.create(model="m", max_tokens=10, messages=MESSAGES)

    limited, served = fake_claude.requests
    assert [limited.status, served.status] == [429, 200]
    assert limited.ended is not None
    assert served.started - limited.ended >= 1.5


def test_delay_causes_timeout_and_concurrency_is_measured(fake_claude: fakes.FakeAnthropic) -> None:
    fake_claude.inject(fakes.AnthropicFault.delay(0.4))
    with pytest.raises(anthropic.APITimeoutError):
        _sdk(fake_claude).with_options(timeout=0.1).messages.create(model="m", max_tokens=10, messages=MESSAGES)

    while fake_claude.in_flight:  # let the abandoned request finish before measuring
        time.sleep(0.01)
    fake_claude.clear()
    fake_claude.latency = 0.5
    client = _sdk(fake_claude)
    begun = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: client.messages.create(model="m", max_tokens=10, messages=MESSAGES), range(4)))

    # Overlap, not exact timing: on a loaded 2-core CI machine a thread may start late.
    assert fake_claude.max_in_flight >= 2
    # The pool's four (on a loaded machine the abandoned request may reach the fake only now, too).
    calls = [c for c in fake_claude.requests if c.started >= begun]
    assert len(calls) >= 4
    assert all(c.ended is not None and c.ended - c.started >= 0.5 for c in calls)


def test_streaming_and_count_tokens(fake_claude: fakes.FakeAnthropic) -> None:
    findings = {"findings": [{"message": "x" * 300}]}
    fake_claude.enqueue(fakes.tool_use_response(findings, text="Looking at the diff."))
    client = _sdk(fake_claude)

    with client.messages.stream(model="m", max_tokens=10, tools=TOOLS, messages=MESSAGES) as stream:
        final = stream.get_final_message()
    counted = client.messages.count_tokens(model="m", messages=[{"role": "user", "content": "x" * 400}])

    assert [b.type for b in final.content] == ["text", "tool_use"]
    assert final.content[1].input == findings  # type: ignore[union-attr]
    assert final.stop_reason == "tool_use"
    assert counted.input_tokens == len(json.dumps(fake_claude.requests[-1].json)) // 4
