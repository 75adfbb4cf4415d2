import ast

from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/reports")
def reports(filters: str = "{}"):
    try:
        parsed = ast.literal_eval(filters)
    except (ValueError, SyntaxError):
        raise HTTPException(status_code=400, detail="bad filters")
    if not isinstance(parsed, dict):
        raise HTTPException(status_code=400, detail="filters must be a mapping")
    return {"filters": parsed}
