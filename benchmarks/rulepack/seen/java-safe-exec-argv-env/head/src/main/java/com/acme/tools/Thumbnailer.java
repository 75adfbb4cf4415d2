package com.acme.tools;

import jakarta.servlet.http.HttpServletRequest;

public class Thumbnailer {
    public Process thumbnail(HttpServletRequest request) throws Exception {
        int size = Integer.parseInt(request.getParameter("size"));
        String[] argv = {"/usr/bin/convert", "/srv/in.png", "-resize", size + "x" + size, "/srv/out.png"};
        String[] env = {"PATH=/usr/bin", "MAGICK_TMPDIR=/tmp"};
        return Runtime.getRuntime().exec(argv, env);
    }
}
