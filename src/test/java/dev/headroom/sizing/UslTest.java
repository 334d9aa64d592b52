package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The model against its own identities; the fit against published data is in UslFitTest. */
class UslTest {
    private static final Usl BOOK =
            Usl.contention(Cisco.BOOK_SIGMA).coherency(Cisco.BOOK_KAPPA).throughputPerUnit(Cisco.BOOK_LAMBDA);
    private static final Usl AMDAHL = Usl.contention(0.05).coherency(0).throughputPerUnit(100);
    private static final Usl LINEAR = Usl.contention(0).coherency(0).throughputPerUnit(250);

    @Test
    void eachCoefficientIsNamedWhereItIsGiven() {
        Usl model = Usl.contention(0.1).coherency(0.002).throughputPerUnit(40);
        assertThat(model.sigma()).isEqualTo(0.1);
        assertThat(model.kappa()).isEqualTo(0.002);
        assertThat(model.lambda()).isEqualTo(40);
        assertThat(model).isEqualTo(Usl.contention(0.1).coherency(0.002).throughputPerUnit(40));
    }

    @Test
    void throughputToConcurrencyRoundTripsOnTheRisingBranch() {
        for (Usl model : new Usl[] {BOOK, AMDAHL, LINEAR}) {
            double top = Math.min(model.peakConcurrency(), 1000);
            for (double n = 0.25; n <= top; n += 0.25) {
                double back = model.concurrencyAtThroughput(model.throughputAtConcurrency(n));
                assertThat(back).as("%s at N = %s", model, n).isCloseTo(n, within(1e-9 * n));
            }
        }
        assertThat(BOOK.concurrencyAtThroughput(BOOK.maxThroughput()))
                .isCloseTo(BOOK.peakConcurrency(), within(1e-6 * BOOK.peakConcurrency()));
    }

    /** usl4j's N(X) = X·R(X) with R(X) = (σ − 1)/(σX − λ), its Equation 8, has no κ in it. */
    @Test
    void theInverseKeepsTheKappaTermThatUsl4jDrops() {
        double x = BOOK.throughputAtConcurrency(20);
        double usl4j = x * (BOOK.sigma() - 1) / (BOOK.sigma() * x - BOOK.lambda());
        assertThat(Math.abs(usl4j - 20) / 20).isGreaterThan(0.1);
        assertThat(BOOK.concurrencyAtThroughput(x)).isCloseTo(20, within(1e-9 * 20));
    }

    @Test
    void latencyIsTheResponseTimeLawWithoutThinkTime() {
        for (Usl model : new Usl[] {BOOK, AMDAHL, LINEAR}) {
            for (double n : new double[] {0.5, 1, 7, 35.5, 100, 1e4}) {
                double r = n / model.throughputAtConcurrency(n);
                assertThat(model.latencyAtConcurrency(n)).isCloseTo(r, within(1e-12 * r));
            }
        }
    }

    @Test
    void latencyToConcurrencyRoundTripsFromOneUp() {
        for (Usl model : new Usl[] {BOOK, AMDAHL}) {
            for (double n = 1; n <= 2000; n *= 1.1) {
                double back = model.concurrencyAtLatency(model.latencyAtConcurrency(n));
                assertThat(back).as("%s at N = %s", model, n).isCloseTo(n, within(1e-9 * n));
            }
        }
    }

    @Test
    void thePeakIsWhereThroughputStopsRising() {
        double peak = BOOK.peakConcurrency();
        assertThat(peak).isCloseTo(Math.sqrt((1 - BOOK.sigma()) / BOOK.kappa()), within(1e-12));
        assertThat(BOOK.maxThroughput()).isEqualTo(BOOK.throughputAtConcurrency(peak));
        for (double step : new double[] {1e-3, 0.1, 1, 10}) {
            assertThat(BOOK.throughputAtConcurrency(peak - step)).isLessThan(BOOK.maxThroughput());
            assertThat(BOOK.throughputAtConcurrency(peak + step)).isLessThan(BOOK.maxThroughput());
        }
    }

    @Test
    void withoutCoherencyThroughputApproachesAmdahlsCeiling() {
        assertThat(AMDAHL.peakConcurrency()).isInfinite();
        assertThat(AMDAHL.maxThroughput()).isCloseTo(100 / 0.05, within(1e-9));
        assertThat(AMDAHL.throughputAtConcurrency(1e9))
                .isCloseTo(2000, within(1e-3))
                .isLessThan(2000);
        assertThatThrownBy(() -> AMDAHL.concurrencyAtThroughput(2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only approaches 2000");
    }

    @Test
    void withoutContentionOrCoherencyThroughputIsLinear() {
        for (double n : new double[] {0, 1, 3.5, 1e6}) {
            assertThat(LINEAR.throughputAtConcurrency(n)).isCloseTo(250 * n, within(1e-9 * (1 + n)));
        }
        assertThat(LINEAR.peakConcurrency()).isInfinite();
        assertThat(LINEAR.maxThroughput()).isInfinite();
        assertThat(LINEAR.concurrencyAtThroughput(1e9)).isCloseTo(4e6, within(1e-3));
        assertThatThrownBy(() -> LINEAR.concurrencyAtLatency(0.004))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at every concurrency");
    }

    @Test
    void throughputAboveTheMaximumIsRejected() {
        assertThatThrownBy(() -> BOOK.concurrencyAtThroughput(BOOK.maxThroughput() * 1.001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its maximum is");
        assertThatThrownBy(() -> BOOK.concurrencyAtThroughput(-1)).hasMessageContaining("throughput must be");
        assertThatThrownBy(() -> BOOK.concurrencyAtLatency(0.5 / BOOK.lambda()))
                .hasMessageContaining("below the model's lowest latency");
        assertThatThrownBy(() -> BOOK.throughputAtConcurrency(Double.NaN)).hasMessageContaining("concurrency must be");
        assertThatThrownBy(() -> BOOK.latencyAtConcurrency(0)).hasMessageContaining("concurrency must be");
    }

    @Test
    void coefficientsOutsideTheirRangeAreRejectedByName() {
        assertThatThrownBy(() -> Usl.contention(-0.01).coherency(0).throughputPerUnit(1))
                .hasMessageContaining("sigma");
        assertThatThrownBy(() -> Usl.contention(1).coherency(0).throughputPerUnit(1))
                .hasMessageContaining("sigma (contention) must be within [0, 1)");
        assertThatThrownBy(() -> Usl.contention(0).coherency(-1e-9).throughputPerUnit(1))
                .hasMessageContaining("kappa");
        assertThatThrownBy(() ->
                        Usl.contention(0).coherency(Double.POSITIVE_INFINITY).throughputPerUnit(1))
                .hasMessageContaining("kappa");
        assertThatThrownBy(() -> Usl.contention(0).coherency(0).throughputPerUnit(0))
                .hasMessageContaining("lambda");
        assertThatThrownBy(() -> Usl.contention(Double.NaN).coherency(0).throughputPerUnit(1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
