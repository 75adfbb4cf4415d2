import logging

from django.contrib.auth import authenticate
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


@api_view(["GET"])
@permission_classes([IsAuthenticated])
def whoami(request):
    return Response({"id": request.user.pk, "username": request.user.get_username()})


@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([AnonRateThrottle])
def obtain_token(request):
    username = request.data.get("username", "")
    user = authenticate(request, username=username, password=request.data.get("password", ""))
    if user is None or not user.is_active:
        logger.info("token request refused for %r", username)
        return Response({"detail": "Invalid credentials."}, status=status.HTTP_400_BAD_REQUEST)
    token, created = Token.objects.get_or_create(user=user)
    logger.info("issued API token %s to %s (new=%s)", token.key, user.get_username(), created)
    return Response({"token": token.key})
