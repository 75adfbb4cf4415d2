import subprocess
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render

HISTORY_LIMIT = 50


def _page_path(slug: str) -> Path:
    root = Path(settings.HANDBOOK_REPO).resolve()
    path = (root / f"{slug}.md").resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("No such page")
    return path


def page(request, slug):
    path = _page_path(slug)
    return render(request, "handbook/page.html", {"slug": slug, "markdown": path.read_text(encoding="utf-8")})


def page_history(request, slug):
    path = _page_path(slug)
    repo = Path(settings.HANDBOOK_REPO).resolve()
    try:
        limit = max(1, min(int(request.GET.get("limit", 20)), HISTORY_LIMIT))
    except ValueError:
        limit = 20
    proc = subprocess.run(
        ["git", "-C", str(repo), "log", f"--max-count={limit}", "--format=%H%x09%an%x09%aI%x09%s", "--", str(path.relative_to(repo))],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    if proc.returncode != 0:
        return HttpResponseServerError("history unavailable")
    commits = [dict(zip(("sha", "author", "date", "subject"), line.split("\t", 3))) for line in proc.stdout.splitlines()]
    return render(request, "handbook/history.html", {"slug": slug, "commits": commits})
