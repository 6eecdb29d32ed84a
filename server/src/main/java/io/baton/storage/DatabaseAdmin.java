package io.baton.storage;

/** Whole-database operations of Prefect's {@code /admin/database/*} routes. */
public interface DatabaseAdmin {

    /** Deletes every row of every table except the block types and schemas the server registers. */
    void clear();

    /** Drops every table (the schema's migration history included). */
    void drop();

    /** Creates the schema (migrations), as at first start. */
    void create();
}
