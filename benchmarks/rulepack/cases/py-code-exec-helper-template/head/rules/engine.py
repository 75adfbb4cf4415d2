from dataclasses import dataclass

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class RuleIn(BaseModel):
    name: str
    condition: str


@dataclass
class CompiledRule:
    name: str
    check: object


def compile_rule(name: str, condition: str) -> CompiledRule:
    namespace: dict = {}
    exec(f"def check(order):\n    return {condition}\n", {}, namespace)
    return CompiledRule(name=name, check=namespace["check"])


@router.post("/rules/preview")
def preview(rule: RuleIn):
    compiled = compile_rule(rule.name, rule.condition)
    return {"name": compiled.name, "ok": callable(compiled.check)}
