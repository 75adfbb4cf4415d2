import re

from fastapi import FastAPI

app = FastAPI()
NAMES = ["alpha", "beta", "gamma"]


@app.get("/names")
def names(prefix: str):
    return [n for n in NAMES if re.match(re.escape(prefix), n)]
