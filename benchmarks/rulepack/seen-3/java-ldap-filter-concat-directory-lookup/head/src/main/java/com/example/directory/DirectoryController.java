package com.example.directory;

import java.util.List;

import javax.naming.directory.Attributes;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DirectoryController {

    public record Person(String uid, String displayName, String mail) {}

    private static final AttributesMapper<Person> PERSON = (Attributes attrs) -> new Person(
            (String) attrs.get("uid").get(),
            (String) attrs.get("displayName").get(),
            attrs.get("mail") == null ? null : (String) attrs.get("mail").get());

    private final LdapTemplate ldap;

    public DirectoryController(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    /** Colleague picker: look people up by login or surname. */
    @GetMapping("/api/directory/people")
    public List<Person> people(@RequestParam("q") String query) {
        return findPeople(query.trim());
    }

    private List<Person> findPeople(String term) {
        String filter = "(&(objectClass=inetOrgPerson)(!(employeeType=service))(|(uid=" + term + ")(sn=" + term + "*)))";
        return ldap.search("ou=people", filter, PERSON);
    }
}
