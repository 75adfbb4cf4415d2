package com.acme;

public class Sessions {
    public String newSessionId() {
        return Long.toHexString(Double.doubleToLongBits(Math.random()));
    }
}
