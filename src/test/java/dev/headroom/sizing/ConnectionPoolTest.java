package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    /** M/M/1: the chance of waiting is the utilization, C(1, ρ) = ρ. */
    @Test
    void oneServerWaitsWithTheUtilization() {
        for (double rho : new double[] {0.1, 0.5, 0.9})
            assertThat(ConnectionPool.erlangC(1, rho)).isCloseTo(rho, within(1e-12));
    }

    /** M/M/2: C(2, A) = A² / (2 + A), from the closed form of the Erlang C sum. */
    @Test
    void twoServersMatchTheClosedForm() {
        for (double a : new double[] {0.2, 1.0, 1.7})
            assertThat(ConnectionPool.erlangC(2, a)).isCloseTo(a * a / (2 + a), within(1e-12));
    }

    /** The recursion agrees with the textbook sum (Kleinrock, eq. 3.40) where the sum does not overflow. */
    @Test
    void theRecursionAgreesWithTheDirectSum() {
        for (int c = 1; c <= 30; c++) {
            for (double a = 0.5; a < c; a += 0.75) {
                assertThat(ConnectionPool.erlangC(c, a)).isCloseTo(direct(c, a), within(1e-9));
            }
        }
    }

    @Test
    void poolForIsTheSmallestThatKeepsWaitingRare() {
        int c = ConnectionPool.poolFor(3.0, 0.05);
        assertThat(ConnectionPool.erlangC(c, 3.0)).isLessThanOrEqualTo(0.05);
        assertThat(ConnectionPool.erlangC(c - 1, 3.0)).isGreaterThan(0.05);
    }

    @Test
    void littlesLawAndTheBudget() {
        assertThat(ConnectionPool.connectionsInUse(800, 0.002)).isCloseTo(1.6, within(1e-12));
        // The EKS team's plan (capacity-facts.md): 15 pods x pool 10, plus the default 25 % surge.
        assertThat(ConnectionPool.connectionsNeeded(15, Rollout.surgeReplicas(Platform.EKS, 15), 10, 0))
                .isEqualTo(190);
    }

    @Test
    void theHikariRuleCountsTheDatabasesPhysicalCoresFleetWide() {
        // (cores x 2) + 0 spindles, per database: a db.m6i.large has 2 vCPUs on 1 Intel core (two
        // threads per core), so 2 useful active connections; a db.m7g.2xlarge has 8 Graviton cores, 16.
        InstanceCatalog catalog = InstanceFixtures.catalog();
        assertThat(ConnectionPool.usefulActiveConnectionsPerDatabase(
                        DbClass.of(catalog.byName("m6i.large")).physicalCores()))
                .isEqualTo(2);
        assertThat(ConnectionPool.usefulActiveConnectionsPerDatabase(
                        DbClass.of(catalog.byName("m7g.2xlarge")).physicalCores()))
                .isEqualTo(16);
        // Fleet-wide: 400 req/s x 5 ms = 2 connections busy, whether 2 replicas or 20 share the load.
        assertThat(ConnectionPool.activeConnectionsFleetWide(400, 0.005)).isCloseTo(2.0, within(1e-12));
    }

    private static double direct(int c, double a) {
        double sum = 0, term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) term *= a / k;
            sum += term;
        }
        double top = term * a / c * (c / (c - a)); // a^c / c! * c / (c - a)
        return top / (sum + top);
    }
}
