import os

from django.conf import settings

RETENTION_DAYS = 14
SCRATCH_DIR = "/var/tmp/renders"


def purge_scratch(days=None):
    keep = int(days or RETENTION_DAYS)
    os.system(f"find {SCRATCH_DIR} -type f -mtime +{keep} -delete && du -sh {settings.MEDIA_ROOT}")
