package com.acme.tenants;

import java.util.Locale;
import java.util.regex.Pattern;

public final class TenantSlug {

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");

    private final String value;

    private TenantSlug(String value) {
        this.value = value;
    }

    public static TenantSlug parse(String raw) {
        if (raw == null || raw.length() > 63) {
            throw new IllegalArgumentException("tenant slug too long");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!LABEL.matcher(lower).matches()) {
            throw new IllegalArgumentException("invalid tenant slug");
        }
        return new TenantSlug(lower);
    }

    public String host(String baseDomain) {
        return value + "." + baseDomain;
    }

    @Override
    public String toString() {
        return value;
    }
}
