import math
from decimal import Decimal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter(prefix="/pricing", tags=["pricing"])

ALLOWED_NAMES = {"ceil": math.ceil, "floor": math.floor, "min": min, "max": max, "round": round}


class FormulaPreview(BaseModel):
    formula: str
    base_price: float
    quantity: int = 1


@router.post("/preview")
async def preview_formula(payload: FormulaPreview) -> dict[str, str]:
    scope = dict(ALLOWED_NAMES)
    scope.update(price=payload.base_price, qty=payload.quantity)
    try:
        value = eval(payload.formula, {"__builtins__": {}}, scope)
    except Exception as exc:  # noqa: BLE001
        raise HTTPException(status_code=422, detail=f"formula error: {exc}") from exc
    return {"price": str(Decimal(str(value)).quantize(Decimal("0.01")))}
