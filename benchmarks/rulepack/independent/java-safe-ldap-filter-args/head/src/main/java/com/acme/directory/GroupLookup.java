package com.acme.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class GroupLookup {

    private final DirContext ctx;

    public GroupLookup(DirContext ctx) {
        this.ctx = ctx;
    }

    public List<String> groupsOf(String uid) throws NamingException {
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        sc.setReturningAttributes(new String[] {"cn"});
        NamingEnumeration<SearchResult> it =
                ctx.search("ou=groups,dc=acme,dc=com", "(&(objectClass=groupOfNames)(memberUid={0}))", new Object[] {uid}, sc);
        List<String> groups = new ArrayList<>();
        while (it.hasMore()) {
            groups.add(String.valueOf(it.next().getAttributes().get("cn").get()));
        }
        return groups;
    }
}
