package io.driftwatch.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** String parameters of a statement, and the {@code ?, ?, ?} of an {@code IN (...)} list over them. */
final class SqlParams {

    private SqlParams() {
    }

    static String inList(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static void bind(PreparedStatement s, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setString(i + 1, params.get(i));
        }
    }
}
