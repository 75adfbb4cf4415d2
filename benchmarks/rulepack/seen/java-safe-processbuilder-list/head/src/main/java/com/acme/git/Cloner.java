package com.acme.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;

public class Cloner {
    public Process cloneRepo(HttpServletRequest request, Path workdir) throws Exception {
        String repoUrl = request.getParameter("repo");
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("clone");
        command.add("--depth=1");
        command.add("--");
        command.add(repoUrl);
        command.add(workdir.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
