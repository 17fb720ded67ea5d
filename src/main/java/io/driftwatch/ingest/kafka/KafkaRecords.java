package io.driftwatch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.ingest.EventReader;
import io.driftwatch.ingest.ReadLimitException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReaderLimits;
import io.driftwatch.ingest.cloudtrail.CloudTrailReader;
import io.driftwatch.ingest.falco.FalcoReader;
import io.driftwatch.ingest.sysmon.SysmonReader;
import io.driftwatch.ingest.tetragon.TetragonReader;
import io.driftwatch.ingest.k8s.K8sAuditReader;

/**
 * Reads one Kafka record with the reader its topic names: normalized events, Kubernetes audit (header
 * {@code cluster} names the agent, else {@code driftwatch.drift.cluster-name}), CloudTrail, Falco, Tetragon or
 * Sysmon (their records name their host, the agent). The same readers
 * and limits as the REST endpoints, so a record is judged the same whichever way it came.
 */
final class KafkaRecords {

    private static final int MAX_CLUSTERS = 256;

    private final DriftwatchConfig.Kafka.Topics topics;
    private final String defaultCluster;
    private final ReaderLimits limits;
    private final EventReader events;
    private final CloudTrailReader cloudTrail;
    private final FalcoReader falco;
    private final TetragonReader tetragon;
    private final SysmonReader sysmon;
    /** One audit reader per cluster named in headers (building one per record would cost more than reading it). */
    private final Map<String, K8sAuditReader> audit = new HashMap<>();

    KafkaRecords(DriftwatchConfig config, ReaderLimits limits) {
        this.topics = config.kafka().topics();
        this.defaultCluster = config.drift().clusterName();
        this.limits = limits;
        this.events = new EventReader(limits);
        this.cloudTrail = new CloudTrailReader(limits);
        this.falco = new FalcoReader(limits);
        this.tetragon = new TetragonReader(limits);
        this.sysmon = new SysmonReader(limits);
    }

    /** The record's events, rejections and ignored parts; a record that cannot be read at all is one rejection. */
    ReadResult read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return rejected("the record has no value");
        }
        try {
            String topic = record.topic();
            if (topic.equals(topics.events())) {
                return events.read(value, EventReader.Format.JSON);
            }
            if (topic.equals(topics.k8sAudit())) {
                return auditReader(header(record, "cluster", defaultCluster)).read(value, false);
            }
            if (topic.equals(topics.cloudtrail())) {
                return cloudTrail.read(value, false);
            }
            if (topic.equals(topics.falco())) {
                return falco.read(value, false, null);
            }
            if (topic.equals(topics.tetragon())) {
                return tetragon.read(value, false, null);
            }
            if (topic.equals(topics.sysmon())) {
                return sysmon.read(value, false, null);
            }
            return rejected("topic " + topic + " has no reader");
        } catch (ReadLimitException e) {
            return rejected(e.getMessage());
        } catch (RuntimeException e) {
            // a reader that fails on some input must not stop the partition behind it: the record goes aside
            return rejected("the record could not be read: " + e);
        }
    }

    private K8sAuditReader auditReader(String cluster) {
        K8sAuditReader r = audit.get(cluster);
        if (r == null) {
            r = new K8sAuditReader(cluster, limits); // refuses a blank or overlong name: the record is set aside
            if (audit.size() < MAX_CLUSTERS) { // header values come from producers: bound what is kept
                audit.put(cluster, r);
            }
        }
        return r;
    }

    private static ReadResult rejected(String reason) {
        return new ReadResult(java.util.List.of(), java.util.List.of(new ReadResult.Rejection(0, null, "", reason)));
    }

    private static String header(ConsumerRecord<?, ?> record, String name, String otherwise) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? otherwise : new String(h.value(), StandardCharsets.UTF_8);
    }
}
