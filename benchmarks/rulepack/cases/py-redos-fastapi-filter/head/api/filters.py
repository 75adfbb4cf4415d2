import re

from fastapi import FastAPI

app = FastAPI()
NAMES = ["alpha", "beta", "gamma"]


@app.get("/names")
def names(pattern: str):
    return [n for n in NAMES if re.match(pattern, n)]
