package io.driftwatch.ingest.cloudtrail;

import java.util.List;

/** Route tables (kind RouteTable, named by route table id): routes added, replaced and removed. */
final class RouteChanges {

    static final String KIND = "RouteTable";

    /** Where a route sends traffic: exactly one of these is set in a request. */
    private static final String[] TARGETS = {"gatewayId", "natGatewayId", "instanceId", "networkInterfaceId",
            "vpcPeeringConnectionId", "transitGatewayId", "egressOnlyInternetGatewayId", "localGatewayId",
            "carrierGatewayId", "vpcEndpointId", "coreNetworkArn"};

    private RouteChanges() {}

    /** A replaced route is logged without the target it had, so it is a route added, like a new one. */
    static List<Change> addRoute(CloudTrailRecord r) {
        At request = r.request();
        return Change.regional(r, KIND, request.text("routeTableId"), "add", Change.map("routes", List.of(
                Change.map("destination", destination(request), "target", request.first(TARGETS).text()))));
    }

    static List<Change> removeRoute(CloudTrailRecord r) {
        At request = r.request();
        return Change.regional(r, KIND, request.text("routeTableId"), "remove",
                Change.map("routes", List.of(Change.map("destination", destination(request)))));
    }

    /** A new table holds only its local route, which is not logged. */
    static List<Change> create(CloudTrailRecord r) {
        String id = r.response().get("routeTable").text("routeTableId");
        return Change.regional(r, KIND, id, "create", Change.map("vpcId", r.request().text("vpcId"), "routes", List.of()));
    }

    static List<Change> delete(CloudTrailRecord r) {
        return Change.regional(r, KIND, r.request().text("routeTableId"), "delete", null);
    }

    private static String destination(At request) {
        return request.first("destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId").text();
    }
}
