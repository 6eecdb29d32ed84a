package io.baton.http.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The UI settings read from Prefect's environment variable names. */
class UiSettingsEnvironmentTest {

    @Test
    void defaultsServeThePackedUiAtTheRootWithARelativeApiUrl() {
        Settings.Ui ui = Settings.Ui.from(Map.of());
        assertThat(ui.enabled()).isTrue();
        assertThat(ui.serveBase()).isEmpty();
        assertThat(ui.apiUrl()).isEqualTo("/api");
        assertThat(ui.staticDirectory()).isNull();
    }

    @Test
    void prefectNamesConfigureIt() {
        Settings.Ui ui = Settings.Ui.from(Map.of(
                "PREFECT_UI_ENABLED", "false",
                "PREFECT_UI_SERVE_BASE", "prefect/",
                "PREFECT_UI_API_URL", "https://example.org/api",
                "PREFECT_UI_STATIC_DIRECTORY", "/opt/prefect/server/ui"));
        assertThat(ui.enabled()).isFalse();
        assertThat(ui.serveBase()).isEqualTo("/prefect");
        assertThat(ui.apiUrl()).isEqualTo("https://example.org/api");
        assertThat(ui.staticDirectory()).isEqualTo(Path.of("/opt/prefect/server/ui"));
        assertThat(Settings.Ui.from(Map.of("PREFECT_SERVER_UI_SERVE_BASE", "/")).serveBase()).isEmpty();
    }

    @Test
    void placeholderIsReplacedInTextFilesOnly() {
        byte[] js = (UiBundle.SERVE_BASE_PLACEHOLDER + "/assets/a.js").getBytes();
        assertThat(new String(UiBundle.withServeBase("/assets/x.js", js, "/base"))).isEqualTo("/base/assets/a.js");
        assertThat(UiBundle.withServeBase("/assets/x.map", js, "/base")).isSameAs(js);
    }
}
