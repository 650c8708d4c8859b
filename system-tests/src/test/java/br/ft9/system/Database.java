package br.ft9.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads and writes one service's own schema with that service's own database role. */
final class Database {

    private Database() {
    }

    static Connection connect(String schema) throws SQLException {
        return connect(env("DB_NAME", "ft9_test"), schema);
    }

    /** A schema of another database: the local suite's {@code ft9}, which up.sh starts. */
    static Connection connect(String database, String schema) throws SQLException {
        String url = "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/"
                + database + "?currentSchema=" + schema;
        return DriverManager.getConnection(url, "ft9_" + schema, env("DB_PASSWORD", ""));
    }

    /** The first column of the first row, as text, or null. */
    static String value(String schema, String sql, Object... params) throws SQLException {
        try (Connection connection = connect(schema); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static int update(String schema, String sql, Object... params) throws SQLException {
        try (Connection connection = connect(schema); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
