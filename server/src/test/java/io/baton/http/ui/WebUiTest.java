package io.baton.http.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.app.Settings;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The web UI served beside the API, from a bundle in a directory (as {@code PREFECT_UI_STATIC_DIRECTORY}
 * names one): files, the single-page fallback, validators, compression, caching and the serve base.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {

    private static final String PLACEHOLDER = UiBundle.SERVE_BASE_PLACEHOLDER;
    private static final String ASSET = "/assets/index-Ab12Cd34.js";

    @Parameter
    DbKind db;

    Path bundle;
    BatonServer atRoot;
    BatonServer underBase;
    BatonServer disabled;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeParameterizedClassInvocation
    void start() throws IOException {
        bundle = Files.createTempDirectory("baton-ui-bundle");
        Files.createDirectories(bundle.resolve("assets"));
        Files.writeString(bundle.resolve("index.html"), "<html><script src=\"" + PLACEHOLDER + ASSET
                + "\"></script><div id=\"app\"></div></html>");
        Files.writeString(bundle.resolve(ASSET.substring(1)),
                "import('" + PLACEHOLDER + "/assets/page.js');\n" + "console.log('baton');\n".repeat(100));
        Files.write(bundle.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        atRoot = TestServers.fresh(db, s -> s.withUi(new Settings.Ui(true, "", "/api", bundle)));
        underBase = TestServers.fresh(db, s -> s.withUi(new Settings.Ui(true, "/prefect", "/api", bundle)));
        disabled = TestServers.fresh(db, s -> s.withUi(new Settings.Ui(false, "", "/api", bundle)));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        for (BatonServer server : new BatonServer[] {atRoot, underBase, disabled}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private HttpResponse<byte[]> send(BatonServer server, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, method.equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> get(BatonServer server, String path, String... headers) {
        return send(server, "GET", path, headers);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void rootServesTheIndexWithTheServeBaseFilledIn() {
        HttpResponse<byte[]> index = get(atRoot, "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(text(index)).contains("src=\"" + ASSET + "\"").doesNotContain(PLACEHOLDER);
        assertThat(index.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void pagesTheAppRoutesItselfAnswerTheIndexOnlyToClientsAcceptingHtml() {
        HttpResponse<byte[]> page = get(atRoot, "/runs/flow-run/42", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("<div id=\"app\">");

        HttpResponse<byte[]> json = get(atRoot, "/runs/flow-run/42", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(text(json)).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(get(atRoot, "/dashboard").statusCode()).isEqualTo(404);
    }

    @Test
    void apiRoutesWinAndUnknownApiPathsStayJson404() {
        assertThat(send(atRoot, "POST", "/api/flows/filter", "Content-Type", "application/json").statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> unknown = get(atRoot, "/api/no-such-route", "Accept", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(text(get(atRoot, "/ui-settings"))).contains("\"api_url\":\"/api\"");
    }

    @Test
    void otherMethodsGet405OnFilesAnd404Elsewhere() {
        assertThat(send(atRoot, "POST", ASSET).statusCode()).isEqualTo(405);
        assertThat(send(atRoot, "DELETE", "/dashboard", "Accept", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void validatorsAnswer304() {
        HttpResponse<byte[]> first = get(atRoot, ASSET);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<byte[]> byEtag = get(atRoot, ASSET, "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(get(atRoot, ASSET, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get(atRoot, ASSET, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void hashedAssetsAreImmutableAndTextIsGzipped() throws IOException {
        HttpResponse<byte[]> plain = get(atRoot, ASSET);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(text(plain)).contains("import('/assets/page.js')");

        HttpResponse<byte[]> gzipped = get(atRoot, ASSET, "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        HttpResponse<byte[]> image = get(atRoot, "/logo.png", "Accept-Encoding", "gzip");
        assertThat(image.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void aSingleRangeAnswers206() {
        HttpResponse<byte[]> range = get(atRoot, "/logo.png", "Range", "bytes=1-3");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1-3/7");
        assertThat(new String(range.body(), StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(get(atRoot, "/logo.png", "Range", "bytes=50-").statusCode()).isEqualTo(416);
    }

    @Test
    void aServeBaseMountsTheUiBelowIt() {
        HttpResponse<byte[]> page = get(underBase, "/prefect/dashboard", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("src=\"/prefect" + ASSET + "\"");
        assertThat(get(underBase, "/prefect" + ASSET).statusCode()).isEqualTo(200);
        assertThat(get(underBase, "/dashboard", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(text(get(underBase, "/prefect/ui-settings"))).contains("\"api_url\":\"/api\"");
    }

    @Test
    void oldSecondUiLinksRedirectToThisUi() {
        HttpResponse<byte[]> redirect = get(atRoot, "/v2/runs", "Accept", "text/html");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/runs");
    }

    @Test
    void aDisabledUiServesNothing() {
        assertThat(get(disabled, "/", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(get(disabled, "/dashboard", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(send(disabled, "POST", "/api/flows/filter", "Content-Type", "application/json").statusCode())
                .isEqualTo(200);
    }
}
