package com.acme.directory;

import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import jakarta.servlet.http.HttpServletRequest;

public class UserLookup {
    private final DirContext ctx;

    public UserLookup(DirContext ctx) {
        this.ctx = ctx;
    }

    public NamingEnumeration<SearchResult> find(HttpServletRequest request) throws Exception {
        String uid = request.getParameter("uid");
        String filter = "(&(objectClass=person)(uid=" + uid + "))";
        return ctx.search("ou=people,dc=acme,dc=com", filter, new SearchControls());
    }
}
