package com.acme.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class LdapLogin extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String user = request.getParameter("user");
        javax.naming.directory.DirContext ldap = Directory.connect();
        ldap.search("dc=acme", "(&(uid=" + user + ")(objectClass=person))", new javax.naming.directory.SearchControls());
    }
}
