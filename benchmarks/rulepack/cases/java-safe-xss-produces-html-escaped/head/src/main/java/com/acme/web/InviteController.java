package com.acme.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
public class InviteController {
    private final Invitations invitations;

    public InviteController(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping(value = "/invite/{code}", produces = MediaType.TEXT_HTML_VALUE)
    public String show(@PathVariable String code) {
        Invitation inv = invitations.find(code).orElseThrow();
        return "<h1>Join " + HtmlUtils.htmlEscape(inv.teamName()) + "</h1><p>Invited as " + HtmlUtils.htmlEscape(code) + "</p>";
    }
}
