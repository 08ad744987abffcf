package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Settings;
import org.dadiff4j.pipeline.Method;
import org.junit.jupiter.api.Test;

class MethodVariantTest {

    private static List<String> labels(String spec) {
        return MethodVariant.parseList(spec).stream().map(MethodVariant::label).toList();
    }

    @Test
    void plainMethodsAndVariants() {
        assertEquals(List.of("bicubic", "restore", "ddnm", "dadiff", "dadiff@alpha=0.1", "dadiff@perturb=false"),
                labels("bicubic, restore,ddnm,DADiff,dadiff@alpha=.10,dadiff@perturb=FALSE"));
        MethodVariant v = MethodVariant.parseList("dadiff@perturb=false@alpha=1").get(0);
        assertEquals("dadiff@perturb=false@alpha=1.0", v.label());
        Settings base = Settings.builder().optMethod(Method.BICUBIC).optSteps(7).build();
        Settings s = v.apply(base);
        assertEquals(Method.DADIFF, s.method());
        assertFalse(s.perturb());
        assertEquals(1.0, s.alpha());
        assertEquals(7, s.steps(), "settings not overridden are kept");
        assertFalse(s.reread(), "E(y) conditions the guidance by default");
        MethodVariant r = MethodVariant.parseList("dadiff@reread=TRUE").get(0);
        assertEquals("dadiff@reread=true", r.label());
        assertTrue(r.apply(base).reread());
        assertTrue(base.toBuilder().optMethod(Method.DADIFF).optOfficial(true).optStrength(1).build().reread(),
                "the official sampler always re-reads y_p");
        Settings d = MethodVariant.parseList("ddnm@steps=20@sigma-y=0.05").get(0).apply(base);
        assertEquals(20, d.steps());
        assertEquals(0.05f, (float) d.sigmaY());
        Settings one = MethodVariant.parseList("restore@ensemble=1").get(0).apply(base);
        assertEquals(1, one.ensemble());
        assertEquals(8, MethodVariant.parseList("restore").get(0).apply(base).ensemble());
    }

    @Test
    void valueListsExpandToEveryCombination() {
        assertEquals(List.of("dadiff@alpha=0.1", "dadiff@alpha=0.3", "dadiff@alpha=0.5", "dadiff@alpha=1.0"),
                labels("dadiff@alpha=0.1/0.3/0.5/1.0"));
        assertEquals(List.of("dadiff@perturb=false@alpha=1.0", "dadiff@perturb=true@alpha=1.0",
                "dadiff@perturb=false@alpha=0.3", "dadiff@perturb=true@alpha=0.3"),
                labels("dadiff@perturb=false/true@alpha=1/0.3"));
    }

    @Test
    void mistakesAreOneLineErrors() {
        assertMessage("bicubic@alpha=0.1", "method 'bicubic@alpha=0.1': bicubic does not use alpha");
        assertMessage("dadiff@beta=1", "method 'dadiff@beta=1': unknown key 'beta' (choose from alpha, perturb, reread, steps, strength, eta, sigma_y, ensemble)");
        assertMessage("restore@ensemble=3", "method 'restore@ensemble=3': bad value '3' for ensemble (1, 2, 4 or 8)");
        assertMessage("bicubic@ensemble=8", "method 'bicubic@ensemble=8': bicubic does not use ensemble");
        assertMessage("dadiff@alpha=x", "method 'dadiff@alpha=x': bad value 'x' for alpha (0 to 10)");
        assertMessage("dadiff@perturb=maybe", "method 'dadiff@perturb=maybe': bad value 'maybe' for perturb (true or false)");
        assertMessage("ddnm@steps=0", "method 'ddnm@steps=0': bad value '0' for steps (1 to 1000)");
        assertMessage("dadiff@alpha=0.1@alpha=0.2", "method 'dadiff@alpha=0.1@alpha=0.2': alpha is given twice");
        assertMessage("dadiff@official=true", "method 'dadiff@official=true': official applies to the whole run (--official)");
        assertMessage("dadiff@alpha", "method 'dadiff@alpha': expected key=value after '@', got 'alpha'");
        assertMessage("bicubic,dadiff,bicubic", "method 'bicubic' is listed twice");
        assertMessage(" , ", "no method given (e.g. --methods bicubic,restore,ddnm,dadiff)");
        assertTrue(assertThrows(DadiffException.class, () -> labels("sharpen")).getMessage().startsWith("unknown method 'sharpen'"));
    }

    private static void assertMessage(String spec, String message) {
        assertEquals(message, assertThrows(DadiffException.class, () -> labels(spec)).getMessage());
    }
}
