package com.acme.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.*;
import org.apache.commons.io.FilenameUtils;

public class AvatarServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = FilenameUtils.getName(req.getParameter("img"));
        File avatar = new File("/srv/avatars", name);
        Files.copy(avatar.toPath(), resp.getOutputStream());
    }
}
