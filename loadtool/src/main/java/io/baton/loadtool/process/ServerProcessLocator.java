package io.baton.loadtool.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the pid listening on a local TCP port through {@code ss -ltnp}. */
public final class ServerProcessLocator {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private ServerProcessLocator() {
    }

    public static OptionalLong pidListeningOn(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream in = ss.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!ss.waitFor(5, TimeUnit.SECONDS)) {
                ss.destroy();
                return OptionalLong.empty();
            }
            return parseSsOutput(output);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** First {@code pid=N} in {@code ss -ltnp} output. */
    static OptionalLong parseSsOutput(String output) {
        Matcher m = PID.matcher(output);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
