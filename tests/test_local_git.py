"""Local git sources: which changes a local scan reviews, and the errors a user sees."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GitRepo

from pr_review.cli import main
from pr_review.errors import GitError
from pr_review.gather.diff import FileStatus
from pr_review.gather.local_git import WORKTREE, from_diff_file, from_git

NO_KEY: dict[str, str] = {}


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


def test_not_a_git_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(GitError, match="not a git repository"):
        from_git(plain, None, "HEAD")
    assert main(["scan", str(plain)], environ=NO_KEY) == 2
    error = _one_error_line(capsys.readouterr().err)
    assert str(plain) in error
    assert "not a git repository" in error


def test_missing_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope")], environ=NO_KEY) == 2
    assert "no such directory" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("flag", ["--base", "--head"])
def test_unknown_ref(repo: GitRepo, flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit({"a.py": "a = 1\n"})
    assert main(["scan", str(repo.path), flag, "no-such-branch"], environ=NO_KEY) == 2
    error = _one_error_line(capsys.readouterr().err)
    assert "no-such-branch" in error
    assert "unknown git ref" in error


def test_default_base_is_the_merge_base_with_the_default_branch(repo: GitRepo) -> None:
    """main moves on after the branch is cut: only the branch's own changes are reviewed."""
    fork = repo.commit({"shared.py": "x = 1\n"}, "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"feature.py": "feature = True\n", "shared.py": "x = 2\n"}, "feature work")
    repo.git("checkout", "-q", "main")
    repo.commit({"mainline.py": "later = 1\n"}, "main moves on")
    repo.git("checkout", "-q", "feature")

    change = from_git(repo.path, None, "HEAD")

    assert change.target.base == fork
    assert {f.path for f in change.files} == {"feature.py", "shared.py"}
    assert change.file("shared.py") is not None
    assert change.file("shared.py").added_text == {1: "x = 2"}  # type: ignore[union-attr]


def test_explicit_base_and_head_refs(repo: GitRepo) -> None:
    first = repo.commit({"a.py": "a = 1\n"})
    repo.commit({"b.py": "b = 1\n"})
    third = repo.commit({"c.py": "c = 1\n"})
    change = from_git(repo.path, first, third)
    assert (change.target.base, change.target.head) == (first, third)
    assert {f.path for f in change.files} == {"b.py", "c.py"}
    assert change.read_head("c.py") == b"c = 1\n"


def test_head_contents_come_from_the_head_commit_not_the_worktree(repo: GitRepo) -> None:
    base = repo.commit({"a.py": "a = 1\n"})
    head = repo.commit({"a.py": "a = 2\n"})
    repo.write({"a.py": "a = 'uncommitted'\n"})
    change = from_git(repo.path, base, head)
    assert change.read_head("a.py") == b"a = 2\n"


def test_worktree_head_includes_uncommitted_changes(repo: GitRepo) -> None:
    base = repo.commit({"a.py": "a = 1\n", "keep.py": "k = 1\n"})
    repo.write({"a.py": "a = 1\nb = 'not committed'\n", "untracked_but_added.py": "u = 1\n"})
    repo.git("add", "untracked_but_added.py")

    change = from_git(repo.path, base, WORKTREE)

    assert change.target.head == WORKTREE
    assert change.head_source == "worktree"
    assert {f.path for f in change.files} == {"a.py", "untracked_but_added.py"}
    assert change.file("a.py").added_text == {2: "b = 'not committed'"}  # type: ignore[union-attr]
    assert change.read_head("a.py") == b"a = 1\nb = 'not committed'\n"


def test_worktree_reader_refuses_paths_outside_the_checkout(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"a.py": "a = 1\n"})
    (tmp_path / "secret.txt").write_text("outside\n")
    (repo.path / "link.txt").symlink_to(tmp_path / "secret.txt")
    change = from_git(repo.path, base, WORKTREE)
    assert change.read_head("../secret.txt") is None
    assert change.read_head(str(tmp_path / "secret.txt")) is None
    assert change.read_head("link.txt") == str(tmp_path / "secret.txt").encode(), "a link is read as its target text"


@pytest.mark.parametrize("head", ["HEAD", WORKTREE])
def test_unicode_and_space_paths_are_read_at_head(repo: GitRepo, head: str) -> None:
    base = repo.commit({"readme.md": "hi\n"})
    files = {"src/päth with space/ünï cödé.py": "name = 'ü'\n", "a b/c d.py": "x = 1\n"}
    if head == WORKTREE:
        repo.write(files)
        repo.git("add", "-A")
    else:
        repo.commit(files)
    change = from_git(repo.path, base, head)
    assert {f.path for f in change.files} == set(files)
    for path, content in files.items():
        assert change.read_head(path) == content.encode()


def test_rename_deletion_and_binary_from_git(repo: GitRepo) -> None:
    base = repo.commit(
        {"old_name.py": "".join(f"v{n} = {n}\n" for n in range(20)), "gone.py": "g = 1\n", "logo.png": b"\x89PNG\x00"}
    )
    repo.git("mv", "old_name.py", "new_name.py")
    repo.git("rm", "-q", "gone.py")
    head = repo.commit({"logo.png": b"\x89PNG\x00\x01"})
    files = {f.path: f for f in from_git(repo.path, base, head).files}
    assert files["new_name.py"].status is FileStatus.RENAMED
    assert files["new_name.py"].old_path == "old_name.py"
    assert files["gone.py"].status is FileStatus.DELETED
    assert files["logo.png"].is_binary


def test_no_default_branch_asks_for_base(make_repo: Callable[[], GitRepo], capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo()
    repo.git("checkout", "-q", "-b", "trunk")
    repo.commit({"a.py": "a = 1\n"})
    assert main(["scan", str(repo.path)], environ=NO_KEY) == 2
    err = capsys.readouterr().err
    assert "default branch" in _one_error_line(err)
    assert "--base" in err


def test_unrelated_histories(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit({"a.py": "a = 1\n"})
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit({"b.py": "b = 1\n"})
    assert main(["scan", str(repo.path), "--base", "main"], environ=NO_KEY) == 2
    assert "share no history" in _one_error_line(capsys.readouterr().err)


def test_base_missing_from_a_shallow_clone_says_how_to_fetch_it(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """actions/checkout's default depth of 1 leaves the base out: the hint says how to bring it in."""
    base = repo.commit({"a.py": "a = 1\n"})
    repo.commit({"a.py": "a = 2\n"})
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.path.as_uri(), str(clone)], check=True, capture_output=True
    )
    assert main(["scan", str(clone), "--base", base], environ=NO_KEY) == 2
    err = capsys.readouterr().err
    assert base in _one_error_line(err)
    assert "shallow" in err
    assert "fetch-depth: 0" in err
    assert "git fetch --unshallow" in err
    assert f"git fetch origin {base}" in err
    assert "git log" not in err


def test_unknown_ref_in_a_full_clone_does_not_blame_shallowness(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit({"a.py": "a = 1\n"})
    assert main(["scan", str(repo.path), "--base", "no-such-branch"], environ=NO_KEY) == 2
    err = capsys.readouterr().err
    assert "shallow" not in err
    assert "git fetch origin no-such-branch" in err


def test_diff_file_prefers_matching_checkout_and_reconstructs_otherwise(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"a.py": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"})
    repo.write({"a.py": "one\ntwo\nthree\nfour\nfive\nsix\nseven\nEIGHT\n"})
    diff = tmp_path / "change.diff"
    diff.write_bytes(_git_bytes(repo, "diff", base))

    from_checkout = from_diff_file(diff, repo.path)
    assert from_checkout.head_source == "worktree"
    assert from_checkout.read_head("a.py") == (repo.path / "a.py").read_bytes()

    repo.write({"a.py": "something else entirely\n"})
    reconstructed = from_diff_file(diff, repo.path)
    assert reconstructed.head_source == "reconstructed"
    # Lines outside the hunk are blank, but the numbers line up with the real file.
    assert reconstructed.read_head("a.py") == b"\n\n\n\nfive\nsix\nseven\nEIGHT\n"


def test_unreadable_diff_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--diff", str(tmp_path / "missing.diff")], environ=NO_KEY) == 2
    assert "cannot read diff file" in _one_error_line(capsys.readouterr().err)


def test_garbage_diff_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    diff = tmp_path / "notes.diff"
    diff.write_text("these are my notes, not a patch\n")
    assert main(["scan", "--diff", str(diff)], environ=NO_KEY) == 2
    assert "not a unified diff" in _one_error_line(capsys.readouterr().err)


def _git_bytes(repo: GitRepo, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo.path), *args], capture_output=True, check=True).stdout
