# mypy: ignore-errors
# ruff: noqa

import yaml
from yaml import SafeLoader

def read_config(fh):
    # ruleid: pr-review.python.yaml-unsafe-load
    cfg = yaml.safe_load(fh)
    # ruleid: pr-review.python.yaml-unsafe-load
    cfg = yaml.safe_load(fh)
    # ruleid: pr-review.python.yaml-unsafe-load
    cfg = yaml.safe_load(fh)
    # ok: pr-review.python.yaml-unsafe-load
    cfg = yaml.safe_load(fh)
    # ok: pr-review.python.yaml-unsafe-load
    cfg = yaml.load(fh, Loader=yaml.SafeLoader)
    # ok: pr-review.python.yaml-unsafe-load
    cfg = yaml.load(fh, Loader=SafeLoader)
    return cfg
