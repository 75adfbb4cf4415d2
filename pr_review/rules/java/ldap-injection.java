import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import jakarta.servlet.http.HttpServletRequest;

public class Lookup {
    private DirContext ctx;

    public void find(HttpServletRequest request) throws Exception {
        String uid = request.getParameter("uid");
        String filter = "(&(objectClass=person)(uid=" + uid + "))";
        // ruleid: pr-review.java.ldap-injection
        ctx.search("ou=people", filter, new SearchControls());
        // ok: pr-review.java.ldap-injection
        ctx.search("ou=people", "(uid={0})", new Object[] {uid}, new SearchControls());
        // ok: pr-review.java.ldap-injection
        ctx.search("ou=people", "(uid=" + LdapEncoder.filterEncode(uid) + ")", new SearchControls());
    }

    public void byMail(String mail) throws Exception {
        // ruleid: pr-review.java.ldap-injection
        ctx.search("ou=people", "(mail=" + mail + ")", new SearchControls());
        // ok: pr-review.java.ldap-injection
        ctx.search("ou=people", "(objectClass=" + OBJECT_CLASS + ")", new SearchControls());
    }
}
