package com.acme.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class PeopleDirectory {

    private final DirContext ctx;
    private final String baseDn;

    public PeopleDirectory(DirContext ctx, String baseDn) {
        this.ctx = ctx;
        this.baseDn = baseDn;
    }

    public List<String> findByName(String name, String department) throws NamingException {
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        sc.setReturningAttributes(new String[] {"cn", "mail"});
        String filter = "(&(objectClass=person)(cn=*" + name + "*)(ou=" + department + "))";
        NamingEnumeration<SearchResult> results = ctx.search(baseDn, filter, sc);
        List<String> mails = new ArrayList<>();
        while (results.hasMore()) {
            Object mail = results.next().getAttributes().get("mail").get();
            mails.add(String.valueOf(mail));
        }
        return mails;
    }
}
