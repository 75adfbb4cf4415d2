package com.acme.web;

public class ReportDownload extends jakarta.servlet.http.HttpServlet {
    @Override
    protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                         jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        String name = request.getParameter("report");
        java.io.File file = new java.io.File("/srv/reports", name);
        java.nio.file.Files.copy(file.toPath(), response.getOutputStream());
    }
}
