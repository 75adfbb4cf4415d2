package com.acme.shop;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import javax.servlet.http.Cookie;


public class CartService {
    public Cart fromCookie(Cookie cookie) throws Exception {
        byte[] raw = Base64.getDecoder().decode(cookie.getValue());
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(raw))) {
            return (Cart) ois.readObject();
        }
    }
}
