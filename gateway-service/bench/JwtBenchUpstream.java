import com.nimbusds.jose.*;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.*;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.*;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Executors;

/**
 * For jwt-overhead.sh: the issuer and the service behind the gateway in one JVM. {@code /keys} is a JWKS of one P-256
 * key made at start; every other path answers the same small JSON. Writes a valid ES256 access token of user 1 (issuer
 * {@code http://bench.issuer}, one hour) to the file given.
 */
public class JwtBenchUpstream {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench-1").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench-1").type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer("http://bench.issuer").subject("1").issueTime(new Date(now))
                        .expirationTime(new Date(now + 3_600_000)).claim("roles", List.of("USER")).build());
        jwt.sign(new ECDSASigner(key));
        Files.writeString(Path.of(args[1]), jwt.serialize());
        byte[] answer = "{\"token\":\"x\",\"userId\":1,\"status\":\"ACTIVE\"}".getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/", exchange -> {
            boolean keys = exchange.getRequestURI().getPath().equals("/keys");
            if (keys) {
                System.out.println("keys fetched");
            }
            byte[] body = keys ? jwks.getBytes() : answer;
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
