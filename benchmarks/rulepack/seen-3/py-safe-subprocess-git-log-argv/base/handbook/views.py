from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render


def _page_path(slug: str) -> Path:
    root = Path(settings.HANDBOOK_REPO).resolve()
    path = (root / f"{slug}.md").resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("No such page")
    return path


def page(request, slug):
    path = _page_path(slug)
    return render(request, "handbook/page.html", {"slug": slug, "markdown": path.read_text(encoding="utf-8")})
