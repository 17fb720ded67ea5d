package io.driftwatch.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What is written in the same transaction as stored alerts, last before it commits: the audit log entry and the
 * webhook outbox rows, so a stored alert change always has them and a rolled-back one never does.
 */
public interface AlertChanges {

    /**
     * @param alerts  the alerts as one transaction stored them: opened or counted again ({@code closing} false), or
     *                closed ({@code closing} true)
     */
    void stored(Connection c, List<Alert> alerts, boolean closing, Instant now) throws SQLException;
}
