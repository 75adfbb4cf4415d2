package com.acme.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.*;


public class DownloadServlet extends HttpServlet {
    private static final Path UPLOAD_DIR = Paths.get("/srv/uploads").toAbsolutePath().normalize();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        Path file = UPLOAD_DIR.resolve(name).normalize();
        if (!file.startsWith(UPLOAD_DIR)) {
            response.sendError(400);
            return;
        }
        Files.copy(Paths.get(file.toString()), response.getOutputStream());
    }
}
