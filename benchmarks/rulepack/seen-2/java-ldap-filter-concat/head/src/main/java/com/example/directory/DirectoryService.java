package com.example.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DirectoryService {
    private final DirContext ctx;

    public DirectoryService(DirContext ctx) {
        this.ctx = ctx;
    }

    @GetMapping("/directory/groups")
    public List<String> groupsOf(@RequestParam String user) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[] {"cn"});
        String filter = "(&(objectClass=groupOfNames)(member=uid=" + user + ",ou=people,dc=example,dc=com))";
        NamingEnumeration<SearchResult> results = ctx.search("ou=groups,dc=example,dc=com", filter, controls);
        List<String> groups = new ArrayList<>();
        while (results.hasMore()) {
            groups.add(String.valueOf(results.next().getAttributes().get("cn").get()));
        }
        return groups;
    }
}
