package com.acme.cart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

public final class CartCodec {

    public record Line(String sku, int qty) {}
    public record Cart(List<Line> lines) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final SecretKeySpec key;

    public CartCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public Optional<Cart> decode(String cookie) {
        try {
            String[] parts = cookie.split("\\.", 2);
            byte[] body = Base64.getUrlDecoder().decode(parts[0]);
            byte[] sig = Base64.getUrlDecoder().decode(parts[1]);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            if (!MessageDigest.isEqual(mac.doFinal(body), sig)) {
                return Optional.empty();
            }
            return Optional.of(mapper.readValue(new String(body, StandardCharsets.UTF_8), Cart.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
