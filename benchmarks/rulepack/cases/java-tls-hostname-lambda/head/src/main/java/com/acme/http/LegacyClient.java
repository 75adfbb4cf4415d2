package com.acme.http;

import javax.net.ssl.HttpsURLConnection;


public class LegacyClient {
    static {
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }

    public String ping() {
        return "ok";
    }
}
