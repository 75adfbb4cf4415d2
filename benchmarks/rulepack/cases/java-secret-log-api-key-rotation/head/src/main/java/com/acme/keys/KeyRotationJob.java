package com.acme.keys;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class KeyRotationJob {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeyRotationJob.class);

    private final PartnerRepository partners;
    private final PartnerNotifier notifier;

    public KeyRotationJob(PartnerRepository partners, PartnerNotifier notifier) {
        this.partners = partners;
        this.notifier = notifier;
    }

    @Scheduled(cron = "0 0 3 * * *")
    public void rotateExpiredKeys() {
        List<Partner> due = partners.findKeysExpiringBefore(java.time.Instant.now());
        for (Partner partner : due) {
            String newApiKey = UUID.randomUUID().toString().replace("-", "");
            partners.updateKey(partner.id(), newApiKey);
            LOGGER.info("partner {} rotated to key {}", partner.name(), newApiKey);
            notifier.sendNewKey(partner, newApiKey);
        }
    }
}
