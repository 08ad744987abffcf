package org.dadiff4j.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The timing wrappers must pass every default method through: a default left to the interface
 * silently changes what is measured (the prior's tile size, the guidance's tiling), as happened once.
 */
class WrappersTest {

    @ParameterizedTest
    @CsvSource({"org.dadiff4j.bench.TimedPrior, org.dadiff4j.models.DiffusionPrior",
        "org.dadiff4j.bench.TimedDegradation, org.dadiff4j.models.DegradationAwareModel"})
    void everyDefaultMethodIsDelegated(String wrapper, String role) throws Exception {
        Class<?> w = Class.forName(wrapper);
        for (Method m : Class.forName(role).getMethods()) {
            if (m.isDefault()) {
                assertDoesNotThrow(() -> w.getDeclaredMethod(m.getName(), m.getParameterTypes()),
                        wrapper + " does not delegate " + m.getName());
            }
        }
    }
}
