package com.example.kiosk;

import java.io.IOException;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Kiosk operators are listed in operators.xml, loaded at start-up. */
@WebServlet("/operator/login")
public class OperatorLoginServlet extends HttpServlet {

    private Document operators;

    @Override
    public void init() throws ServletException {
        operators = OperatorsFile.load(getServletContext());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String badge = req.getParameter("badge");
        String pin = req.getParameter("pin");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            String query = "/operators/operator[@badge='" + badge + "' and pin='" + OperatorsFile.hashPin(pin) + "']";
            Element operator = (Element) xpath.evaluate(query, operators, XPathConstants.NODE);
            if (operator == null) {
                resp.sendError(HttpServletResponse.SC_UNAUTHORIZED, "unknown badge or PIN");
                return;
            }
            req.getSession(true).setAttribute("operator", operator.getAttribute("badge"));
            resp.sendRedirect(req.getContextPath() + "/operator/");
        } catch (XPathExpressionException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
