from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Profile


@login_required
@require_POST
def save_profile(request):
    profile, _ = Profile.objects.update_or_create(
        user=request.user,
        defaults=request.POST.dict(),
    )
    return JsonResponse({"id": profile.pk})
