package com.acme.tools;

import jakarta.servlet.http.HttpServletRequest;

public class Thumbnailer {
    public Process thumbnail(HttpServletRequest request) throws Exception {
        String size = request.getParameter("size");
        String cmd = "convert /srv/in.png -resize " + size + " /srv/out.png";
        String[] env = {"PATH=/usr/bin", "MAGICK_TMPDIR=/tmp"};
        return Runtime.getRuntime().exec(cmd, env);
    }
}
