import logging

import psycopg2

log = logging.getLogger(__name__)


def connect(settings):
    db_password = settings["DB_PASSWORD"]
    log.info("connecting to %s as %s (password set: %s)", settings["DB_HOST"], settings["DB_USER"], bool(db_password))
    return psycopg2.connect(host=settings["DB_HOST"], user=settings["DB_USER"], password=db_password)
