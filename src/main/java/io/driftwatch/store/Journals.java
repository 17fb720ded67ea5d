package io.driftwatch.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.config.DriftwatchConfig;

/** Picks the journal: files next to an embedded database, the database itself when it is a server. */
@ApplicationScoped
public class Journals {

    @Produces
    @ApplicationScoped
    EventJournal journal(DriftwatchConfig config, DataSource db, ObjectMapper json) {
        DriftwatchConfig.Journal j = config.journal();
        String store = j.store().orElse("postgresql".equals(config.database()) ? "database" : "files");
        return switch (store) {
            case "files" -> new FileJournal(Path.of(j.dir()), j.segmentBytes(), j.fsync(), json);
            case "database" -> new DatabaseJournal(db, json);
            default -> throw new IllegalStateException("driftwatch.journal.store must be files or database, got '" + store + "'");
        };
    }

    void close(@Disposes EventJournal journal) {
        if (journal instanceof FileJournal files) {
            files.close();
        }
    }
}
