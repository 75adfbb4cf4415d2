import re
import subprocess

from django.http import JsonResponse

from media.models import Picture

GEOMETRY = re.compile(r"\d{1,4}x\d{1,4}")
CONVERT = "/usr/bin/convert"


def resize(picture_path, geometry):
    if not GEOMETRY.fullmatch(geometry):
        raise ValueError("invalid geometry")
    subprocess.run(f"{CONVERT} in.png -resize {geometry} out.png", shell=True, check=True, cwd=picture_path)


def resize_view(request, pk):
    picture = Picture.objects.get(pk=pk)
    resize(picture.folder, request.GET.get("geometry", "256x256"))
    return JsonResponse({"ok": True})
