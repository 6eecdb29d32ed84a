package io.baton.loadtool.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSamplerTest {

    @Test
    void parsesRssFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  204800 kB\nThreads:\t42\n";
        assertThat(ProcessSampler.parseRssBytes(status)).contains(204800L * 1024);
    }

    @Test
    void parsesCpuTicksPastACommandNameWithSpaces() {
        String stat = "4242 (uvicorn worker) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 30 0 100";
        assertThat(ProcessSampler.parseCpuTicks(stat)).contains(1750L);
        assertThat(ProcessSampler.parseParentPid(stat)).contains(1L);
    }

    @Test
    void summarisesSamples() {
        var usage = ProcessSampler.summarise(7, List.of(
                new ProcessSample(100L * 1024 * 1024, 50), new ProcessSample(300L * 1024 * 1024, 150))).orElseThrow();
        assertThat(usage.rssMaxMb()).isEqualTo(300.0);
        assertThat(usage.rssAvgMb()).isEqualTo(200.0);
        assertThat(usage.cpuMaxPercent()).isEqualTo(150.0);
        assertThat(usage.cpuAvgPercent()).isEqualTo(100.0);
        assertThat(ProcessSampler.summarise(7, List.of())).isEmpty();
    }

    @Test
    void samplesThisProcess() throws InterruptedException {
        ProcessSampler sampler = new ProcessSampler(ProcessHandle.current().pid(), 50);
        sampler.start();
        Thread.sleep(200);
        var usage = sampler.finish();
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(usage).isPresent();
            assertThat(usage.get().rssMaxMb()).isPositive();
        }
    }

    @Test
    void findsPidInSsOutput() {
        String ss = "LISTEN 0 4096 127.0.0.1:4200 0.0.0.0:* users:((\"java\",pid=31337,fd=12))";
        assertThat(ServerProcessLocator.parseSsOutput(ss)).hasValue(31337);
        assertThat(ServerProcessLocator.parseSsOutput("")).isEmpty();
    }
}
