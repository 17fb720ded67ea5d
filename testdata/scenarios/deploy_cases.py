"""Deployment-record scenarios: a release's records in deployments.json (as CI posts them to POST /deployments),
the behaviour or configuration change around it, and what enrichment must make of each alert (suppressed,
tagged, in review, escalated). Imported by generate.py, which passes in its week() and event builders."""
from datetime import timedelta

from drift_cases import audit, binding, deployment, manifest, key

OLD_IMAGE = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
NEW_IMAGE = "sha256:" + "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"
SHA_GUNICORN_LIB = "5feceb66ffc86f439d936a9e4d8b7d9e0a1f0a5e0c5b6a1b6a0a0a7c3d2c1b0a"
SHA_DROPPER = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b"

RULES = {
    "lineage": "A process starts from a parent neither the baseline nor an allowlist knows",
    "module": "A module hash loads that neither the approved hash list nor the baseline knows",
    "service": "A Service is exposed outside the cluster without approval",
    "image": "A workload runs an image other than the approved one",
    "rbac-admin": "A subject is granted cluster-admin, admin or a wildcard role outside the approved RBAC",
}


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def expect(agent, rule, behaviour, severity, status):
    return {"rule": RULES[rule], "agentId": agent, "behaviourKey": behaviour, "severity": severity, "status": status}


def record(rid, started, finished, scope, images=(), expects=None):
    r = {"id": rid, "service": "shop-web", "workload": "Deployment/shop/web", "scope": scope,
         "commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
         "images": [{"name": "registry.example/shop/web:1.5.0", "digest": d} for d in images],
         "pipeline": {"name": "shop-web-release", "runId": rid, "url": "https://ci.example/runs/" + rid},
         "actor": "alice@example.com", "startedAt": ts(started), "finishedAt": ts(finished)}
    if expects:
        r["expects"] = expects
    return r


def spawn(agent, t, parent, exe, digest):
    return {"agentId": agent, "time": ts(t), "type": "process",
            "process": {"exe": exe, "args": [], "pid": 5150, "user": "app", "parent": {"exe": parent, "pid": 5100}},
            "container": {"id": "c-" + agent, "image": "registry.example/shop/web", "imageDigest": digest}}


def load(agent, t, sha, digest, exe="/usr/bin/python3"):
    return {"agentId": agent, "time": ts(t), "type": "module", "process": {"exe": exe},
            "module": {"path": "/usr/lib/python3/dist-packages/_m%s.so" % sha[:6], "sha256": sha},
            "container": {"id": "c-" + agent, "image": "registry.example/shop/web", "imageDigest": digest}}


def register_deploy_cases(case, day8, week):
    def at(minutes):
        return day8() + timedelta(minutes=minutes)

    release_behaviour = lambda a: [spawn(a, at(6), "/usr/bin/python3", "/usr/bin/gunicorn", NEW_IMAGE),
                                   load(a, at(7), SHA_GUNICORN_LIB, NEW_IMAGE)]

    @case("deploy-release-suppressed", "A verified release declares the lineage and module it adds: both alerts are suppressed and learned.")
    def release_suppressed():
        a = "deploy-1"
        rec = record("run-1001", at(0), at(5), {"agents": [a]}, [NEW_IMAGE],
                     {"lineages": ["/usr/bin/python3 -> /usr/bin/gunicorn"], "moduleHashes": [SHA_GUNICORN_LIB]})
        return {"events": week(a) + release_behaviour(a), "deployments": [rec],
                "alerts": [expect(a, "lineage", "lineage:/usr/bin/python3 -> /usr/bin/gunicorn", "high", "suppressed"),
                           expect(a, "module", "module:/usr/bin/python3 loads " + SHA_GUNICORN_LIB, "high", "suppressed")]}

    @case("deploy-release-without-record", "The same new lineage and module with no deployment record: both wait for review.")
    def release_without_record():
        a = "deploy-2"
        return {"events": week(a) + release_behaviour(a),
                "alerts": [expect(a, "lineage", "lineage:/usr/bin/python3 -> /usr/bin/gunicorn", "high", "in-review"),
                           expect(a, "module", "module:/usr/bin/python3 loads " + SHA_GUNICORN_LIB, "high", "in-review")]}

    @case("deploy-attack-in-window", "Inside a release window: the declared lineage is suppressed, undeclared behaviour of the new image is tagged, but bash from the unchanged image and a module outside the declared hashes still alert.")
    def attack_in_window():
        a = "deploy-3"
        rec = record("run-1003", at(0), at(5), {"agents": [a]}, [NEW_IMAGE],
                     {"lineages": ["/usr/bin/python3 -> /usr/bin/gunicorn"], "moduleHashes": [SHA_GUNICORN_LIB]})
        return {"events": week(a) + [spawn(a, at(6), "/usr/bin/python3", "/usr/bin/gunicorn", NEW_IMAGE),
                                     spawn(a, at(8), "/usr/bin/gunicorn", "/usr/bin/uvicorn", NEW_IMAGE),
                                     spawn(a, at(9), "/usr/bin/python3", "/bin/bash", OLD_IMAGE),
                                     load(a, at(10), SHA_DROPPER, NEW_IMAGE)],
                "deployments": [rec],
                "alerts": [expect(a, "lineage", "lineage:/usr/bin/python3 -> /usr/bin/gunicorn", "high", "suppressed"),
                           expect(a, "lineage", "lineage:/usr/bin/gunicorn -> /usr/bin/uvicorn", "medium", "open"),
                           expect(a, "lineage", "lineage:/usr/bin/python3 -> /bin/bash", "high", "in-review"),
                           expect(a, "module", "module:/usr/bin/python3 loads " + SHA_DROPPER, "high", "in-review")]}

    @case("deploy-config-declared", "A verified release declares the Service it exposes and deploys a new image digest: both are approved automatically; a cluster-admin binding in the same window is escalated.")
    def config_declared():
        c = "deploy-cluster"
        old = "registry.example/shop/web@" + OLD_IMAGE
        new = "registry.example/shop/web@" + NEW_IMAGE
        svc = manifest("Service", "web", "shop", spec={"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80}]})
        exposed = manifest("Service", "web", "shop", spec={"type": "LoadBalancer", "selector": {"app": "web"}, "ports": [{"port": 80}]})
        rec = record("run-1004", at(0), at(5), {"cluster": c, "namespace": "shop"}, [NEW_IMAGE],
                     {"configObjects": ["Service/shop/web"]})
        return {"cluster": c, "approved": {c: [deployment("web", "shop", old), svc]}, "deployments": [rec],
                "k8s_audit": [audit(at(3), "patch", "Deployment", "web", ns="shop", obj=deployment("web", "shop", new), user="ci-bot"),
                              audit(at(4), "update", "Service", "web", ns="shop", obj=exposed, user="ci-bot"),
                              audit(at(6), "create", "ClusterRoleBinding", "backdoor", obj=binding(
                                  "ClusterRoleBinding", "backdoor", "ClusterRole", "cluster-admin",
                                  [{"kind": "User", "name": "mallory@example.com", "apiGroup": "rbac.authorization.k8s.io"}]))],
                "alerts": [expect(c, "image", key("Deployment", "shop/web", "image|web"), "high", "suppressed"),
                           expect(c, "service", key("Service", "shop/web", "type"), "high", "suppressed"),
                           expect(c, "rbac-admin", key("ClusterRoleBinding", "backdoor",
                                                       "grant|User:mallory@example.com|ClusterRole/cluster-admin|*|*|"), "critical", "open")]}
