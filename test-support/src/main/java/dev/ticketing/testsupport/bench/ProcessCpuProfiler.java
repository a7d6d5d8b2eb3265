package dev.ticketing.testsupport.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The benchmark JVM's CPU time per operation ({@code ·cpu/op}, microseconds), for every thread of the process (JIT,
 * GC and pool threads too). On this project's 2-core boxes throughput moves with whatever else runs, while the CPU an
 * operation costs moves far less, so two versions of a path are compared by this figure. Run with
 * {@code -prof dev.ticketing.testsupport.bench.ProcessCpuProfiler}.
 */
public class ProcessCpuProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "Process CPU time per operation (all threads of the benchmark JVM)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - cpuAtStart;
        long operations = result.getMetadata().getMeasuredOps();
        double microsPerOp = operations == 0 ? Double.NaN : cpuNanos / 1_000.0 / operations;
        return List.of(new ScalarResult("·cpu/op", microsPerOp, "µs/op", AggregationPolicy.AVG));
    }
}
