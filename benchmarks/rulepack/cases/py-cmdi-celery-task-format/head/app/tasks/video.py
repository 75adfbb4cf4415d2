import logging
import subprocess

from celery import shared_task

from app.models import Upload

log = logging.getLogger(__name__)


def _probe_duration(path):
    command = "ffprobe -v error -show_entries format=duration -of csv=p=0 {}".format(path)
    output = subprocess.check_output(command, shell=True, text=True)
    return float(output.strip() or 0)


@shared_task
def index_upload(upload_id):
    upload = Upload.objects.get(pk=upload_id)
    upload.duration = _probe_duration(upload.original_name)
    upload.save(update_fields=["duration"])
    log.info("indexed upload %s", upload_id)
