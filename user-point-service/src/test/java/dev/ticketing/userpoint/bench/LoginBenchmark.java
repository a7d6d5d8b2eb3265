package dev.ticketing.userpoint.bench;

import dev.ticketing.testsupport.TestDatabase;
import dev.ticketing.userpoint.UserPointApplication;
import dev.ticketing.userpoint.application.LoginService;
import dev.ticketing.userpoint.application.SignUpService;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Logins per second at a bcrypt cost: {@code login} is the whole use case (throttle upserts in MariaDB, the bcrypt
 * check, an ES256 signature), {@code hashCheckOnly} the bcrypt check alone, i.e. what the cost factor buys. No HTTP.
 * Run (threads: -t; the machine has 2 cores):
 * ./mvnw -o -pl user-point-service -Pjmh test-compile exec:exec -Djmh.args="LoginBenchmark -f 1 -wi 1 -i 3 -t 2"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class LoginBenchmark {

    private static final int USERS = 20;
    private static final String PASSWORD = "benchmark password";

    @Param({"10", "12"})
    public int bcryptStrength;

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private LoginService login;
    private PasswordEncoder encoder;
    private String hash;
    private final LongAdder refused = new LongAdder();

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = TestDatabase.create("login-bench");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = generator.generateKeyPair();
            // command-line arguments, not default properties: application.yml's ${MYSQL_URL:...} would beat those
            context = new SpringApplicationBuilder(UserPointApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + database.url(),
                            "--spring.datasource.username=" + database.user(),
                            "--spring.datasource.password=" + database.password(),
                            "--auth.bcrypt-strength=" + bcryptStrength,
                            "--auth.keys[0].id=bench",
                            "--auth.keys[0].public-key=" + pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                            "--auth.keys[0].private-key=" + pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                            "--logging.level.root=WARN", "--management.tracing.sampling.probability=0");
            login = context.getBean(LoginService.class);
            encoder = context.getBean(PasswordEncoder.class);
            hash = encoder.encode(PASSWORD);
            SignUpService signUp = context.getBean(SignUpService.class);
            for (int i = 1; i <= USERS; i++) {
                signUp.signUp("bench" + i, PASSWORD);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (context != null) {
            context.close();
        }
        database.close();
        if (refused.sum() > 0) {
            throw new IllegalStateException(refused.sum() + " logins were refused: the figures are not of logins");
        }
    }

    @Benchmark
    public LoginService.Result login() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LoginService.Result result = login.login("bench" + random.nextInt(1, USERS + 1), PASSWORD,
                "10.0." + random.nextInt(256) + "." + random.nextInt(256));
        if (!(result instanceof LoginService.Result.LoggedIn)) {
            refused.increment();
        }
        return result;
    }

    @Benchmark
    public boolean hashCheckOnly() {
        return encoder.matches(PASSWORD, hash);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
