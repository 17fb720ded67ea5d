"""Runtime-feed scenarios: a week of ordinary behaviour and day 8's case as Falco, Tetragon and Sysmon send them
(falco.ndjson, tetragon.ndjson, sysmon.ndjson), posted to /ingest/falco, /ingest/tetragon and /ingest/sysmon.
The agent is the host each record names. Named via-<feed>-...: they sort after the other cases, so they took the
last ten-day slots of event time and adding them moved no other case. Imported by generate.py."""
from datetime import timedelta

SHA_SSL = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
SHA_NEW = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
SHA_EVIL = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SHA_APP = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
IMAGE = "ghcr.io/acme/agent"
DIGEST = "sha256:" + SHA_SSL

RULES = {
    "lineage": "A process starts from a parent neither the baseline nor an allowlist knows",
    "module": "A module hash loads that neither the approved hash list nor the baseline knows",
    "correlation": "A new outbound destination and a new module load on one agent within ten minutes",
}


def ts(t, digits=9):
    """RFC 3339 with a fraction, as the sensors write it."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + ("%09d" % (t.microsecond * 1000))[:digits] + "Z"


def expect(agent, rule, key):
    # novelty no deployment record explains waits for review (rules/enrichment/deployments.drl)
    return {"rule": RULES[rule], "agentId": agent, "behaviourKey": key, "severity": "high", "status": "in-review"}


def hours(t0, day8):
    t = t0
    while t < day8:
        yield t
        t += timedelta(hours=1)


# ---- Falco: a rule that reports every process spawned in a container, as http_output posts it

def falco(host, t, parent, exe, cmdline, pid=4242):
    return {"hostname": host, "output": "%s: Informational Process spawned in container (parent=%s cmdline=%s)"
            % (ts(t), parent.rsplit("/", 1)[-1], cmdline),
            "priority": "Informational", "rule": "Process spawned in container (audit)", "source": "syscall",
            "tags": ["audit", "process"], "time": ts(t),
            "output_fields": {"container.id": "c0ffee" + host[-2:], "container.image.repository": IMAGE,
                              "container.image.tag": "1.4", "container.image.digest": DIGEST,
                              "evt.type": "execve", "k8s.ns.name": "agents", "k8s.pod.name": host + "-pod",
                              "proc.cmdline": cmdline, "proc.exepath": exe, "proc.name": exe.rsplit("/", 1)[-1],
                              "proc.pid": pid, "proc.pexepath": parent, "proc.pname": parent.rsplit("/", 1)[-1],
                              "proc.ppid": 4100, "user.name": "app"}}


def falco_week(host, t0, day8):
    alerts = []
    for t in hours(t0, day8):
        alerts.append(falco(host, t, "/usr/bin/containerd-shim", "/usr/bin/python3", "python3 worker.py"))
        alerts.append(falco(host, t + timedelta(seconds=1), "/usr/bin/python3", "/usr/bin/git", "git pull"))
    return alerts


# ---- Tetragon: process_exec, tcp_connect kprobes and an IMA-hashing LSM hook, as the export writes them

def tetragon_process(host, t, exe, args, n):
    return {"exec_id": "%s:%d:%d" % (host, int(t.timestamp()), n), "pid": 5000 + n, "uid": 1000, "cwd": "/app/",
            "binary": exe, "arguments": args, "flags": "execve clone", "start_time": ts(t),
            "pod": {"namespace": "agents", "name": host + "-pod",
                    "container": {"id": "containerd://c0ffee" + host[-2:], "name": "agent",
                                  "image": {"id": IMAGE + "@" + DIGEST, "name": IMAGE + ":1.4"}}}}


def tetragon_parent(exe):
    return {"exec_id": "parent:" + exe, "pid": 4100, "uid": 1000, "binary": exe}


def tetragon_exec(host, t, parent, exe, args, n):
    return {"process_exec": {"process": tetragon_process(host, t, exe, args, n), "parent": tetragon_parent(parent)},
            "node_name": host, "time": ts(t)}


def tetragon_connect(host, t, parent, exe, daddr, n):
    return {"process_kprobe": {"process": tetragon_process(host, t, exe, "", n), "parent": tetragon_parent(parent),
                               "function_name": "tcp_connect", "policy_name": "connect",
                               "args": [{"sock_arg": {"family": "AF_INET", "type": "SOCK_STREAM", "protocol": "IPPROTO_TCP",
                                                      "saddr": "10.42.0.7", "daddr": daddr, "sport": 40000 + n,
                                                      "dport": 443}}],
                               "action": "KPROBE_ACTION_POST"},
            "node_name": host, "time": ts(t)}


def tetragon_hashed(host, t, parent, exe, path, sha, n):
    return {"process_lsm": {"process": tetragon_process(host, t, exe, "", n), "parent": tetragon_parent(parent),
                            "function_name": "file_mmap", "policy_name": "file-hashes",
                            "args": [{"file_arg": {"path": path, "permission": "-rwxr-xr-x"}}],
                            "ima_hash": "sha256:" + sha, "action": "KPROBE_ACTION_POST"},
            "node_name": host, "time": ts(t)}


def tetragon_exit(host, t, parent, exe, n):
    return {"process_exit": {"process": tetragon_process(host, t, exe, "", n), "parent": tetragon_parent(parent),
                             "status": 0, "time": ts(t)},
            "node_name": host, "time": ts(t)}


def tetragon_hour(host, t):
    return [tetragon_exec(host, t, "/usr/bin/python3", "/usr/bin/git", "pull", 1),
            tetragon_connect(host, t + timedelta(seconds=1), "/usr/bin/python3", "/usr/bin/git", "140.82.112.3", 1),
            tetragon_hashed(host, t + timedelta(seconds=2), "/usr/bin/containerd-shim", "/usr/bin/python3",
                            "/usr/lib/x86_64-linux-gnu/libssl.so.3", SHA_SSL, 2),
            tetragon_exit(host, t + timedelta(seconds=3), "/usr/bin/python3", "/usr/bin/git", 1)]


def tetragon_week(host, t0, day8):
    events = []
    for t in hours(t0, day8):
        events += tetragon_hour(host, t)
    return events


# ---- Sysmon through Winlogbeat: process create, image loads and connections of a Windows service

APP = "C:\\Program Files\\Acme\\agent.exe"
SERVICES = "C:\\Windows\\System32\\services.exe"


def sysmon(host, t, event_id, record, data, provider="Microsoft-Windows-Sysmon"):
    data = dict({"RuleName": "-", "UtcTime": t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)}, **data)
    return {"@timestamp": ts(t, 3), "event": {"code": str(event_id), "provider": provider, "kind": "event"},
            "host": {"name": host.split(".")[0].lower()},
            "winlog": {"channel": "Microsoft-Windows-Sysmon/Operational" if "Sysmon" in provider else "Security",
                       "computer_name": host, "event_id": str(event_id), "provider_name": provider,
                       "record_id": str(record), "event_data": data}}


def sysmon_load(host, t, record, dll, sha):
    return sysmon(host, t, 7, record, {"Image": APP, "ProcessId": "2310", "ImageLoaded": dll,
                                       "Hashes": "MD5=00000000000000000000000000000000,SHA256=%s" % sha.upper(),
                                       "Signed": "true"})


def sysmon_week(host, t0, day8):
    events = []
    for i, t in enumerate(hours(t0, day8)):
        r = 1000 + i * 3
        events.append(sysmon(host, t, 1, r, {"Image": APP, "CommandLine": "\"%s\" --service" % APP, "ProcessId": "2310",
                                             "ParentImage": SERVICES, "ParentProcessId": "688", "User": "NT AUTHORITY\\SYSTEM",
                                             "Hashes": "SHA256=%s" % SHA_APP}))
        events.append(sysmon_load(host, t + timedelta(seconds=1), r + 1, "C:\\Windows\\System32\\bcrypt.dll", SHA_SSL))
        events.append(sysmon(host, t + timedelta(seconds=2), 3, r + 2,
                             {"Image": APP, "ProcessId": "2310", "Protocol": "tcp", "Initiated": "true",
                              "SourceIp": "10.20.30.40", "SourcePort": "50123", "DestinationIp": "140.82.112.3",
                              "DestinationHostname": "github.com", "DestinationPort": "443"}))
    return events


def register_feed_cases(case, t0, day8):
    """Registers the cases; t0() and day8() give the case's week start and day 8 when it is written."""

    @case("via-falco-python-spawns-bash", "Falco reports a python agent's processes for a week; on day 8 python3"
          " spawns bash: the process-lineage rule fires on what Falco posted.")
    def falco_python_spawns_bash():
        host = "falco-node-1"
        alerts = falco_week(host, t0(), day8())
        alerts.append(falco(host, day8() + timedelta(minutes=5, microseconds=123457), "/usr/bin/python3", "/bin/bash",
                            "bash -c id"))
        return {"falco": alerts, "alerts": [expect(host, "lineage", "lineage:/usr/bin/python3 -> /bin/bash")]}

    @case("via-falco-near-miss", "Through Falco on day 8: python3 runs git as every hour, and logrotate runs gzip"
          " (allowlisted): nothing fires.")
    def falco_near_miss():
        host = "falco-node-2"
        alerts = falco_week(host, t0(), day8())
        alerts.append(falco(host, day8() + timedelta(minutes=5), "/usr/bin/python3", "/usr/bin/git", "git fetch"))
        alerts.append(falco(host, day8() + timedelta(minutes=6), "/usr/sbin/logrotate", "/bin/gzip", "gzip app.log"))
        return {"falco": alerts, "alerts": []}

    @case("via-tetragon-new-binary-and-destination", "Tetragon on day 8: sh execs nc (an unknown binary, whose IMA"
          " hash is new) and nc connects to a network the node never reached: the lineage, module and correlation"
          " rules fire on what Tetragon exported.")
    def tetragon_new_binary():
        host = "tetragon-node-1"
        events = tetragon_week(host, t0(), day8())
        t = day8() + timedelta(minutes=5)
        events += [tetragon_exec(host, t, "/bin/sh", "/usr/bin/nc", "64.225.45.153 443", 7),
                   tetragon_hashed(host, t + timedelta(milliseconds=1), "/bin/sh", "/usr/bin/nc", "/usr/bin/nc", SHA_NEW, 7),
                   tetragon_connect(host, t + timedelta(seconds=1), "/bin/sh", "/usr/bin/nc", "64.225.45.153", 7),
                   tetragon_exit(host, t + timedelta(seconds=9), "/bin/sh", "/usr/bin/nc", 7)]
        return {"tetragon": events, "alerts": [
            expect(host, "lineage", "lineage:/bin/sh -> /usr/bin/nc"),
            expect(host, "module", "module:/usr/bin/nc loads " + SHA_NEW),
            expect(host, "correlation", "new-destination+new-module")]}

    @case("via-tetragon-near-miss", "Tetragon on day 8: the node's ordinary hour (git exec, a connect to GitHub's"
          " network, libssl with its known hash) and exits: nothing fires.")
    def tetragon_near_miss():
        host = "tetragon-node-2"
        events = tetragon_week(host, t0(), day8()) + tetragon_hour(host, day8() + timedelta(minutes=5))
        events.append(tetragon_connect(host, day8() + timedelta(minutes=6), "/usr/bin/python3", "/usr/bin/git",
                                       "140.82.112.9", 3))
        return {"tetragon": events, "alerts": []}

    @case("via-sysmon-unknown-module", "Sysmon through Winlogbeat on day 8: the agent service loads a DLL whose"
          " SHA256 is neither approved nor in its baseline: the module rule fires on event 7.")
    def sysmon_unknown_module():
        host = "WIN-APP-01.corp.example"
        events = sysmon_week(host, t0(), day8())
        events.append(sysmon_load(host, day8() + timedelta(minutes=5), 9001, "C:\\Users\\Public\\evil.dll", SHA_EVIL))
        return {"sysmon": events, "alerts": [expect(host, "module", "module:" + APP + " loads " + SHA_EVIL)]}

    @case("via-sysmon-near-miss", "Sysmon through Winlogbeat on day 8: the service loads its known bcrypt.dll hash"
          " from another folder, exits, and a Security-channel event arrives: nothing fires.")
    def sysmon_near_miss():
        host = "WIN-APP-02.corp.example"
        events = sysmon_week(host, t0(), day8())
        t = day8() + timedelta(minutes=5)
        events += [sysmon_load(host, t, 9001, "C:\\Program Files\\Acme\\bcrypt.dll", SHA_SSL),
                   sysmon(host, t + timedelta(seconds=1), 5, 9002, {"Image": APP, "ProcessId": "2310"}),
                   sysmon(host, t + timedelta(seconds=2), 4688, 9003, {"NewProcessName": APP},
                          provider="Microsoft-Windows-Security-Auditing")]
        return {"sysmon": events, "alerts": []}
