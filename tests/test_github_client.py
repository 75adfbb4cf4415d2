"""The one retry policy: what is transient, how long the server asked us to wait, what an error
says, and a write that is retried only after checking it did not land (real PyGithub, the fake)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from fakes import FakeGitHub, fake_github_server
from github import GithubException

from pr_review.github.client import GitHubApi, GitHubError, RetryPolicy, is_transient, server_wait

SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
PRIMARY = "API rate limit exceeded for installation ID 1."
FAST = RetryPolicy(attempts=4, total_s=30, base_s=0.01, max_wait_s=2)


def error(status: int, message: str | None = None, headers: dict[str, str] | None = None) -> GithubException:
    data = None if message is None else {"message": message, "documentation_url": "https://docs.github.com/rest"}
    return GithubException(status, data, headers)


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (error(500, "Server Error"), True),
        (error(502), True),
        (error(503), True),
        (error(504), True),
        (error(403, SECONDARY, {"retry-after": "1"}), True),
        (error(403, SECONDARY), True),  # no Retry-After: the message says so
        (error(429, PRIMARY, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 5)}), True),
        (error(403, "Resource not accessible by integration"), False),
        (error(401, "Bad credentials"), False),
        (error(404, "Not Found"), False),
        (error(422, "Unprocessable Entity"), False),
        (requests.exceptions.ConnectionError("Remote end closed connection without response"), True),
        (requests.exceptions.ReadTimeout("read timed out"), True),
        (ValueError("not a network problem"), False),
    ],
)
def test_is_transient(exc: BaseException, transient: bool) -> None:
    assert is_transient(exc) is transient


def test_server_wait_reads_retry_after_in_any_case() -> None:
    assert server_wait(error(403, SECONDARY, {"Retry-After": "7"})) == 7.0
    assert server_wait(error(429, SECONDARY, {"retry-after": "0"})) == 0.0
    assert server_wait(error(403, SECONDARY, {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) is None


def test_server_wait_until_the_rate_limit_resets() -> None:
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 30)}
    wait = server_wait(error(403, PRIMARY, headers))
    assert wait is not None
    assert 28 <= wait <= 30
    past = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) - 60)}
    assert server_wait(error(403, PRIMARY, past)) == 0.0


def test_server_wait_is_none_when_the_server_did_not_say() -> None:
    assert server_wait(error(403, PRIMARY, {"x-ratelimit-remaining": "12", "x-ratelimit-reset": "1"})) is None
    assert server_wait(error(502)) is None
    assert server_wait(requests.exceptions.ConnectionError()) is None


def test_error_message_carries_githubs_message_errors_and_documentation() -> None:
    exc = GithubException(
        422,
        {
            "message": "Unprocessable Entity",
            "errors": ["Pull request review thread line must be part of the diff"],
            "documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
        },
        None,
    )
    err = GitHubError.from_exception("post the review", exc)
    assert err.status == 422
    assert str(err) == (
        "post the review: GitHub answered 422: Unprocessable Entity "
        "(['Pull request review thread line must be part of the diff'])"
        " — see https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
    )
    assert err.hint == ""


def test_error_hints() -> None:
    denied = GitHubError.from_exception("post the review", error(403, "Resource not accessible by integration"))
    assert "pull-requests: write" in denied.hint
    bad_token = GitHubError.from_exception("read the repository", error(401, "Bad credentials"))
    assert bad_token.status == 401
    assert "token" in bad_token.hint
    assert "permission" not in bad_token.hint  # a bad token is not a missing permission
    limited = GitHubError.from_exception("list comments", error(403, SECONDARY))
    assert limited.hint == ""


def test_error_without_a_json_body_and_without_a_response() -> None:
    html = GitHubError.from_exception("post the review", GithubException(502, "<html>Unicorn!</html>", None))
    assert html.status == 502
    assert str(html).startswith("post the review: GitHub answered 502: ")
    dropped = GitHubError.from_exception("post the review", requests.exceptions.ConnectionError("reset by peer"))
    assert dropped.status == 0
    assert str(dropped) == "post the review: ConnectionError: reset by peer"


# -- against the loopback GitHub -------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        server.add_pull(7, title="Add invoice search")
        yield server
        assert server.errors == []


def api_for(fake: FakeGitHub, auth: str = "t") -> GitHubApi:
    return GitHubApi(fake.url, auth, timeout_s=5, policy=FAST, write_interval_s=0)


def test_call_retries_5xx_and_rate_limits_then_succeeds(fake: FakeGitHub) -> None:
    fake.fail("GET", r"/repos/octo/app", 502)
    fake.secondary_rate_limit("GET", r"/repos/octo/app", retry_after=0)
    fake.primary_rate_limit("GET", r"/repos/octo/app", status=429, reset_in=0)
    api = api_for(fake)

    repo = api.call("read the repository", lambda: api.github.get_repo("octo/app"))

    assert repo.full_name == "octo/app"
    assert [r.status for r in fake.requests_matching("GET", r"/repos/octo/app")] == [502, 403, 429, 200]


def test_call_gives_up_after_the_attempts(fake: FakeGitHub) -> None:
    fake.fail("GET", r"/repos/octo/app", 503, times=10)
    api = api_for(fake)

    with pytest.raises(GitHubError) as raised:
        api.call("read the repository", lambda: api.github.get_repo("octo/app"))

    assert raised.value.status == 503
    assert len(fake.requests_matching("GET", r"/repos/octo/app")) == FAST.attempts


def test_call_does_not_retry_a_permanent_error(fake: FakeGitHub) -> None:
    api = api_for(fake, auth="wrong")

    with pytest.raises(GitHubError) as raised:
        api.call("read the repository", lambda: api.github.get_repo("octo/app"))

    assert raised.value.status == 401
    assert "Bad credentials" in str(raised.value)
    assert len(fake.requests) == 1


def test_write_whose_answer_was_lost_is_found_not_sent_again(fake: FakeGitHub) -> None:
    fake.lose_response("POST", r"/repos/octo/app/issues/7/comments")
    api = api_for(fake)
    pull = api.call("read the pull request", lambda: api.github.get_repo("octo/app").get_pull(7))

    def landed() -> object | None:
        return next((c for c in pull.get_issue_comments() if c.body == "hello"), None)

    comment = api.write("post a comment", lambda: pull.create_issue_comment("hello"), landed=landed)

    assert [c["body"] for c in fake.issue_comments(7)] == ["hello"]
    assert getattr(comment, "id", None) == fake.issue_comments(7)[0]["id"]
    assert [r.status for r in fake.requests_matching("POST", r"/repos/octo/app/issues/7/comments")] == [None]


def test_write_that_did_not_land_is_sent_again(fake: FakeGitHub) -> None:
    fake.fail("POST", r"/repos/octo/app/issues/7/comments", 502)
    api = api_for(fake)
    pull = api.call("read the pull request", lambda: api.github.get_repo("octo/app").get_pull(7))
    checked: list[int] = []

    def landed() -> object | None:
        checked.append(1)
        return next((c for c in pull.get_issue_comments() if c.body == "hello"), None)

    api.write("post a comment", lambda: pull.create_issue_comment("hello"), landed=landed)

    assert checked == [1]
    assert [c["body"] for c in fake.issue_comments(7)] == ["hello"]
    assert [r.status for r in fake.requests_matching("POST", r"/repos/octo/app/issues/7/comments")] == [502, 201]
