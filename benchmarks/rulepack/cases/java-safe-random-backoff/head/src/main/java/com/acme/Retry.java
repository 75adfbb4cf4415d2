package com.acme;

import java.util.Random;

public class Retry {
    private final Random jitter = new Random();

    public long backoffMillis(int attempt) {
        return (1L << attempt) * 100 + jitter.nextInt(100);
    }
}
