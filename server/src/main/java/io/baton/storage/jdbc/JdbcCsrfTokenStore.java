package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.MiscTables.CSRF_TOKEN;

import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.admin.CsrfToken;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

public final class JdbcCsrfTokenStore implements CsrfTokenStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;

    public JdbcCsrfTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public CsrfToken issue(String client, Duration ttl) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant now = Times.now();
        Instant expiration = now.plus(ttl);
        return db.write(dsl -> {
            dsl.deleteFrom(CSRF_TOKEN.table()).where(CSRF_TOKEN.EXPIRATION.lt(now)).execute();
            dsl.insertInto(CSRF_TOKEN.table())
                    .set(CSRF_TOKEN.ID, Ids.uuid4())
                    .set(CSRF_TOKEN.CREATED, now)
                    .set(CSRF_TOKEN.UPDATED, now)
                    .set(CSRF_TOKEN.TOKEN, token)
                    .set(CSRF_TOKEN.CLIENT, client)
                    .set(CSRF_TOKEN.EXPIRATION, expiration)
                    .onConflict(Sql.unqualified(CSRF_TOKEN.CLIENT))
                    .doUpdate()
                    .set(Sql.unqualified(CSRF_TOKEN.TOKEN), token)
                    .set(Sql.unqualified(CSRF_TOKEN.EXPIRATION), expiration)
                    .set(Sql.unqualified(CSRF_TOKEN.UPDATED), now)
                    .execute();
            return dsl.select(CSRF_TOKEN.ID, CSRF_TOKEN.CREATED, CSRF_TOKEN.UPDATED, CSRF_TOKEN.TOKEN,
                            CSRF_TOKEN.CLIENT, CSRF_TOKEN.EXPIRATION)
                    .from(CSRF_TOKEN.table()).where(CSRF_TOKEN.CLIENT.eq(client))
                    .fetchOne(r -> new CsrfToken(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        });
    }

    @Override
    public boolean isValid(String client, String token) {
        Instant now = Times.now();
        return db.read(dsl -> dsl.fetchExists(dsl.selectOne().from(CSRF_TOKEN.table())
                .where(CSRF_TOKEN.CLIENT.eq(client))
                .and(CSRF_TOKEN.TOKEN.eq(token))
                .and(CSRF_TOKEN.EXPIRATION.gt(now))));
    }
}
