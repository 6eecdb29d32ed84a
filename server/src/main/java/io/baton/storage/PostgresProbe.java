package io.baton.storage;

import io.baton.app.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/** One fresh connection to PostgreSQL, outside the pool, with one-second timeouts: does the server answer? */
final class PostgresProbe {

    private static final Driver DRIVER = new Driver();

    private PostgresProbe() {}

    static boolean answers(DatabaseUrl url) {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "1");
        props.setProperty("loginTimeout", "1");
        props.setProperty("socketTimeout", "1");
        props.setProperty("ApplicationName", "baton-probe");
        try (Connection c = DRIVER.connect(url.jdbcUrl(), props); var st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
