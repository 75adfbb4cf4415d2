import paramiko
from fastapi import APIRouter, Depends

from ops.auth import require_operator

router = APIRouter()


def tail_service_log(host: str, service: str, lines: int = 200) -> str:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="deploy")
    try:
        _, stdout, _ = client.exec_command(f"journalctl -u {service} -n {lines} --no-pager")
        return stdout.read().decode()
    finally:
        client.close()


@router.get("/ops/{host}/logs")
def service_logs(host: str, service: str, user=Depends(require_operator)):
    return {"log": tail_service_log(host, service)}
