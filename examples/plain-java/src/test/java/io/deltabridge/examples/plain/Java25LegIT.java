package io.deltabridge.examples.plain;

import io.deltabridge.testkit.Java25Leg;
import org.junit.jupiter.api.Test;

/** Fails the build when this module's integration tests stop running on Java 25 (see {@link Java25Leg}). */
class Java25LegIT {

    @Test
    void everyIntegrationTestAlsoRanOnJava25() {
        Java25Leg.assertEveryIntegrationTestRan(Java25LegIT.class);
    }
}
