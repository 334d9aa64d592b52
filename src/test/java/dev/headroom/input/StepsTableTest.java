package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.metrics.EndpointStats;
import dev.headroom.metrics.ServerFigures;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.Validity;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.StepColumns;
import dev.headroom.scenario.LoadModel;
import dev.headroom.sizing.MeasuredStep;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StepsTableTest {
    private static final String HEADER = "step,concurrency,throughput_rps,latency_p95_ms,valid";

    @TempDir
    Path dir;

    @Test
    void aColumnNamedTwiceIsRefusedOnLineOne() throws Exception {
        Path csv = write("step,concurrency,throughput_rps,latency_p95_ms,latency_p95_ms", "1,1,10,5,6", "2,2,19,5,7");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv + ":1: latency_p95_ms: ")
                .hasMessageContaining("columns 4 and 5");
    }

    @Test
    void anUnquotedDecimalCommaMakesTheRowLongerAndIsRefusedNotShifted() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2,2,19,0,5,true", "3,3,27,5");
        InputException e = catchThrowableOfType(() -> StepsTable.read(csv), InputException.class);
        assertThat(e.problems())
                .containsExactly(
                        csv + ":3: row: row has 6 fields, the header has 5; a decimal comma? write 0.5, not 0,5"
                                + " (or quote the cell)",
                        csv + ":4: row: row has 4 fields, the header has 5; every column needs its cell, empty for"
                                + " \"not measured\"");
    }

    @Test
    void aRepeatedStepNumberNamesBothLines() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "", "2,2,19,5,true", "1,4,30,6,true");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv + ":5: step: step 1 again, already on line 2"); // line 3 is blank
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1.4p6", "100d", "1f", "NaN", "Infinity", "+5", "1 000", ".5", "5.", "1e", "0,5"})
    void numberFormsJavaWouldTakeButADecimalTableDoesNotAreRefused(String cell) throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2,2,\"" + cell + "\",5,true");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv + ":3: throughput_rps: '" + cell + "' is not a plain decimal number");
    }

    @Test
    void plainDecimalsWithAnExponentAreRead() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2,2,1.5e3,2.5E-1,true", "3,3,-0,007,true");
        List<MeasuredStep> steps = StepsTable.read(csv);
        assertThat(steps.get(1).throughputRps()).isEqualTo(1500.0);
        assertThat(steps.get(1).latencyP95Seconds()).isEqualTo(0.25 / 1000);
        assertThat(Double.doubleToRawLongBits(steps.get(2).throughputRps())).isZero(); // -0 is read as 0, not -0
        assertThat(steps.get(2).latencyP95Seconds()).isEqualTo(7.0 / 1000);
    }

    @Test
    void aNegativeIsRefusedByTheRangeWhichSaysWhatIsAccepted() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2,2,-19,5,true");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .hasMessageContaining(csv + ":3: throughput_rps: -19 is outside the accepted range; accepted: 0 to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "0", "-1", "100001", "1e9"})
    void aStepNumberMustBeAWholeNumberFromOneToAHundredThousand(String cell) throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", cell + ",2,19,5,true");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv + ":3: step: " + cell + " is")
                .hasMessageContaining("a whole number from 1 to 100 000");
    }

    @Test
    void aWholeStepNumberWrittenAsADecimalIsAccepted() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2.0,2,19,5,true", "100000,3,27,5,true");
        assertThat(StepsTable.read(csv)).extracting(MeasuredStep::step).containsExactly(1, 2, 100_000);
    }

    @Test
    void aByteOrderMarkBeforeTheFirstColumnIsDropped() throws Exception {
        Path csv = dir.resolve("bom.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(String.join("\n", HEADER, "5,1,10,5,true", "9,2,19,5,true").getBytes(StandardCharsets.UTF_8));
        Files.write(csv, bytes.toByteArray());
        // the step numbers come from the first column, not from the row order
        assertThat(StepsTable.read(csv)).extracting(MeasuredStep::step).containsExactly(5, 9);
    }

    @Test
    void aByteThatIsNotUtf8IsRefusedWithItsLine() throws Exception {
        Path csv = dir.resolve("latin1.csv");
        String header = "step,concurrency,throughput_rps,valid,invalid_reason";
        Files.write(
                csv,
                String.join("\n", header, "1,1,10,true,", "2,2,19,false,caf\u00e9", "3,3,27,false,5 \u00b5s", "")
                        .getBytes(StandardCharsets.ISO_8859_1));
        InputException e = catchThrowableOfType(() -> StepsTable.read(csv), InputException.class);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith(csv + ":3: encoding: byte 0xE9 (byte 17 of the line) is not UTF-8");
        assertThat(e.problems().get(1)).startsWith(csv + ":4: encoding: byte 0xB5 (byte 16 of the line) is not UTF-8");
    }

    @Test
    void theSameCharactersInUtf8AreRead() throws Exception {
        Path csv = write(
                "step,concurrency,throughput_rps,valid,invalid_reason",
                "1,1,10,false,caf\u00e9",
                "2,2,19,false,5 \u00b5s");
        assertThat(StepsTable.read(csv))
                .extracting(MeasuredStep::invalidReason)
                .containsExactly("caf\u00e9", "5 \u00b5s");
    }

    @ParameterizedTest
    @EnumSource(StepsColumn.class)
    void everyCheckedFigureHasARangeAndBeyondItIsRefusedWithTheRangeNamed(StepsColumn c) throws Exception {
        // the load axis and the throughput around the column under test, then the column itself
        String base =
                switch (c) {
                    case STEP -> "concurrency,throughput_rps";
                    case CONCURRENCY -> "offered_rps,throughput_rps";
                    case THROUGHPUT_RPS -> "concurrency";
                    default -> "concurrency,throughput_rps";
                };
        String first = base.contains(",") ? "1,10,1" : "1,1";
        String second = base.contains(",") ? "2,19," : "2,";
        Path accepted = write(base + "," + c.column, first, second + plain(c.max));
        assertThat(StepsTable.read(accepted)).hasSize(2);

        for (String beyond : List.of(plain(c.max + 1), "1e300", "1e308", "1e400")) {
            Path refused = write(base + "," + c.column, first, second + beyond);
            assertThatThrownBy(() -> StepsTable.read(refused))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining(
                            refused + ":3: " + c.column + ": " + beyond + " is outside the accepted range")
                    .hasMessageContaining("accepted: " + c.accepted());
        }
    }

    @Test
    void theRangesAreTheOnesTheDocsDocument() throws Exception {
        // the steps.csv reference moved out of the README into docs/results-format.md
        String doc = Files.readString(Path.of("docs", "results-format.md"));
        int heading = doc.indexOf("\n### Accepted ranges\n");
        assertThat(heading)
                .as("the Accepted ranges heading in docs/results-format.md")
                .isNotNegative();
        String section = doc.substring(heading + 1);
        List<String> rows = section.lines()
                .skip(1)
                .dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|"))
                .skip(2)
                .toList();
        List<String> expected = Arrays.stream(StepsColumn.values())
                .map(c -> "| `" + c.column + "` | " + c.accepted() + " |")
                .toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void theRangesAreTheSpecifiedOnes() throws Exception {
        // the bounds issue 10 asked for, written out rather than read back from the code
        Map<String, String> spec = Map.of(
                "throughput_rps", "0 to 10 000 000 req/s",
                "concurrency", "0 to 10 000 000 requests",
                "latency_p99_ms", "0 to 86 400 000 ms",
                "app_cpu_cores", "0 to 1 024 cores",
                "pool_pending_avg", "0 to 100 000 threads",
                "conn_usage_ms_avg", "0 to 3 600 000 ms",
                "app_memory_mib_max", "0 to 4 194 304 MiB",
                "error_ratio", "0 to 1");
        Map<String, String> actual =
                Arrays.stream(StepsColumn.values()).collect(Collectors.toMap(c -> c.column, StepsColumn::accepted));
        assertThat(actual).containsAllEntriesOf(spec);
    }

    @Test
    void theDiagnosisColumnsAreCheckedAndCarried() throws Exception {
        String extras = "pool_max,tomcat_busy_threads_avg,gc_pause_ms_per_s,host_cpu_idle_cores";
        Path with = write(HEADER + "," + extras, "1,1,10,5,true,10,3.5,12,1.5", "2,2,19,5,true,10,7,,0.5");
        MeasuredStep first = StepsTable.read(with).get(0);
        assertThat(first.poolMax()).isEqualTo(10);
        assertThat(first.requestThreadsBusyAvg()).isEqualTo(3.5);
        assertThat(first.gcPauseSecondsPerSecond()).as("12 ms/s = 0.012 s/s").isEqualTo(0.012);
        assertThat(first.hostIdleCores()).isEqualTo(1.5);
        assertThat(StepsTable.read(with).get(1).gcPauseSecondsPerSecond()).isNaN();

        Path bad = write(HEADER + "," + extras, "1,1,10,5,true,10,3.5,1001,1.5", "2,2,19,5,true,abc,7,,2000");
        InputException e = catchThrowableOfType(() -> StepsTable.read(bad), InputException.class);
        assertThat(e.problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith(bad + ":2: gc_pause_ms_per_s: 1001 is outside"))
                .anySatisfy(p -> assertThat(p).startsWith(bad + ":3: pool_max: 'abc' is not a plain decimal"))
                .anySatisfy(p -> assertThat(p).startsWith(bad + ":3: host_cpu_idle_cores: 2000 is outside"));
    }

    @Test
    void everyProblemOfEveryRowIsReportedAtOnce() throws Exception {
        Path csv = write(HEADER, "1,1,10,5,true", "2,2,NaN,-5,true", "3,3,27,5,maybe");
        InputException e = catchThrowableOfType(() -> StepsTable.read(csv), InputException.class);
        assertThat(e.problems())
                .satisfiesExactly(
                        p -> assertThat(p).startsWith(csv + ":3: throughput_rps: 'NaN' is not a plain decimal"),
                        p -> assertThat(p).startsWith(csv + ":3: latency_p95_ms: -5 is outside the accepted range"),
                        p -> assertThat(p).startsWith(csv + ":4: valid: 'maybe' is not true or false"));
    }

    @Test
    void everyColumnTheReaderChecksIsOneTheWriterWrites() {
        assertThat(StepColumns.names())
                .containsAll(
                        Arrays.stream(StepsColumn.values()).map(c -> c.column).toList())
                .contains("valid", "invalid_reason");
    }

    /** Steps written by the run directory's own writer come back with every figure the sizer reads. */
    @Test
    void stepsWrittenByARunAreReadBackFigureForFigure() throws Exception {
        RunDirectory run = RunDirectory.create(dir, "run-1");
        StepResult open = step(
                1,
                LoadModel.OPEN,
                120,
                3.25,
                stats(118.5, 0.0125, 20.5, 41.75, 63.5, 18.25),
                server(1),
                Validity.VALID);
        StepResult closed = step(
                2,
                LoadModel.CLOSED,
                16,
                16,
                stats(240.25, 0.5, 30.5, 52.25, 97.5, 25.5),
                server(2),
                Validity.invalid("injector sent 90.5 of 100, \"short\""));
        run.append(open);
        run.append(closed);

        List<MeasuredStep> read = StepsTable.read(run.path().resolve(RunDirectory.STEPS_CSV));

        assertThat(read).hasSize(2);
        for (int i = 0; i < 2; i++) {
            StepResult w = List.of(open, closed).get(i);
            MeasuredStep r = read.get(i);
            assertThat(r.step()).isEqualTo(w.step());
            assertThat(r.concurrency()).isEqualTo(w.concurrency());
            // Double.compare holds NaN (the closed model's offered rate) equal to NaN, as == does not
            assertThat(Double.compare(r.offeredRps(), w.offeredRps())).isZero();
            assertThat(r.throughputRps()).isEqualTo(w.client().throughputRps());
            assertThat(r.latencyMeanSeconds()).isEqualTo(w.client().latencyMeanMs() / 1000);
            assertThat(r.latencyP95Seconds()).isEqualTo(w.client().latencyP95Ms() / 1000);
            assertThat(r.latencyP99Seconds()).isEqualTo(w.client().latencyP99Ms() / 1000);
            assertThat(r.errorRatio()).isEqualTo(w.client().errorRatio());
            assertThat(r.appCpuCores()).isEqualTo(w.server().appCpuCores());
            assertThat(r.dbCpuCores()).isEqualTo(w.server().dbCpuCores());
            assertThat(r.poolActiveAvg()).isEqualTo(w.server().poolActiveAvg());
            assertThat(r.poolPendingAvg()).isEqualTo(w.server().poolPendingAvg());
            assertThat(r.connAcquireSeconds()).isEqualTo(w.server().connAcquireMsAvg() / 1000);
            assertThat(r.connHoldSeconds()).isEqualTo(w.server().connUsageMsAvg() / 1000);
            assertThat(r.appMemoryMib()).isEqualTo(w.server().appMemoryMibMax());
            // the bottleneck diagnosis's columns
            assertThat(r.poolMax()).isEqualTo(w.server().poolMax());
            assertThat(r.requestThreadsBusyAvg()).isEqualTo(w.server().tomcatBusyThreadsAvg());
            assertThat(r.gcPauseSecondsPerSecond()).isEqualTo(w.server().gcPauseMsPerS() / 1000);
            assertThat(r.hostIdleCores()).isEqualTo(w.server().hostIdleCores());
            // the read-replica decision's columns
            assertThat(r.dbReadSecondsPerSecond()).isEqualTo(w.server().dbReadMsPerS() / 1000);
            assertThat(r.dbWriteSecondsPerSecond()).isEqualTo(w.server().dbWriteMsPerS() / 1000);
            assertThat(r.valid()).isEqualTo(w.validity().valid());
            assertThat(r.invalidReason()).isEqualTo(w.validity().reason());
        }
        assertThat(read.get(1).offeredRps()).isNaN();
    }

    private static StepResult step(
            int n,
            LoadModel model,
            double offered,
            double concurrency,
            EndpointStats client,
            ServerFigures server,
            Validity validity) {
        return new StepResult(
                n,
                model,
                offered,
                concurrency,
                Instant.parse("2026-11-22T00:00:00Z"),
                Instant.parse("2026-11-22T00:00:30Z"),
                client,
                Map.of("menu", client),
                server,
                true,
                validity);
    }

    /** Client figures, every one different, so that a figure read into another's place shows. */
    private static EndpointStats stats(
            double throughputRps, double errorRatio, double meanMs, double p95Ms, double p99Ms, double inFlight) {
        Map<String, Long> errors =
                Map.of("http_4xx", 0L, "http_5xx", 3L, "timeout", 1L, "connection", 0L, "bad_response", 0L);
        return new EndpointStats(
                "all",
                3600,
                3596,
                errors,
                throughputRps + 1.5,
                throughputRps,
                errorRatio,
                meanMs,
                meanMs - 2.5,
                p95Ms - 1.25,
                p95Ms,
                p99Ms,
                p99Ms + 40,
                inFlight);
    }

    /** Server figures, every one different and scaled by {@code k}. */
    private static ServerFigures server(int k) {
        return ServerFigures.builder()
                .appCpuCores(0.4375 * k)
                .appCpuSource("actuator")
                .appCpuProcCores(0.4125 * k)
                .dbCpuCores(0.1875 * k)
                .poolActiveAvg(3.25 * k)
                .poolIdleAvg(6.75)
                .poolPendingAvg(0.0625 * k)
                .poolMax(10)
                .connAcquireMsAvg(0.875 * k)
                .connUsageMsAvg(4.625 * k)
                .poolTimeouts(0)
                .tomcatBusyThreadsAvg(11.5)
                .gcPauseMsPerS(2.25)
                .heapUsedMbAvg(180.5)
                .appMemoryMibMax(412.75 * k)
                .serverLatencyMsAvg(15.5)
                .serverRps(117.25)
                .injectorCpuCores(0.3125)
                .hostBusyCores(1.5)
                .hostIdleCores(2.5)
                .dbReadMsPerS(312.5 * k)
                .dbWriteMsPerS(47.25 * k)
                .samples(10)
                .scrapesFailed(0)
                .metricsSource("direct")
                .notes(List.of())
                .crossCheck(Optional.empty())
                .build();
    }

    private Path write(String... lines) throws Exception {
        Path csv = Files.createTempFile(dir, "steps", ".csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return csv;
    }

    /** A bound as digits, no exponent and no grouping. */
    private static String plain(double v) {
        return new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
    }

    // --- the phase column: a staircase step or a search trial ---------------------------------------

    @Test
    void withoutAPhaseColumnOrWithABlankCellEveryRowIsAStaircaseStep() throws Exception {
        Path none = write(HEADER, "1,1,10,5,true", "2,2,19,5,true");
        assertThat(StepsTable.read(none)).allSatisfy(s -> {
            assertThat(s.role()).isEqualTo(dev.headroom.sizing.StepRole.STAIRCASE);
            assertThat(s.phase()).isEqualTo("step");
        });
        Path blank = write(HEADER + ",phase", "1,1,10,5,true,", "2,2,19,5,true,step");
        assertThat(StepsTable.read(blank))
                .extracting(MeasuredStep::role)
                .containsOnly(dev.headroom.sizing.StepRole.STAIRCASE);
    }

    @Test
    void anUnknownPhaseIsRefusedWithItsLineAndTheAcceptedNames() throws Exception {
        Path csv = write(HEADER + ",phase", "1,1,10,5,true,probe", "2,2,19,5,true,warmup");
        InputException e = catchThrowableOfType(() -> StepsTable.read(csv), InputException.class);
        assertThat(e.problems())
                .containsExactly(csv + ":3: phase: 'warmup' is not a phase; accepted: step, probe, bisect, confirm,"
                        + " repeat, retest, or an empty cell (a staircase step)");
    }

    @Test
    void probesAreShortConfirmationsFullAndABisectionByItsLength() throws Exception {
        String h = "step,offered_rps,throughput_rps,valid,phase,steady_start,steady_end";
        Path csv = write(
                h,
                "1,200,200,true,probe,2026-12-03T19:00:00Z,2026-12-03T19:00:10Z",
                "2,300,299,true,bisect,2026-12-03T19:00:12Z,2026-12-03T19:00:22Z", // 10 s
                "3,300,298,true,confirm,2026-12-03T19:00:24Z,2026-12-03T19:00:54Z", // 30 s
                "4,250,250,true,bisect,2026-12-03T19:00:56Z,2026-12-03T19:01:24Z", // 28 s >= 0.9 x 30 = 27
                "5,250,249,true,repeat,2026-12-03T19:01:26Z,2026-12-03T19:01:56Z",
                "6,260,259,true,bisect,,"); // no window: short, which can only withhold a pass
        assertThat(StepsTable.read(csv))
                .extracting(MeasuredStep::role)
                .containsExactly(
                        dev.headroom.sizing.StepRole.SHORT_TRIAL,
                        dev.headroom.sizing.StepRole.SHORT_TRIAL,
                        dev.headroom.sizing.StepRole.FULL_TRIAL,
                        dev.headroom.sizing.StepRole.FULL_TRIAL,
                        dev.headroom.sizing.StepRole.FULL_TRIAL,
                        dev.headroom.sizing.StepRole.SHORT_TRIAL);
        assertThat(StepsTable.read(csv))
                .extracting(MeasuredStep::phase)
                .containsExactly("probe", "bisect", "confirm", "bisect", "repeat", "bisect");
    }

    @Test
    void aBisectionWhoseWindowIsNotAPairOfInstantsIsRefused() throws Exception {
        String h = "step,offered_rps,throughput_rps,valid,phase,steady_start,steady_end";
        Path csv = write(h, "1,200,200,true,probe,,", "2,300,299,true,bisect,19:00:12,2026-12-03T19:00:22Z");
        assertThatThrownBy(() -> StepsTable.read(csv))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(csv + ":3: steady_start: '19:00:12' to '2026-12-03T19:00:22Z' is not a pair of"
                        + " ISO-8601 instants");
    }
}
