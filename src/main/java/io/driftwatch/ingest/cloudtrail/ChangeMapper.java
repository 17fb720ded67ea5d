package io.driftwatch.ingest.cloudtrail;

import java.util.List;

/** Turns the records of one AWS service that change configuration into changes. */
interface ChangeMapper {

    /**
     * The changes a successful call made; empty when the record is no configuration change this mapper knows, or
     * does not name the object it changed: it then becomes an api event.
     *
     * @throws BadField when a value the change needs cannot be read
     */
    List<Change> changes(CloudTrailRecord r);
}
