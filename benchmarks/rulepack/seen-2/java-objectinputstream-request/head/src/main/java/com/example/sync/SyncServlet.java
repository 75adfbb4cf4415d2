package com.example.sync;

import java.io.IOException;
import java.io.ObjectInputStream;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/sync/push")
public class SyncServlet extends HttpServlet {
    private final SyncQueue queue = SyncQueue.shared();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            Object payload = in.readObject();
            if (!(payload instanceof SyncBatch batch)) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unexpected payload");
                return;
            }
            queue.enqueue(batch);
            resp.setStatus(HttpServletResponse.SC_ACCEPTED);
        } catch (ClassNotFoundException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown class");
        }
    }
}
