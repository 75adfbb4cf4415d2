from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from fastapi import APIRouter, HTTPException, Request

router = APIRouter(prefix="/feeds")


@router.post("/opml")
async def import_opml(request: Request) -> dict[str, list[str]]:
    body = await request.body()
    if len(body) > 512 * 1024:
        raise HTTPException(status_code=413, detail="too large")
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise HTTPException(status_code=422, detail="invalid OPML") from exc
    feeds = [node.get("xmlUrl") for node in root.iter("outline") if node.get("xmlUrl")]
    return {"feeds": feeds}
