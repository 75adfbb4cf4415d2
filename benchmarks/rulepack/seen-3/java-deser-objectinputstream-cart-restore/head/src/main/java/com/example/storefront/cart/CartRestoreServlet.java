package com.example.storefront.cart;

import java.io.IOException;
import java.io.ObjectInputStream;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The offline POS app posts the serialized cart it kept while the network was
 * down; we restore it into the web session.
 */
@WebServlet("/cart/restore")
public class CartRestoreServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"application/x-java-serialized-object".equals(req.getContentType())) {
            resp.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        CartSnapshot snapshot;
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            snapshot = (CartSnapshot) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unrecognised cart");
            return;
        }
        HttpSession session = req.getSession(true);
        session.setAttribute("cart", snapshot.toCart());
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
