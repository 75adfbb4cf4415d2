package com.acme.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.*;


public class DownloadServlet extends HttpServlet {
    private static final String UPLOAD_DIR = "/srv/uploads";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        File file = new File(UPLOAD_DIR, name);
        response.setContentType("application/octet-stream");
        Files.copy(file.toPath(), response.getOutputStream());
    }
}
