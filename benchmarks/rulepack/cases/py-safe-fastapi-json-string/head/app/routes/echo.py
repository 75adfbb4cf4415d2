from fastapi import APIRouter

router = APIRouter()


@router.get("/echo")
async def echo(message: str):
    return f"<p>{message}</p>"
