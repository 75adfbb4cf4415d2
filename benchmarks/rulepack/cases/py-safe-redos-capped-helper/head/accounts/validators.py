import re

from rest_framework import serializers

DISPLAY_NAME = re.compile(r"^(\w+\s?)+$")
MAX_NAME = 40


def clean_display_name(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_NAME:
        raise serializers.ValidationError("name too long")
    if not DISPLAY_NAME.fullmatch(value[:MAX_NAME]):
        raise serializers.ValidationError("letters, digits and single spaces only")
    return value


class ProfileSerializer(serializers.Serializer):
    display_name = serializers.CharField(validators=[clean_display_name])
