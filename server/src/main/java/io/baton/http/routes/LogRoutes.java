package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.http.ws.LogsOutSocket;
import io.baton.http.ws.PrefectSocket;
import io.baton.logs.LogFilter;
import io.baton.logs.LogRecord;
import io.baton.logs.LogStream;
import io.baton.storage.LogStore;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /logs}: batched ingestion, filtered reads, the {@code /logs/out} live stream, and the CSV download
 * of a flow run's logs.
 */
public final class LogRoutes implements RouteModule {

    private static final int DOWNLOAD_PAGE = 1000;
    /** Python's {@code str(datetime)} for aware UTC datetimes (no fraction when it is zero), as Prefect's CSV has. */
    private static final DateTimeFormatter CSV_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CSV_TIME_WHOLE_SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final LogStore logs;
    private final LogStream stream;
    private final PrefectSocket sockets;
    private final int defaultLimit;

    public LogRoutes(LogStore logs, LogStream stream, PrefectSocket sockets, int defaultLimit) {
        this.logs = logs;
        this.stream = stream;
        this.sockets = sockets;
        this.defaultLimit = defaultLimit;
    }

    @Override
    public void register(ApiRouter r) {
        // Prefect strips NUL from log names and messages instead of refusing the batch: a flow's output may hold one.
        r.postStrippingNul("/logs/", call -> {
            Instant now = Times.now();
            List<LogRecord> records = new ArrayList<>();
            for (JsonNode l : call.body()) {
                records.add(new LogRecord(Ids.uuid7(), now, now, stripNul(l.get("name").asText()),
                        l.get("level").asInt(), stripNul(l.get("message").asText()),
                        Times.parse(l.get("timestamp").asText()), uuid(l.get("flow_run_id")),
                        uuid(l.get("task_run_id"))));
            }
            logs.create(records);
            stream.published(records);
            return Reply.created(null);
        });
        r.post("/logs/filter", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, defaultLimit);
            boolean descending = "TIMESTAMP_DESC".equals(Paging.sort(body));
            return logs.filter(LogFilter.parse(body.get("logs")), descending, limit, Paging.offset(body));
        });
        r.routes().addHttpHandler(HandlerType.GET, r.basePath() + "/flow_runs/{id}/logs/download", ctx -> {
            UUID id;
            try {
                id = UUID.fromString(ctx.pathParam("id"));
            } catch (IllegalArgumentException e) {
                throw ApiException.detail(404, "Not Found");
            }
            String name = logs.flowRunName(id).orElseThrow(() -> ApiException.detail(404, "Flow run not found"));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=" + name + "-logs.csv");
            ctx.result(csv(id));
        });
        r.routes().ws(r.basePath() + "/logs/out", sockets.endpoint(new LogsOutSocket(stream)));
    }

    private String csv(UUID flowRunId) {
        StringBuilder out = new StringBuilder("timestamp,level,flow_run_id,task_run_id,message\r\n");
        LogFilter filter = new LogFilter(false, null, null, null, null, List.of(flowRunId), null, null, null);
        for (int offset = 0; ; offset += DOWNLOAD_PAGE) {
            List<LogRecord> page = logs.filter(filter, false, DOWNLOAD_PAGE, offset);
            for (LogRecord l : page) {
                out.append((l.timestamp().getNano() == 0 ? CSV_TIME_WHOLE_SECOND : CSV_TIME).format(l.timestamp())).append(',').append(l.level()).append(',')
                        .append(l.flowRunId() == null ? "" : l.flowRunId()).append(',')
                        .append(l.taskRunId() == null ? "" : l.taskRunId()).append(',')
                        .append(csvField(l.message())).append("\r\n");
            }
            if (page.size() < DOWNLOAD_PAGE) {
                return out.toString();
            }
        }
    }

    /** Quotes a field the way Python's csv module does (minimal quoting). */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String stripNul(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
    }

    private static UUID uuid(JsonNode n) {
        return n == null || n.isNull() ? null : UUID.fromString(n.asText());
    }
}
