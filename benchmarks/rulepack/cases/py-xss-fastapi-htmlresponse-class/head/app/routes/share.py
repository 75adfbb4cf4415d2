from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/share/preview", response_class=HTMLResponse)
async def share_preview(title: str, author: str = "anonymous"):
    return f"""<!doctype html>
<html><head><title>{title}</title></head>
<body><p>Shared by {author}</p></body></html>"""
