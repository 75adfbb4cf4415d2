import ldap
from flask import current_app, request, jsonify, Blueprint

bp = Blueprint("directory", __name__)


def _connection():
    conn = ldap.initialize(current_app.config["LDAP_URL"])
    conn.simple_bind_s(current_app.config["LDAP_BIND_DN"], current_app.config["LDAP_BIND_PASSWORD"])
    return conn


@bp.get("/directory/search")
def search_people():
    name = request.args.get("name", "")
    conn = _connection()
    try:
        query = f"(&(objectClass=person)(|(cn=*{name}*)(mail={name}*)))"
        results = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, query, ["cn", "mail"])
    finally:
        conn.unbind_s()
    return jsonify([{"cn": a["cn"][0].decode(), "mail": a["mail"][0].decode()} for _, a in results])
