package org.dadiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The test runner (pom.xml) runs the engine with the environment the launcher sets (scripts/runtime-env.sh). */
class RuntimeEnvTest {

    @Test
    void testRunnerHasTheLaunchersEnvironment() throws IOException {
        String script = Files.readString(Path.of("scripts/runtime-env.sh"));
        for (String name : new String[] {"OMP_WAIT_POLICY", "GLIBC_TUNABLES"}) {
            Matcher m = Pattern.compile("export " + name + "=\"\\$\\{" + name + ":-([^}]*)}\"").matcher(script);
            assertTrue(m.find(), name + " is not exported with a default by scripts/runtime-env.sh");
            assertEquals(m.group(1), System.getenv(name), name + " of the test JVM (pom.xml surefire environment)");
        }
    }
}
