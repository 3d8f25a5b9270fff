package io.deltabridge.core.lineage.openlineage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Run ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so that ids
 * sort by start time, as OpenLineage recommends for run ids.
 */
final class RunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long most = (epochMillis << 16) | 0x7000L | randA;
        long least = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
