"""parse_diff: what each kind of git change becomes, and that hostile input never crashes it.

Diffs are produced by real git in throwaway repositories wherever git can produce them.
"""

from __future__ import annotations

import subprocess

import pytest
from conftest import EXAMPLE_DIFF, GitRepo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scaling import assert_scales_linearly

from pr_review.gather.diff import ChangedFile, DiffError, FileStatus, Line, parse_diff

UNICODE_PATH = "dir with space/ünï cödé.py"
SEVEN = "".join(f"line {n}\n" for n in range(1, 8))


def _cached_diff(repo: GitRepo) -> bytes:
    repo.git("add", "-A")
    # GitRepo.git decodes and strips: keep the bytes exactly as git writes them instead.
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", "-C", str(repo.path), "diff", "--cached", "-M", "--full-index"],
        capture_output=True,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def git_diff(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ChangedFile]:
    """One real git diff holding every kind of change, parsed once, keyed by path."""
    repo = GitRepo(tmp_path_factory.mktemp("diffs"))
    repo.commit(
        {
            "edit.py": SEVEN,
            "moved.py": SEVEN,
            "moved_same.py": "unchanged\ncontent\nhere\n",
            "gone.txt": "bye\n",
            "run.sh": "#!/bin/sh\necho hi\n",
            "image.bin": b"\x00\x01\x02binary",
            "windows.txt": "first\r\nlast\r\n",
            "tail.txt": "a\nb\nc\n",
        },
        "base",
    )
    repo.git("mv", "moved.py", "renamed.py")
    repo.git("mv", "moved_same.py", "renamed_same.py")
    repo.git("rm", "-q", "gone.txt")
    (repo.path / "run.sh").chmod(0o755)
    repo.write(
        {
            "edit.py": SEVEN.replace("line 2\n", "").replace("line 5\n", "line five\nextra\n"),
            "renamed.py": SEVEN.replace("line 4\n", "line FOUR\n"),
            "image.bin": b"\x00\x03\x04binary",
            "windows.txt": "first\r\nmiddle\r\nlast\r\n",
            "tail.txt": "a\nb\nc",
            "new_file.py": "import os\nprint(os.getcwd())\n",
            UNICODE_PATH: "x = 1\n",
            "latin1.py": b"caf\xe9 = 'cr\xe8me'\n",
        }
    )
    return {changed.path: changed for changed in parse_diff(_cached_diff(repo))}


def test_modified_file_numbers_added_and_context_on_the_new_side_and_removed_on_the_old(
    git_diff: dict[str, ChangedFile],
) -> None:
    edit = git_diff["edit.py"]
    assert edit.status is FileStatus.MODIFIED
    assert edit.old_path == "edit.py"
    assert len(edit.hunks) == 1
    hunk = edit.hunks[0]
    assert (hunk.old_start, hunk.old_length, hunk.new_start, hunk.new_length) == (1, 7, 1, 7)
    assert hunk.removed == (Line(2, "line 2"), Line(5, "line 5"))
    assert hunk.added == (Line(4, "line five"), Line(5, "extra"))
    assert Line(6, "line 6") in hunk.context  # old line 6 is new line 6 again after -1 +1
    assert Line(3, "line 4") in hunk.context  # old line 4 moved up to new line 3
    assert edit.added_lines == {4, 5}
    assert edit.commentable_lines == {1, 2, 3, 4, 5, 6, 7}
    assert edit.added_text == {4: "line five", 5: "extra"}


def test_rename_with_content_change_keeps_both_paths_and_its_hunk(git_diff: dict[str, ChangedFile]) -> None:
    renamed = git_diff["renamed.py"]
    assert renamed.status is FileStatus.RENAMED
    assert renamed.old_path == "moved.py"
    assert renamed.added_text == {4: "line FOUR"}
    assert "moved.py" not in git_diff


def test_pure_rename_has_no_hunks(git_diff: dict[str, ChangedFile]) -> None:
    renamed = git_diff["renamed_same.py"]
    assert renamed.status is FileStatus.RENAMED
    assert renamed.old_path == "moved_same.py"
    assert renamed.hunks == ()
    assert not renamed.mode_only


def test_deleted_file_is_named_by_its_old_path_with_removed_lines(git_diff: dict[str, ChangedFile]) -> None:
    gone = git_diff["gone.txt"]
    assert gone.status is FileStatus.DELETED
    assert gone.old_path == "gone.txt"
    assert gone.added_lines == frozenset()
    assert gone.hunks[0].removed == (Line(1, "bye"),)


def test_new_file_has_no_old_path_and_all_lines_added(git_diff: dict[str, ChangedFile]) -> None:
    new = git_diff["new_file.py"]
    assert new.status is FileStatus.ADDED
    assert new.old_path is None
    assert new.new_mode == "100644"
    assert new.added_text == {1: "import os", 2: "print(os.getcwd())"}


def test_binary_change_is_flagged_without_hunks(git_diff: dict[str, ChangedFile]) -> None:
    binary = git_diff["image.bin"]
    assert binary.is_binary
    assert binary.hunks == ()
    assert not binary.mode_only


def test_mode_only_change(git_diff: dict[str, ChangedFile]) -> None:
    script = git_diff["run.sh"]
    assert script.mode_only
    assert (script.old_mode, script.new_mode) == ("100644", "100755")
    assert script.hunks == ()


def test_no_newline_marker_is_not_a_line(git_diff: dict[str, ChangedFile]) -> None:
    tail = git_diff["tail.txt"]
    hunk = tail.hunks[0]
    assert hunk.added == (Line(3, "c"),)
    assert hunk.removed == (Line(3, "c"),)
    assert all("No newline" not in line.text for line in (*hunk.added, *hunk.removed, *hunk.context))


def test_crlf_line_endings_stay_out_of_line_text(git_diff: dict[str, ChangedFile]) -> None:
    windows = git_diff["windows.txt"]
    assert windows.added_text == {2: "middle"}
    assert {line.text for line in windows.hunks[0].context} == {"first", "last"}


def test_non_utf8_bytes_are_replaced_not_fatal(git_diff: dict[str, ChangedFile]) -> None:
    latin = git_diff["latin1.py"]
    assert latin.added_text == {1: "caf\ufffd = 'cr\ufffdme'"}


def test_unicode_path_with_spaces(git_diff: dict[str, ChangedFile]) -> None:
    changed = git_diff[UNICODE_PATH]
    assert changed.status is FileStatus.ADDED
    assert changed.added_text == {1: "x = 1"}


def test_every_change_in_the_git_diff_is_present(git_diff: dict[str, ChangedFile]) -> None:
    assert set(git_diff) == {
        "edit.py",
        "renamed.py",
        "renamed_same.py",
        "gone.txt",
        "run.sh",
        "image.bin",
        "windows.txt",
        "tail.txt",
        "new_file.py",
        UNICODE_PATH,
        "latin1.py",
    }


def test_several_hunks_keep_their_own_numbers(repo: GitRepo) -> None:
    lines = [f"row {n}" for n in range(1, 41)]
    repo.commit({"long.py": "\n".join(lines) + "\n"})
    lines[2] = "row three"
    lines[35] = "row thirty-six"
    repo.write({"long.py": "\n".join(lines) + "\n"})
    (changed,) = parse_diff(_cached_diff(repo))
    assert [h.new_start for h in changed.hunks] == [1, 33]
    assert changed.added_text == {3: "row three", 36: "row thirty-six"}
    assert changed.hunks[1].removed == (Line(36, "row 36"),)


def test_worktree_diff_text_and_bytes_parse_the_same(repo: GitRepo) -> None:
    repo.commit({"a.py": "a = 1\n"})
    repo.write({"a.py": "a = 2\n"})
    raw = _cached_diff(repo)
    assert parse_diff(raw) == parse_diff(raw.decode())


def test_crlf_diff_file_itself(repo: GitRepo) -> None:
    """A whole diff saved with Windows line endings (e.g. by an editor) still parses cleanly."""
    repo.commit({"a.py": "a = 1\n"})
    repo.write({"a.py": "a = 1\nb = 2\n"})
    crlf = _cached_diff(repo).replace(b"\n", b"\r\n")
    (changed,) = parse_diff(crlf)
    assert changed.path == "a.py"
    assert changed.added_text == {2: "b = 2"}


def test_quoted_paths_from_default_git_config_are_unquoted(repo: GitRepo) -> None:
    """Without core.quotePath=false git octal-escapes the path (a diff file a user saved); git
    always quotes names with a tab or a double quote."""
    repo.commit({"keep.txt": "k\n"})
    repo.write({"naïve.py": "n = 1\n", 'say "hi"\tnow.py': "q = 1\n"})
    repo.git("add", "-A")
    raw = subprocess.run(["git", "-C", str(repo.path), "diff", "--cached"], capture_output=True, check=True).stdout
    assert b'"b/na\\303\\257ve.py"' in raw
    files = {f.path: f for f in parse_diff(raw)}
    assert set(files) == {"naïve.py", 'say "hi"\tnow.py'}
    assert files["naïve.py"].added_text == {1: "n = 1"}


def test_path_containing_space_b_slash(repo: GitRepo) -> None:
    """`diff --git a/plan b/x.py b/plan b/x.py` is ambiguous; the file must still be read right."""
    repo.commit({"plan b/x.py": "x = 1\n", "old b/gone.py": "g = 1\n"})
    repo.git("rm", "-q", "old b/gone.py")
    repo.write({"plan b/x.py": "x = 2\n", "new b/y z.py": "y = 1\n"})
    files = {f.path: f for f in parse_diff(_cached_diff(repo))}
    assert set(files) == {"plan b/x.py", "old b/gone.py", "new b/y z.py"}
    assert files["plan b/x.py"].status is FileStatus.MODIFIED
    assert files["plan b/x.py"].added_text == {1: "x = 2"}
    assert files["old b/gone.py"].status is FileStatus.DELETED
    assert files["new b/y z.py"].status is FileStatus.ADDED


@pytest.mark.parametrize("empty", ["", "\n\n", "   \n", b""])
def test_empty_diff_is_an_empty_change(empty: str | bytes) -> None:
    assert parse_diff(empty) == ()


@pytest.mark.parametrize(
    "garbage",
    [
        "hello world\nthis is not a diff\n",
        b"\xff\xfe\x00\x01",
        "@@ -1 +1 @@\n+orphan hunk\n",
        "--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n x\n",  # hunk shorter than its header
        "+++ b/x\n@@ -1 +1 @@\n+y\n",  # target without source
    ],
)
def test_garbage_is_a_usage_error(garbage: str | bytes) -> None:
    with pytest.raises(DiffError, match="diff") as raised:
        parse_diff(garbage)
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(
    "odd",
    [
        "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -a,b +c,d @@\n",  # unparsable hunk header
        "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-x\n+y\n+z\n+w\n",  # more lines than the header says
        "diff --git a/x b/x\n",
    ],
)
def test_odd_but_diff_shaped_input_never_reports_lines_it_did_not_read(odd: str) -> None:
    try:
        files = parse_diff(odd)
    except DiffError:
        return
    for changed in files:
        assert changed.path == "x"
        assert set(changed.added_text.values()) <= {"y"}


def test_form_feed_and_unicode_line_separators_stay_inside_their_line(repo: GitRepo) -> None:
    """str.splitlines() would cut these lines in two and make the whole diff unreadable."""
    repo.commit({"f.py": "a\n"})
    repo.write({"f.py": 'a\n\x0c\nx = "\u2028"\ny = 1  # \x1c\n'})
    (changed,) = parse_diff(_cached_diff(repo))
    assert changed.added_text == {2: "\x0c", 3: 'x = "\u2028"', 4: "y = 1  # \x1c"}


def test_the_bundled_example_diff_parses() -> None:
    files = {f.path: f for f in parse_diff(EXAMPLE_DIFF.read_bytes())}
    assert set(files) == {"app/settings.py", "app/views.py"}
    assert files["app/settings.py"].status is FileStatus.ADDED
    views = files["app/views.py"]
    assert views.status is FileStatus.MODIFIED
    assert "SELECT" in views.added_text[29]
    assert views.added_text[30] == "    rows = conn.execute(query).fetchall()"


_DIFFISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "diff --git a/f b/f\n",
                "--- a/f\n",
                "+++ b/f\n",
                "--- /dev/null\n",
                "+++ /dev/null\n",
                "@@ -1 +1 @@\n",
                "@@ -1,3 +1,4 @@ def f():\n",
                "@@ -0,0 +1 @@\n",
                "new file mode 100644\n",
                "deleted file mode 100644\n",
                "old mode 100644\n",
                "new mode 100755\n",
                "rename from f\n",
                "rename to g\n",
                "similarity index 90%\n",
                "Binary files a/f and b/f differ\n",
                "\\ No newline at end of file\n",
                "index 0000000..1111111 100644\n",
            ]
        ),
        st.text(max_size=30).map(lambda s: f"{'+- '[len(s) % 3]}{s}\n"),
        st.text(max_size=40),
    ),
    max_size=30,
).map("".join)


def _parse_or_refuse(data: str | bytes) -> None:
    try:
        result = parse_diff(data)
    except DiffError:
        pass
    else:
        assert isinstance(result, tuple)
        assert all(isinstance(f, ChangedFile) for f in result)


def _bounded(data: str | bytes) -> None:
    """Parsed or refused, never another error; the same text repeated costs no more than linearly."""
    _parse_or_refuse(data)
    assert_scales_linearly(_parse_or_refuse, lambda n, _: data * n, 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_DIFFISH, st.text(max_size=500)))
def test_any_text_parses_or_raises_diff_error(data: str) -> None:
    _bounded(data)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_DIFFISH.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=500)))
def test_any_bytes_parse_or_raise_diff_error(data: bytes) -> None:
    _bounded(data)
