package com.example.intranet.auth;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/** Finds the groups a user belongs to, for the admin console's "effective permissions" view. */
public class LdapGroupLookup {

    private static final String GROUP_FILTER = "(&(objectClass=posixGroup)(memberUid={0}))";

    private final DirContextFactory contexts;

    public LdapGroupLookup(DirContextFactory contexts) {
        this.contexts = contexts;
    }

    public List<String> groupsOf(String uid) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[] {"cn"});
        controls.setCountLimit(200);

        DirContext ctx = contexts.open();
        try {
            NamingEnumeration<SearchResult> results =
                    ctx.search("ou=groups,dc=example,dc=com", GROUP_FILTER, new Object[] {uid}, controls);
            List<String> groups = new ArrayList<>();
            while (results.hasMore()) {
                Attribute cn = results.next().getAttributes().get("cn");
                if (cn != null) {
                    groups.add((String) cn.get());
                }
            }
            return groups;
        } finally {
            ctx.close();
        }
    }
}
