import os

from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def deploy(request):
    branch = request.POST.get("branch", "main")
    repo = "/srv/app"
    exit_code = os.system("cd %s && git fetch && git checkout %s" % (repo, branch))
    return HttpResponse(status=200 if exit_code == 0 else 500)
