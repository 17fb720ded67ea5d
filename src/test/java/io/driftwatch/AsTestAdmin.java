package io.driftwatch;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every @QuarkusTest request carries the test admin token (%test.driftwatch.admin-token) unless the test sets its
 * own Authorization header: tests of the API speak as a client with credentials, and the tests of
 * authentication say which credentials they present, including none ({@code ""}).
 */
public class AsTestAdmin implements QuarkusTestBeforeEachCallback {

    public static final String TOKEN = "test-admin-token";
    /** %test.driftwatch.deployments.hmac-key, as CI holds it to sign deployment records. */
    public static final String HMAC_KEY = "scenario-test-hmac-key";

    private static final Filter ADMIN = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return context.next(request, response);
    };

    /** A new token with only these roles, made through POST /tokens as the test admin. */
    public static String token(String name, String... roles) {
        return RestAssured.given().contentType("application/json")
                .body(java.util.Map.of("name", name, "roles", java.util.List.of(roles)))
                .post("/tokens").then().statusCode(201).extract().path("token");
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(ADMIN);
    }
}
