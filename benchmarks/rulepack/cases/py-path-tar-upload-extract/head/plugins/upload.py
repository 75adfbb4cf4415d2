import tarfile
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def install_plugin(request):
    bundle = request.FILES["bundle"]
    target = Path(settings.PLUGIN_ROOT) / "incoming"
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=bundle, mode="r:*") as archive:
        archive.extractall(path=target)
    return JsonResponse({"installed": bundle.name})
