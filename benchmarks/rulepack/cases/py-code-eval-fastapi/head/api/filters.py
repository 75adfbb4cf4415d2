from fastapi import APIRouter

from .store import all_items

router = APIRouter()


@router.get("/items/filter")
async def filter_items(condition: str, limit: int = 50):
    predicate_src = "lambda item: " + condition
    predicate = eval(predicate_src)
    return [i for i in all_items() if predicate(i)][:limit]
